package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class V2MathTest {
    static final Address A = Address.of("0x" + "0a".repeat(20));
    static final Address B = Address.of("0x" + "0b".repeat(20));
    static final Address C = Address.of("0x" + "0c".repeat(20));
    static final Address PAIR = Address.of("0x" + "ee".repeat(20));

    static BigInteger big(String v) {
        return new BigInteger(v);
    }

    @Test
    void amountOutAndInFollowTheLibraryFormulas() {
        // 1 ETH into 100 ETH / 200 000 tokens: 997e18·200000e18 / (100e18·1000 + 997e18)
        assertEquals(
                big("1974316068794122597700"),
                V2Math.getAmountOut(
                        big("1000000000000000000"),
                        big("100000000000000000000"),
                        big("200000000000000000000000"),
                        V2Fee.UNISWAP));
        // getAmountIn's + 1 is unconditional: when the division is exact it asks one unit more than needed
        // (997·1·1000 / ((1001 − 1)·997) = 1 exactly, so it asks 2, yet 1 already buys 1)
        assertEquals(
                BigInteger.TWO,
                V2Math.getAmountIn(BigInteger.ONE, BigInteger.valueOf(997), BigInteger.valueOf(1001), V2Fee.UNISWAP));
        assertEquals(
                BigInteger.ONE,
                V2Math.getAmountOut(BigInteger.ONE, BigInteger.valueOf(997), BigInteger.valueOf(1001), V2Fee.UNISWAP));
    }

    @Test
    void theFeeIsAPoolParameter() {
        BigInteger in = BigInteger.valueOf(1_000_000);
        BigInteger r = BigInteger.valueOf(1_000_000_000);
        BigInteger uni = V2Math.getAmountOut(in, r, r, V2Fee.UNISWAP);
        BigInteger cake = V2Math.getAmountOut(in, r, r, V2Fee.PANCAKESWAP);
        assertEquals(
                in.multiply(BigInteger.valueOf(9975))
                        .multiply(r)
                        .divide(r.multiply(BigInteger.valueOf(10_000)).add(in.multiply(BigInteger.valueOf(9975)))),
                cake);
        assertTrue(cake.compareTo(uni) > 0, "0.25 % fee leaves more than 0.3 %");
        assertEquals(in.multiply(r).divide(r.add(in)), V2Math.getAmountOut(in, r, r, new V2Fee(1, 1)));
    }

    @Test
    void revertsOfTheLibraryAreTypedErrors() {
        BigInteger r = BigInteger.TEN.pow(20);
        assertEquals(
                "amountIn",
                assertThrows(ValidationException.class, () -> V2Math.getAmountOut(BigInteger.ZERO, r, r, V2Fee.UNISWAP))
                        .field());
        assertEquals(
                "reserveIn",
                assertThrows(
                                ValidationException.class,
                                () -> V2Math.getAmountOut(BigInteger.ONE, BigInteger.ZERO, r, V2Fee.UNISWAP))
                        .field());
        assertEquals(
                "amountOut",
                assertThrows(ValidationException.class, () -> V2Math.getAmountIn(r, r, r, V2Fee.UNISWAP))
                        .field());
        assertEquals(
                "reserveOut",
                assertThrows(
                                ValidationException.class,
                                () -> V2Math.getAmountOut(
                                        BigInteger.ONE, r, BigInteger.ONE.shiftLeft(112), V2Fee.UNISWAP))
                        .field());
        assertEquals(
                "amountIn",
                assertThrows(
                                ValidationException.class,
                                () -> V2Math.getAmountOut(BigInteger.ONE.shiftLeft(250), r, r, V2Fee.UNISWAP))
                        .field());
        assertEquals(
                "fee.numerator",
                assertThrows(ValidationException.class, () -> new V2Fee(1001, 1000))
                        .field());
    }

    @Test
    void poolsValidateReservesAsUint112AndTokenOrder() {
        BigInteger max = BigInteger.ONE.shiftLeft(112).subtract(BigInteger.ONE);
        V2Pool pool = new V2Pool(PAIR, A, B, max, BigInteger.ONE, V2Fee.UNISWAP, 1);
        assertEquals(max, pool.reserveOf(A));
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> new V2Pool(PAIR, A, B, max.add(BigInteger.ONE), BigInteger.ONE, V2Fee.UNISWAP, 1));
        assertEquals("pool.reserve0", e.field());
        assertTrue(e.getMessage().contains(max.add(BigInteger.ONE).toString()));
        assertEquals(
                "pool.token0",
                assertThrows(
                                ValidationException.class,
                                () -> new V2Pool(PAIR, B, A, BigInteger.ONE, BigInteger.ONE, V2Fee.UNISWAP, 1))
                        .field());
        V2Pool sorted = V2Pool.of(PAIR, B, BigInteger.TWO, A, BigInteger.TEN, V2Fee.UNISWAP, 1);
        assertEquals(A, sorted.token0());
        assertEquals(BigInteger.TWO, sorted.reserveOf(B));
        assertEquals(
                "token",
                assertThrows(ValidationException.class, () -> sorted.reserveOf(C))
                        .field());
    }

    @Test
    void multiHopAmountsChainEachHop() {
        V2Pool ab = V2Pool.of(PAIR, A, big("5000000"), B, big("7000000"), V2Fee.UNISWAP, 1);
        V2Pool bc = V2Pool.of(
                Address.of("0x" + "ef".repeat(20)), B, big("9000000"), C, big("3000000"), V2Fee.PANCAKESWAP, 1);
        List<BigInteger> out = V2Math.getAmountsOut(big("10000"), List.of(A, B, C), List.of(ab, bc));
        assertEquals(V2Math.getAmountOut(big("10000"), big("5000000"), big("7000000"), V2Fee.UNISWAP), out.get(1));
        assertEquals(V2Math.getAmountOut(out.get(1), big("9000000"), big("3000000"), V2Fee.PANCAKESWAP), out.get(2));
        List<BigInteger> in = V2Math.getAmountsIn(out.get(2), List.of(A, B, C), List.of(ab, bc));
        assertEquals(out.get(2), in.get(2));
        assertEquals(V2Math.getAmountIn(out.get(2), big("9000000"), big("3000000"), V2Fee.PANCAKESWAP), in.get(1));
        assertTrue(in.get(0).compareTo(big("10000")) >= 0, "getAmountsIn never asks less than the forward input");
        assertEquals(
                "pools[0]",
                assertThrows(
                                ValidationException.class,
                                () -> V2Math.getAmountsOut(BigInteger.ONE, List.of(A, C), List.of(ab)))
                        .field());
        assertEquals(
                "pools",
                assertThrows(
                                ValidationException.class,
                                () -> V2Math.getAmountsOut(BigInteger.ONE, List.of(A, B, C), List.of(ab)))
                        .field());
    }
}
