package io.mevkit.core.sandwich.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Large pools (reserves 10^3 to 10^30): the bound is exact (the bound keeps the victim whole, one more unit does not)
 * and the chosen size's exact profit is at least that of its neighbours and of 1 000 random sizes below the limit.
 * The victim and profit functions here are the test's own, written from the Uniswap V2 formulas.
 */
class LargePoolPropertiesTest {
    private static final BigInteger MAX_RESERVE = BigInteger.ONE.shiftLeft(112).subtract(BigInteger.ONE);
    private static final int RANDOM_SIZES = 1000;

    record LargeCase(
            BigInteger x,
            BigInteger y,
            long f,
            long d,
            boolean exactInput,
            BigInteger amount,
            BigInteger limit,
            BigInteger capital,
            long seed) {

        HopModel model() {
            return exactInput
                    ? HopModel.exactInput(x, y, f, d, amount, limit)
                    : HopModel.exactOutput(x, y, f, d, amount, limit);
        }

        boolean victimSucceeds(BigInteger a) {
            if (x.add(a).compareTo(MAX_RESERVE) > 0) {
                return false;
            }
            BigInteger o = out(a, x, y);
            BigInteger x1 = x.add(a);
            BigInteger y1 = y.subtract(o);
            if (exactInput) {
                return x1.add(amount).compareTo(MAX_RESERVE) <= 0
                        && out(amount, x1, y1).compareTo(limit) >= 0;
            }
            if (y1.compareTo(amount) <= 0) {
                return false;
            }
            BigInteger in = in(amount, x1, y1);
            return in.compareTo(limit) <= 0 && x1.add(in).compareTo(MAX_RESERVE) <= 0;
        }

        BigInteger profit(BigInteger a) {
            BigInteger o = out(a, x, y);
            BigInteger x1 = x.add(a);
            BigInteger y1 = y.subtract(o);
            BigInteger back;
            if (exactInput) {
                back = out(o, y1.subtract(out(amount, x1, y1)), x1.add(amount));
            } else {
                back = out(o, y1.subtract(amount), x1.add(in(amount, x1, y1)));
            }
            return back.subtract(a);
        }

        BigInteger out(BigInteger in, BigInteger rIn, BigInteger rOut) {
            if (in.signum() == 0) {
                return BigInteger.ZERO;
            }
            BigInteger withFee = in.multiply(BigInteger.valueOf(f));
            return withFee.multiply(rOut)
                    .divide(rIn.multiply(BigInteger.valueOf(d)).add(withFee));
        }

        BigInteger in(BigInteger out, BigInteger rIn, BigInteger rOut) {
            return rIn.multiply(out)
                    .multiply(BigInteger.valueOf(d))
                    .divide(rOut.subtract(out).multiply(BigInteger.valueOf(f)))
                    .add(BigInteger.ONE);
        }
    }

    @Property(tries = 1500)
    void exactInputBoundIsExactAndSizeBeatsNeighboursAndRandomSizes(@ForAll("exactInputCases") LargeCase c) {
        check(c);
    }

    @Property(tries = 1000)
    void exactOutputBoundIsExactAndSizeBeatsNeighboursAndRandomSizes(@ForAll("exactOutputCases") LargeCase c) {
        check(c);
    }

    private static void check(LargeCase c) {
        HopModel model = c.model();
        BigInteger bound = model.maxFrontRun(MAX_RESERVE);
        if (bound.signum() < 0) {
            assertFalse(c.victimSucceeds(BigInteger.ZERO), "victim fails alone in " + c);
            Statistics.label("victim").collect("fails alone");
            return;
        }
        assertTrue(c.victimSucceeds(bound), "bound keeps the victim whole in " + c);
        assertFalse(c.victimSucceeds(bound.add(BigInteger.ONE)), "bound + 1 breaks the victim in " + c);
        BigInteger seed = model.closedFormSeed();
        Statistics.label("seed vs exact bound")
                .collect(seed.equals(bound) ? "equal" : seed.compareTo(bound) < 0 ? "seed below" : "seed above");
        Statistics.label("victim").collect(bound.signum() == 0 ? "no room" : "room");
        if (bound.signum() == 0) {
            return;
        }
        BigInteger limit = bound.min(c.capital());
        HopModel.Best best = model.bestSize(limit, 4096);
        BigInteger size = best.size();
        assertTrue(size.signum() >= 0 && size.compareTo(limit) <= 0, "size within the limit in " + c);
        assertEquals(c.profit(size), best.profit(), "reported profit in " + c);
        BigInteger ceiling = best.profit().add(best.optimalityGap());
        Statistics.label("proven optimal").collect(best.optimalityGap().signum() == 0);
        if (size.compareTo(limit) < 0) {
            assertTrue(c.profit(size.add(BigInteger.ONE)).compareTo(best.profit()) <= 0, "size + 1 better in " + c);
        }
        if (size.signum() > 0) {
            assertTrue(
                    c.profit(size.subtract(BigInteger.ONE)).compareTo(best.profit()) <= 0, "size - 1 better in " + c);
        }
        SplittableRandom random = new SplittableRandom(c.seed());
        int bits = limit.bitLength();
        for (int i = 0; i < RANDOM_SIZES; i++) {
            BigInteger a;
            do {
                a = new BigInteger(bits, new java.util.Random(random.nextLong()));
            } while (a.compareTo(limit) > 0);
            assertTrue(c.profit(a).compareTo(ceiling) <= 0, "random size " + a + " beats " + size + " in " + c);
        }
    }

