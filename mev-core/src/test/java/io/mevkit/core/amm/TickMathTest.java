package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TickMathTest {

    @Test
    void extremesEqualTheContractConstants() {
        assertEquals(TickMath.MIN_SQRT_RATIO, TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK));
        assertEquals(TickMath.MAX_SQRT_RATIO, TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK));
        assertEquals(new BigInteger("4295128739"), TickMath.MIN_SQRT_RATIO);
        assertEquals(new BigInteger("1461446703485210103287273052203988822378723970342"), TickMath.MAX_SQRT_RATIO);
        // v3-core test/TickMath.spec.ts
        assertEquals(new BigInteger("4295343490"), TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK + 1));
        assertEquals(
                new BigInteger("1461373636630004318706518188784493106690254656249"),
                TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK - 1));
        assertEquals(BigInteger.ONE.shiftLeft(96), TickMath.getSqrtRatioAtTick(0));
    }

    @Test
    void ticksOutsideTheRangeRevertWithT() {
        for (int tick :
                new int[] {TickMath.MIN_TICK - 1, TickMath.MAX_TICK + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            V3RevertException e = assertThrows(V3RevertException.class, () -> TickMath.getSqrtRatioAtTick(tick));
            assertEquals("T", e.code());
            assertEquals(V3RevertException.Rule.TICK_OUT_OF_RANGE, e.rule());
            assertTrue(e.getMessage().contains("tick=" + tick), e.getMessage());
        }
    }

    @Test
    void pricesOutsideTheRangeRevertWithR() {
        for (BigInteger price : new BigInteger[] {
            BigInteger.ZERO,
            TickMath.MIN_SQRT_RATIO.subtract(BigInteger.ONE),
            TickMath.MAX_SQRT_RATIO,
            BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE)
        }) {
            V3RevertException e = assertThrows(V3RevertException.class, () -> TickMath.getTickAtSqrtRatio(price));
            assertEquals("R", e.code());
        }
        assertEquals(TickMath.MIN_TICK, TickMath.getTickAtSqrtRatio(TickMath.MIN_SQRT_RATIO));
        assertEquals(TickMath.MIN_TICK + 1, TickMath.getTickAtSqrtRatio(new BigInteger("4295343490")));
        assertEquals(
                TickMath.MAX_TICK - 1,
                TickMath.getTickAtSqrtRatio(new BigInteger("1461373636630004318706518188784493106690254656249")));
        assertEquals(
                TickMath.MAX_TICK - 1, TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE)));
    }

    @Test
    void reproducesTheV3CoreSnapshotValues() {
        // v3-core test/__snapshots__/TickMath.spec.ts.snap
        Map<Integer, String> expected = Map.ofEntries(
                Map.entry(-50, "79030349367926598376800521322"),
                Map.entry(-100, "78833030112140176575862854579"),
                Map.entry(-250, "78244023372248365697264290337"),
                Map.entry(-500, "77272108795590369356373805297"),
                Map.entry(-1000, "75364347830767020784054125655"),
                Map.entry(-2500, "69919044979842180277688105136"),
                Map.entry(-3000, "68192822843687888778582228483"),
                Map.entry(-4000, "64867181785621769311890333195"),
                Map.entry(-5000, "61703726247759831737814779831"),
                Map.entry(-50000, "6504256538020985011912221507"),
                Map.entry(-150000, "43836292794701720435367485"),
                Map.entry(-250000, "295440463448801648376846"),
                Map.entry(-500000, "1101692437043807371"),
                Map.entry(-738203, "7409801140451"),
                Map.entry(50, "79426470787362580746886972461"),
                Map.entry(100, "79625275426524748796330556128"),
                Map.entry(250, "80224679980005306637834519095"),
                Map.entry(500, "81233731461783161732293370115"),
                Map.entry(1000, "83290069058676223003182343270"),
                Map.entry(2500, "89776708723587163891445672585"),
                Map.entry(3000, "92049301871182272007977902845"),
                Map.entry(4000, "96768528593268422080558758223"),
                Map.entry(5000, "101729702841318637793976746270"),
                Map.entry(50000, "965075977353221155028623082916"),
                Map.entry(150000, "143194173941309278083010301478497"),
                Map.entry(250000, "21246587762933397357449903968194344"));
        expected.forEach((tick, value) ->
                assertEquals(new BigInteger(value), TickMath.getSqrtRatioAtTick(tick), "tick " + tick));
    }

    /**
     * Every tick: the price is strictly increasing, the tick of a tick's price is that tick, and one wei below a
     * tick's price belongs to the tick before. MAX_TICK's price is MAX_SQRT_RATIO, which getTickAtSqrtRatio rejects.
     */
    @Test
    void roundTripsEveryTickInRange() {
        BigInteger previous = BigInteger.ZERO;
        int checked = 0;
        for (int tick = TickMath.MIN_TICK; tick <= TickMath.MAX_TICK; tick++) {
            BigInteger price = TickMath.getSqrtRatioAtTick(tick);
            if (price.compareTo(previous) <= 0) {
                throw new AssertionError("not increasing at tick " + tick + ": " + previous + " then " + price);
            }
            if (tick < TickMath.MAX_TICK) {
                int back = TickMath.getTickAtSqrtRatio(price);
                if (back != tick) {
                    throw new AssertionError("getTickAtSqrtRatio(getSqrtRatioAtTick(" + tick + ")) = " + back);
                }
            }
            if (tick > TickMath.MIN_TICK) {
                int below = TickMath.getTickAtSqrtRatio(price.subtract(BigInteger.ONE));
                if (below != tick - 1) {
                    throw new AssertionError("getTickAtSqrtRatio(getSqrtRatioAtTick(" + tick + ") - 1) = " + below);
                }
            }
            previous = price;
            checked++;
        }
        assertEquals(1_774_545, checked);
        V3RevertException e = assertThrows(
                V3RevertException.class,
                () -> TickMath.getTickAtSqrtRatio(TickMath.getSqrtRatioAtTick(TickMath.MAX_TICK)));
        assertEquals("R", e.code());
    }

    @Property(tries = 3000)
    void sqrtRatioEqualsAStraightBigIntegerPortOfTheContract(
            @ForAll @IntRange(min = TickMath.MIN_TICK, max = TickMath.MAX_TICK) int tick) {
        assertEquals(referenceSqrtRatioAtTick(tick), TickMath.getSqrtRatioAtTick(tick));
    }

    @Property(tries = 3000)
    void tickAtRatioIsTheGreatestTickWhosePriceIsAtMostTheRatio(@ForAll("pricesInRange") BigInteger price) {
        int tick = TickMath.getTickAtSqrtRatio(price);
        assertEquals(referenceTickAtSqrtRatio(price), tick);
        assertTrue(TickMath.getSqrtRatioAtTick(tick).compareTo(price) <= 0);
        assertTrue(tick == TickMath.MAX_TICK
                || TickMath.getSqrtRatioAtTick(tick + 1).compareTo(price) > 0);
    }

    @Property(tries = 2000)
    void sqrtRatioIsMonotone(
            @ForAll @IntRange(min = TickMath.MIN_TICK, max = TickMath.MAX_TICK) int a,
            @ForAll @IntRange(min = TickMath.MIN_TICK, max = TickMath.MAX_TICK) int b) {
        int cmp = Integer.compare(a, b);
        assertEquals(cmp, TickMath.getSqrtRatioAtTick(a).compareTo(TickMath.getSqrtRatioAtTick(b)));
    }

    @Provide
    Arbitrary<BigInteger> pricesInRange() {
        Arbitrary<BigInteger> uniform = Arbitraries.bigIntegers()
                .between(TickMath.MIN_SQRT_RATIO, TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE));
        // log-uniform: a random bit length, so that small prices are as likely as large ones
        Arbitrary<BigInteger> logUniform = Arbitraries.integers()
                .between(33, 160)
                .flatMap(bits -> Arbitraries.bigIntegers()
                        .between(
                                BigInteger.ONE.shiftLeft(bits - 1),
                                BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)))
                .filter(p -> p.compareTo(TickMath.MIN_SQRT_RATIO) >= 0 && p.compareTo(TickMath.MAX_SQRT_RATIO) < 0);
        // a tick's exact price and its neighbours
        Arbitrary<BigInteger> atTicks = Arbitraries.integers()
                .between(TickMath.MIN_TICK + 1, TickMath.MAX_TICK - 1)
                .flatMap(t -> Arbitraries.of(-1, 0, 1)
                        .map(d -> TickMath.getSqrtRatioAtTick(t).add(BigInteger.valueOf(d))));
        return Arbitraries.oneOf(uniform, logUniform, atTicks);
    }

    /** The contract's formula on BigInteger, step by step, without the long arithmetic under test. */
    static BigInteger referenceSqrtRatioAtTick(int tick) {
        String[] c = {
            "fff97272373d413259a46990580e213a", "fff2e50f5f656932ef12357cf3c7fdcc", "ffe5caca7e10e4e61c3624eaa0941cd0",
            "ffcb9843d60f6159c9db58835c926644", "ff973b41fa98c081472e6896dfb254c0", "ff2ea16466c96a3843ec78b326b52861",
            "fe5dee046a99a2a811c461f1969c3053", "fcbe86c7900a88aedcffc83b479aa3a4", "f987a7253ac413176f2b074cf7815e54",
            "f3392b0822b70005940c7a398e4b70f3", "e7159475a2c29b7443b29c7fa6e889d9", "d097f3bdfd2022b8845ad8f792aa5825",
            "a9f746462d870fdf8a65dc1f90e061e5", "70d869a156d2a1b890bb3df62baf32f7", "31be135f97d08fd981231505542fcfa6",
            "9aa508b5b7a84e1c677de54f3e99bc9", "5d6af8dedb81196699c329225ee604", "2216e584f5fa1ea926041bedfe98",
            "48a170391f7dc42444e8fa2"
        };
        int abs = Math.abs(tick);
        BigInteger ratio =
                (abs & 1) != 0 ? new BigInteger("fffcb933bd6fad37aa2d162d1a594001", 16) : BigInteger.ONE.shiftLeft(128);
        for (int i = 0; i < c.length; i++) {
            if ((abs & (2 << i)) != 0) {
                ratio = ratio.multiply(new BigInteger(c[i], 16)).shiftRight(128);
            }
        }
        if (tick > 0) {
            ratio = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).divide(ratio);
        }
        BigInteger low32 = ratio.and(BigInteger.valueOf(0xffffffffL));
        return ratio.shiftRight(32).add(low32.signum() == 0 ? BigInteger.ZERO : BigInteger.ONE);
    }

    /**
     * The definition: binary search for the greatest tick whose price is at most {@code price} (over
     * getSqrtRatioAtTick, which is checked against the plain port above and exhaustively).
     */
    static int referenceTickAtSqrtRatio(BigInteger price) {
        int lo = TickMath.MIN_TICK;
        int hi = TickMath.MAX_TICK;
        while (lo < hi) {
            int mid = (int) Math.floorDiv((long) lo + hi + 1, 2);
            if (TickMath.getSqrtRatioAtTick(mid).compareTo(price) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
