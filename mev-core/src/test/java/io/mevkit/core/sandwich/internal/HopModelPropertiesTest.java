package io.mevkit.core.sandwich.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The exact sandwich model against an exhaustive reference on small pools (reserves up to 2^20): every front-run size
 * is tried, so the reference knows the true integer boundary and the true profit maximum without any search.
 */
class HopModelPropertiesTest {
    private static final int BUDGET = 4096;

    record Fee(long f, long d) {}

    record SmallCase(long x, long y, Fee fee, boolean exactInput, long amount, long limit, long capital) {
        SmallPoolReference reference() {
            return new SmallPoolReference(x, y, fee.f(), fee.d(), exactInput, amount, limit);
        }

        HopModel model() {
            return exactInput
                    ? HopModel.exactInput(big(x), big(y), fee.f(), fee.d(), big(amount), big(limit))
                    : HopModel.exactOutput(big(x), big(y), fee.f(), fee.d(), big(amount), big(limit));
        }

        /** Every size up to here is enumerated; wide enough to contain the profit peak of unbounded victims. */
        long scan() {
            return 3 * x + 64;
        }
    }

    @Property(tries = 3000)
    void exactInputBoundAndBestSizeMatchExhaustiveEnumeration(@ForAll("exactInputCases") SmallCase c) {
        checkAgainstReference(c);
    }

    @Property(tries = 2000)
    void exactOutputBoundAndBestSizeMatchExhaustiveEnumeration(@ForAll("exactOutputCases") SmallCase c) {
        checkAgainstReference(c);
    }

    private static void checkAgainstReference(SmallCase c) {
        SmallPoolReference ref = c.reference();
        HopModel model = c.model();
        long scan = c.scan();
        long refBound = ref.exhaustiveBound(scan);
        BigInteger bound = model.maxFrontRun(big(scan));
        assertEquals(refBound, bound.longValueExact(), "bound of " + c);
        Statistics.label("victim").collect(refBound < 0 ? "fails alone" : refBound == 0 ? "no room" : "room");
        if (refBound <= 0) {
            return;
        }
        long limit = Math.min(refBound, c.capital());
        long refBest = ref.exhaustiveBestProfit(limit);
        HopModel.Best best = model.bestSize(big(limit), BUDGET);
        assertTrue(best.size().signum() >= 0 && best.size().longValueExact() <= limit, "size within limit " + c);
        assertEquals(ref.profit(best.size().longValueExact()), best.profit().longValueExact(), "reported profit " + c);
        long gap = best.optimalityGap().longValueExact();
        Statistics.label("proven optimal").collect(gap == 0);
        Statistics.label("limit").collect(limit == refBound ? "bound" : "capital");
        Statistics.label("peak inside").collect(best.size().longValueExact() < limit);
        if (gap == 0) {
            assertEquals(Math.max(refBest, 0), best.profit().longValueExact(), "best profit of " + c);
        } else {
            long missed = refBest - best.profit().longValueExact();
            assertTrue(missed >= 0 && missed <= gap, "missed " + missed + " > gap " + gap + " in " + c);
        }
    }

    @Provide
    Arbitrary<SmallCase> exactInputCases() {
        return Combinators.combine(
                        reserve(),
                        reserve(),
                        fees(),
                        Arbitraries.integers().between(1, 2_000_000),
                        slippageBps(),
                        capitalFraction())
                .as((x, y, fee, vPpm, bps, cap) -> {
                    long v = Math.max(1, x * vPpm / 1_000_000);
                    long quote = SmallPoolReference.out(v, x, y, fee.f(), fee.d());
                    long m = Math.max(1, quote * (10_000 - bps) / 10_000);
                    return new SmallCase(x, y, fee, true, v, m, capital(x, cap));
                });
    }

    @Provide
    Arbitrary<SmallCase> exactOutputCases() {
        return Combinators.combine(
                        reserve(),
                        reserve(),
                        fees(),
                        Arbitraries.integers().between(1, 900_000),
                        slippageBps(),
                        capitalFraction())
                .as((x, y, fee, wPpm, bps, cap) -> {
                    long w = Math.max(1, Math.min(y - 1, y * wPpm / 1_000_000));
                    long quote = SmallPoolReference.in(w, x, y, fee.f(), fee.d());
                    long max = quote + quote * bps / 10_000;
                    return new SmallCase(x, y, fee, false, w, max, capital(x, cap));
                });
    }

    private static long capital(long x, int fraction) {
        // a third of the cases are capital-limited somewhere in [0, 2x]; the rest have plenty
        return fraction < 0 ? Long.MAX_VALUE : x * fraction / 500;
    }

    private static Arbitrary<Integer> capitalFraction() {
        return Arbitraries.oneOf(
                Arbitraries.just(-1),
                Arbitraries.just(-1),
                Arbitraries.integers().between(0, 1000));
    }

    /** Reserves from 2^4 to 2^20, spread evenly over bit lengths. */
    private static Arbitrary<Long> reserve() {
        return Arbitraries.integers().between(4, 20).flatMap(bits -> Arbitraries.longs()
                .between(1L << (bits - 1), (1L << bits) - 1));
    }

    private static Arbitrary<Fee> fees() {
        return Arbitraries.oneOf(
                Arbitraries.just(new Fee(997, 1000)),
                Arbitraries.just(new Fee(9975, 10_000)),
                Arbitraries.longs().between(900, 1000).map(f -> new Fee(f, 1000)));
    }

    /** 0 (no bound beyond a non-zero output) to 10 000 bps, with the realistic 1–1000 weighted up. */
    private static Arbitrary<Integer> slippageBps() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(1, 1000),
                Arbitraries.integers().between(0, 10_000));
    }

    @Property(tries = 300)
    void smoothBoundIsAboveTheExactProfitEverywhere(
            @ForAll("exactInputCases") SmallCase in, @ForAll("exactOutputCases") SmallCase out) {
        for (SmallCase c : new SmallCase[] {in, out}) {
            HopModel model = c.model();
            SmallPoolReference ref = c.reference();
            long limit = Math.min(c.scan(), 4096);
            for (long a = 0; a <= limit; a++) {
                if (!ref.victimSucceeds(a)) {
                    break;
                }
                HopModel.Smooth s = model.smooth(big(a));
                assertFalse(s.atMost(big(ref.profit(a) - 1)), "S(" + a + ") below P in " + c);
            }
        }
    }

    static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }
}