    @Provide
    Arbitrary<LargeCase> exactInputCases() {
        return Combinators.combine(
                        reserve(),
                        reserve(),
                        fee(),
                        Arbitraries.integers().between(1, 2_000_000),
                        Arbitraries.integers().between(1, 1000),
                        capital(),
                        Arbitraries.longs())
                .as((x, y, fee, ppm, bps, cap, seed) -> {
                    BigInteger v = x.multiply(BigInteger.valueOf(ppm))
                            .divide(BigInteger.valueOf(1_000_000))
                            .max(BigInteger.ONE);
                    LargeCase probe =
                            new LargeCase(x, y, fee[0], fee[1], true, v, BigInteger.ONE, BigInteger.ZERO, seed);
                    BigInteger quote = probe.out(v, x, y);
                    BigInteger m = quote.multiply(BigInteger.valueOf(10_000 - bps))
                            .divide(BigInteger.valueOf(10_000))
                            .max(BigInteger.ONE);
                    return new LargeCase(x, y, fee[0], fee[1], true, v, m, capitalFor(x, cap), seed);
                });
    }

    @Provide
    Arbitrary<LargeCase> exactOutputCases() {
        return Combinators.combine(
                        reserve(),
                        reserve(),
                        fee(),
                        Arbitraries.integers().between(1, 900_000),
                        Arbitraries.integers().between(1, 1000),
                        capital(),
                        Arbitraries.longs())
                .as((x, y, fee, ppm, bps, cap, seed) -> {
                    BigInteger w = y.multiply(BigInteger.valueOf(ppm))
                            .divide(BigInteger.valueOf(1_000_000))
                            .max(BigInteger.ONE)
                            .min(y.subtract(BigInteger.ONE));
                    LargeCase probe =
                            new LargeCase(x, y, fee[0], fee[1], false, w, BigInteger.ONE, BigInteger.ZERO, seed);
                    BigInteger quote = probe.in(w, x, y);
                    BigInteger max =
                            quote.add(quote.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000)));
                    return new LargeCase(x, y, fee[0], fee[1], false, w, max, capitalFor(x, cap), seed);
                });
    }

    private static BigInteger capitalFor(BigInteger x, int permille) {
        return permille < 0
                ? MAX_RESERVE
                : x.multiply(BigInteger.valueOf(permille)).divide(BigInteger.valueOf(1000));
    }

    private static Arbitrary<Integer> capital() {
        return Arbitraries.oneOf(
                Arbitraries.just(-1),
                Arbitraries.just(-1),
                Arbitraries.integers().between(0, 100));
    }

    /** 10^3 to 10^30 raw units: a mantissa times a power of ten, spread evenly over the exponents. */
    private static Arbitrary<BigInteger> reserve() {
        return Combinators.combine(
                        Arbitraries.integers().between(3, 29),
                        Arbitraries.longs().between(1_000_000_000L, 9_999_999_999L))
                .as((exponent, mantissa) -> BigInteger.valueOf(mantissa)
                        .multiply(BigInteger.TEN.pow(exponent))
                        .divide(BigInteger.TEN.pow(9)));
    }

    private static Arbitrary<long[]> fee() {
        return Arbitraries.of(
                new long[] {997, 1000}, new long[] {9975, 10_000}, new long[] {998, 1000}, new long[] {9970, 10_000});
    }
}
