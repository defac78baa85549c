package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FullMathTest {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    private static final BigInteger MAX = TWO_256.subtract(BigInteger.ONE);
    private static final BigInteger Q128 = BigInteger.ONE.shiftLeft(128);

    @Test
    void reproducesTheV3CoreVectors() {
        // v3-core test/FullMath.spec.ts
        assertEquals(MAX, FullMath.mulDiv(MAX, MAX, MAX));
        assertEquals(MAX, FullMath.mulDivRoundingUp(MAX, MAX, MAX));
        BigInteger q35 = BigInteger.valueOf(35).multiply(Q128);
        BigInteger q8 = BigInteger.valueOf(8).multiply(Q128);
        assertEquals(
                Q128.multiply(BigInteger.valueOf(4375)).divide(BigInteger.valueOf(1000)),
                FullMath.mulDiv(Q128, q35, q8));
        assertEquals(
                Q128.multiply(BigInteger.valueOf(4375)).divide(BigInteger.valueOf(1000)),
                FullMath.mulDivRoundingUp(Q128, q35, q8));
        BigInteger q1000 = BigInteger.valueOf(1000).multiply(Q128);
        BigInteger q3000 = BigInteger.valueOf(3000).multiply(Q128);
        assertEquals(Q128.divide(BigInteger.valueOf(3)), FullMath.mulDiv(Q128, q1000, q3000));
        assertEquals(
                Q128.divide(BigInteger.valueOf(3)).add(BigInteger.ONE), FullMath.mulDivRoundingUp(Q128, q1000, q3000));
    }

    @Test
    void revertsWhereTheContractReverts() {
        assertRule(
                V3RevertException.Rule.MUL_DIV_ZERO_DENOMINATOR,
                () -> FullMath.mulDiv(Q128, BigInteger.valueOf(5), BigInteger.ZERO));
        assertRule(V3RevertException.Rule.MUL_DIV_ZERO_DENOMINATOR, () -> FullMath.mulDiv(Q128, Q128, BigInteger.ZERO));
        assertRule(V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDiv(Q128, Q128, BigInteger.ONE));
        assertRule(
                V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDiv(MAX, MAX, MAX.subtract(BigInteger.ONE)));
        assertRule(
                V3RevertException.Rule.MUL_DIV_ZERO_DENOMINATOR,
                () -> FullMath.mulDivRoundingUp(Q128, BigInteger.valueOf(5), BigInteger.ZERO));
        assertRule(
                V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDivRoundingUp(Q128, Q128, BigInteger.ONE));
        // v3-core: "reverts if mulDiv overflows 256 bits after rounding up"
        assertRule(
                V3RevertException.Rule.MUL_DIV_ROUNDING_UP_OVERFLOW,
                () -> FullMath.mulDivRoundingUp(
                        new BigInteger("535006138814359"),
                        new BigInteger("432862656469423142931042426214547535783388063929571229938474969"),
                        BigInteger.TWO));
        assertRule(
                V3RevertException.Rule.MUL_DIV_ROUNDING_UP_OVERFLOW,
                () -> FullMath.mulDivRoundingUp(
                        new BigInteger(
                                "115792089237316195423570985008687907853269984659341747863450311749907997002549"),
                        new BigInteger(
                                "115792089237316195423570985008687907853269984659341747863450311749907997002550"),
                        new BigInteger(
                                "115792089237316195423570985008687907853269984653042931687443039491902864365164")));
    }

    @Test
    void rejectsArgumentsOutsideUint256() {
        assertThrows(
                ValidationException.class,
                () -> FullMath.mulDiv(BigInteger.ONE.negate(), BigInteger.ONE, BigInteger.ONE));
        assertThrows(ValidationException.class, () -> FullMath.mulDiv(TWO_256, BigInteger.ONE, BigInteger.ONE));
        assertThrows(
                ValidationException.class, () -> FullMath.mulDivRoundingUp(BigInteger.ONE, BigInteger.ONE, TWO_256));
    }

    /** Floor and ceiling against plain BigInteger division, including every revert. */
    @Property(tries = 5000)
    void mulDivEqualsTheBigIntegerReference(
            @ForAll("uint256") BigInteger a, @ForAll("uint256") BigInteger b, @ForAll("uint256") BigInteger d) {
        if (d.signum() == 0) {
            assertRule(V3RevertException.Rule.MUL_DIV_ZERO_DENOMINATOR, () -> FullMath.mulDiv(a, b, d));
            assertRule(V3RevertException.Rule.MUL_DIV_ZERO_DENOMINATOR, () -> FullMath.mulDivRoundingUp(a, b, d));
            return;
        }
        BigInteger[] qr = a.multiply(b).divideAndRemainder(d);
        BigInteger floor = qr[0];
        BigInteger ceil = qr[1].signum() == 0 ? floor : floor.add(BigInteger.ONE);
        if (floor.compareTo(TWO_256) >= 0) {
            assertRule(V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDiv(a, b, d));
        } else {
            assertEquals(floor, FullMath.mulDiv(a, b, d));
        }
        if (floor.compareTo(TWO_256) >= 0) {
            assertRule(V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDivRoundingUp(a, b, d));
        } else if (ceil.compareTo(TWO_256) >= 0) {
            assertRule(V3RevertException.Rule.MUL_DIV_ROUNDING_UP_OVERFLOW, () -> FullMath.mulDivRoundingUp(a, b, d));
        } else {
            assertEquals(ceil, FullMath.mulDivRoundingUp(a, b, d));
        }
    }

    /** Products near 2^256 times the denominator, where the result just fits or just overflows. */
    @Property(tries = 2000)
    void mulDivAtTheOverflowBoundary(@ForAll("uint256") BigInteger d, @ForAll("smallOffset") int offset) {
        if (d.signum() == 0) {
            return;
        }
        // a * b = target, where target / d is MAX + offset (rounded)
        BigInteger target = MAX.add(BigInteger.valueOf(offset)).multiply(d);
        BigInteger a = target.sqrt().add(BigInteger.ONE).min(MAX);
        BigInteger b = target.divide(a).min(MAX);
        BigInteger floor = a.multiply(b).divide(d);
        if (floor.bitLength() > 256) {
            assertRule(V3RevertException.Rule.MUL_DIV_OVERFLOW, () -> FullMath.mulDiv(a, b, d));
        } else {
            assertEquals(floor, FullMath.mulDiv(a, b, d));
        }
    }

    @Provide
    Arbitrary<BigInteger> uint256() {
        // a random bit length first, so that small, medium and full-width values are all common
        return Arbitraries.oneOf(
                Arbitraries.integers()
                        .between(0, 256)
                        .flatMap(bits -> bits == 0
                                ? Arbitraries.just(BigInteger.ZERO)
                                : Arbitraries.bigIntegers()
                                        .between(
                                                BigInteger.ONE.shiftLeft(bits - 1),
                                                BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE))),
                Arbitraries.of(
                        BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO, MAX, MAX.subtract(BigInteger.ONE), Q128));
    }

    @Provide
    Arbitrary<Integer> smallOffset() {
        return Arbitraries.integers().between(-3, 3);
    }

    static void assertRule(V3RevertException.Rule rule, org.junit.jupiter.api.function.Executable call) {
        V3RevertException e = assertThrows(V3RevertException.class, call);
        assertEquals(rule, e.rule(), e.getMessage());
    }
}
