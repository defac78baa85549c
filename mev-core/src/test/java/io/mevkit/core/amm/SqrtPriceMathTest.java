package io.mevkit.core.amm;

import static io.mevkit.core.amm.FullMathTest.assertRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Vectors from v3-core test/SqrtPriceMath.spec.ts, and the rounding direction as properties. */
class SqrtPriceMathTest {
    private static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger TENTH = E18.divide(BigInteger.TEN);
    private static final BigInteger MAX256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger MAX128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger PRICE_1 = Q96; // encodePriceSqrt(1, 1)
    private static final BigInteger PRICE_121_100 =
            Q96.multiply(BigInteger.valueOf(11)).divide(BigInteger.TEN);
    private static final BigInteger ECHIDNA_PRICE = new BigInteger("20282409603651670423947251286016");

    @Test
    void nextPriceFromInput() {
        assertEquals(
                new BigInteger("87150978765690771352898345369"),
                SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, TENTH, false));
        assertEquals(
                new BigInteger("72025602285694852357767227579"),
                SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, E18, TENTH, true));
        assertEquals(
                new BigInteger("624999999995069620"),
                SqrtPriceMath.getNextSqrtPriceFromInput(
                        PRICE_1, E18.multiply(BigInteger.TEN), BigInteger.ONE.shiftLeft(100), true));
        assertEquals(
                BigInteger.ONE,
                SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, BigInteger.ONE, MAX256.divide(BigInteger.TWO), true));
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, TENTH, BigInteger.ZERO, true));
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromInput(PRICE_1, TENTH, BigInteger.ZERO, false));
        assertEquals(
                BigInteger.ONE,
                SqrtPriceMath.getNextSqrtPriceFromInput(
                        BigInteger.ONE, BigInteger.ONE, BigInteger.ONE.shiftLeft(255), true));
        BigInteger sqrtP = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
        BigInteger maxAmountNoOverflow = MAX256.subtract(MAX128.shiftLeft(96).divide(sqrtP));
        assertEquals(BigInteger.ONE, SqrtPriceMath.getNextSqrtPriceFromInput(sqrtP, MAX128, maxAmountNoOverflow, true));
    }

    @Test
    void nextPriceFromInputReverts() {
        assertRule(
                Rule.ZERO_PRICE,
                () -> SqrtPriceMath.getNextSqrtPriceFromInput(BigInteger.ZERO, BigInteger.ZERO, TENTH, false));
        assertRule(
                Rule.ZERO_LIQUIDITY,
                () -> SqrtPriceMath.getNextSqrtPriceFromInput(BigInteger.ONE, BigInteger.ZERO, TENTH, true));
        assertRule(
                Rule.UINT160_OVERFLOW,
                () -> SqrtPriceMath.getNextSqrtPriceFromInput(
                        BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE),
                        BigInteger.valueOf(1024),
                        BigInteger.valueOf(1024),
                        false));
    }

    @Test
    void nextPriceFromOutput() {
        assertEquals(
                new BigInteger("88031291682515930659493278152"),
                SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, TENTH, false));
        assertEquals(
                new BigInteger("71305346262837903834189555302"),
                SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, E18, TENTH, true));
        assertEquals(
                new BigInteger("77371252455336267181195264"),
                SqrtPriceMath.getNextSqrtPriceFromOutput(
                        ECHIDNA_PRICE, BigInteger.valueOf(1024), BigInteger.valueOf(262143), true));
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, TENTH, BigInteger.ZERO, true));
        assertEquals(PRICE_1, SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, TENTH, BigInteger.ZERO, false));
    }

    @Test
    void nextPriceFromOutputRevertsAtOrBeyondTheVirtualReserves() {
        BigInteger l = BigInteger.valueOf(1024);
        assertRule(
                Rule.ZERO_PRICE,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(BigInteger.ZERO, BigInteger.ZERO, TENTH, false));
        assertRule(
                Rule.ZERO_LIQUIDITY,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(BigInteger.ONE, BigInteger.ZERO, TENTH, true));
        assertRule(
                Rule.OUTPUT_EXCEEDS_RESERVE,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(ECHIDNA_PRICE, l, BigInteger.valueOf(4), false));
        assertRule(
                Rule.OUTPUT_EXCEEDS_RESERVE,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(ECHIDNA_PRICE, l, BigInteger.valueOf(5), false));
        assertRule(
                Rule.OUTPUT_EXCEEDS_RESERVE,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(ECHIDNA_PRICE, l, BigInteger.valueOf(262145), true));
        assertRule(
                Rule.OUTPUT_EXCEEDS_RESERVE,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(ECHIDNA_PRICE, l, BigInteger.valueOf(262144), true));
        assertThrows(
                V3RevertException.class,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, BigInteger.ONE, MAX256, true));
        assertThrows(
                V3RevertException.class,
                () -> SqrtPriceMath.getNextSqrtPriceFromOutput(PRICE_1, BigInteger.ONE, MAX256, false));
    }

    @Test
    void amountDeltas() {
        assertEquals(
                BigInteger.ZERO,
                SqrtPriceMath.getAmount0Delta(PRICE_1, Q96.multiply(BigInteger.TWO), BigInteger.ZERO, true));
        assertEquals(BigInteger.ZERO, SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_1, BigInteger.ZERO, true));
        assertEquals(
                new BigInteger("90909090909090910"), SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, true));
        assertEquals(
                new BigInteger("90909090909090909"), SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, false));
        BigInteger p90 = BigInteger.ONE.shiftLeft(45 + 96); // encodePriceSqrt(2^90, 1)
        BigInteger p96 = BigInteger.ONE.shiftLeft(48 + 96); // encodePriceSqrt(2^96, 1)
        assertEquals(
                SqrtPriceMath.getAmount0Delta(p90, p96, E18, false).add(BigInteger.ONE),
                SqrtPriceMath.getAmount0Delta(p90, p96, E18, true));
        assertEquals(
                BigInteger.ZERO,
                SqrtPriceMath.getAmount1Delta(PRICE_1, Q96.multiply(BigInteger.TWO), BigInteger.ZERO, true));
        assertEquals(
                new BigInteger("100000000000000000"), SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18, true));
        assertEquals(
                new BigInteger("99999999999999999"), SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18, false));
        assertRule(Rule.ZERO_SQRT_RATIO, () -> SqrtPriceMath.getAmount0Delta(BigInteger.ZERO, PRICE_1, E18, true));
    }

    @Test
    void signedDeltasRoundInThePoolsFavour() {
        BigInteger up = SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, true);
        BigInteger down = SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18, false);
        assertEquals(up, SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18));
        assertEquals(down.negate(), SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, E18.negate()));
        assertEquals(
                SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18, false)
                        .negate(),
                SqrtPriceMath.getAmount1Delta(PRICE_1, PRICE_121_100, E18.negate()));
        assertThrows(
                ValidationException.class,
                () -> SqrtPriceMath.getAmount0Delta(PRICE_1, PRICE_121_100, BigInteger.ONE.shiftLeft(127)));
    }

    /** Exact rational references: the rounded-up delta is the ceiling, the rounded-down one the floor (to within one). */
    @Property(tries = 3000)
    void amount1DeltaIsTheCeilingOrFloorOfTheExactValue(
            @ForAll("sqrtPrice") BigInteger a, @ForAll("sqrtPrice") BigInteger b, @ForAll("liquidity") BigInteger l) {
        BigInteger exactNumerator = l.multiply(a.subtract(b).abs());
        BigInteger[] qr = exactNumerator.divideAndRemainder(Q96);
        assertEquals(qr[0], SqrtPriceMath.getAmount1Delta(a, b, l, false));
        assertEquals(
                qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE), SqrtPriceMath.getAmount1Delta(a, b, l, true));
    }

    @Property(tries = 3000)
    void amount0DeltaBracketsTheExactValue(
            @ForAll("sqrtPrice") BigInteger a, @ForAll("sqrtPrice") BigInteger b, @ForAll("liquidity") BigInteger l) {
        // exact: L * 2^96 * (hi - lo) / (hi * lo)
        BigInteger lo = a.min(b);
        BigInteger hi = a.max(b);
        BigInteger num = l.shiftLeft(96).multiply(hi.subtract(lo));
        BigInteger den = hi.multiply(lo);
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger floor = qr[0];
        BigInteger ceil = qr[1].signum() == 0 ? floor : floor.add(BigInteger.ONE);
        BigInteger down = SqrtPriceMath.getAmount0Delta(a, b, l, false);
        BigInteger up = SqrtPriceMath.getAmount0Delta(a, b, l, true);
        // two roundings in a row: floor(floor(x / hi) / lo) == floor(x / (hi * lo)); the ceiling likewise
        assertEquals(floor, down);
        assertEquals(ceil, up);
    }

    /** The next price after an input never passes the exact price (rounding keeps the pool solvent). */
    @Property(tries = 2000)
    void priceAfterInputRoundsTowardTheStart(
            @ForAll("sqrtPrice") BigInteger p, @ForAll("liquidity") BigInteger l, @ForAll("amount") BigInteger amount) {
        if (l.signum() == 0) {
            return;
        }
        BigInteger down = SqrtPriceMath.getNextSqrtPriceFromInput(p, l, amount, true);
        assertTrue(down.compareTo(p) <= 0);
        // exact: L*2^96*P / (L*2^96 + amount*P); the result is its ceiling
        BigInteger num = l.shiftLeft(96).multiply(p);
        BigInteger den = l.shiftLeft(96).add(amount.multiply(p));
        BigInteger[] qr = num.divideAndRemainder(den);
        BigInteger ceil = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        assertTrue(down.compareTo(ceil) >= 0, "rounded below the exact price");
        try {
            BigInteger up = SqrtPriceMath.getNextSqrtPriceFromInput(p, l, amount, false);
            assertEquals(p.add(amount.shiftLeft(96).divide(l)), up);
        } catch (V3RevertException e) {
            assertTrue(p.add(amount.shiftLeft(96).divide(l)).bitLength() > 160, e.getMessage());
        }
    }

    @Provide
    Arbitrary<BigInteger> sqrtPrice() {
        return Arbitraries.integers()
                .between(TickMath.MIN_TICK, TickMath.MAX_TICK - 1)
                .flatMap(t -> {
                    BigInteger lo = TickMath.getSqrtRatioAtTick(t);
                    BigInteger hi = TickMath.getSqrtRatioAtTick(t + 1);
                    return Arbitraries.bigIntegers().between(lo, hi.subtract(BigInteger.ONE));
                });
    }

    @Provide
    Arbitrary<BigInteger> liquidity() {
        return Arbitraries.integers()
                .between(0, 128)
                .flatMap(bits -> bits == 0
                        ? Arbitraries.just(BigInteger.ZERO)
                        : Arbitraries.bigIntegers()
                                .between(
                                        BigInteger.ONE.shiftLeft(bits - 1),
                                        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    }

    @Provide
    Arbitrary<BigInteger> amount() {
        return Arbitraries.integers().between(1, 128).flatMap(bits -> Arbitraries.bigIntegers()
                .between(
                        BigInteger.ONE.shiftLeft(bits - 1),
                        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    }
}
