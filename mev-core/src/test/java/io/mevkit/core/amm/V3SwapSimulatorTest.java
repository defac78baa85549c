package io.mevkit.core.amm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The swap loop's behaviour; its amounts are proven against the real pool in V3SwapSimulatorIT. */
class V3SwapSimulatorTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    /** Five overlapping and disjoint positions around tick 0 with spacing 60. */
    static V3PoolState ladder() {
        return V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(0))
                .fee(3000)
                .blockNumber(1)
                .position(-600, 600, E18.multiply(BigInteger.valueOf(100)))
                .position(-180, 180, E18.multiply(BigInteger.valueOf(50)))
                .position(-1200, -600, E18.multiply(BigInteger.valueOf(70)))
                .position(600, 1800, E18.multiply(BigInteger.valueOf(30)))
                .position(-60, 1200, E18.multiply(BigInteger.valueOf(20)))
                .build();
    }

    @Test
    void aSwapInsideOneRangeIsOneSwapStep() {
        V3PoolState pool = ladder();
        BigInteger amount = E18.divide(BigInteger.TEN); // the range [-60, 0] holds about 0.5e18 of token0
        V3SwapResult r = V3SwapSimulator.exactInput(pool, true, amount);
        SwapMath.Step step = SwapMath.computeSwapStep(
                pool.sqrtPriceX96(), TickMath.getSqrtRatioAtTick(-60), pool.liquidity(), amount, 3000);
        // tick 0 starts word 0: the first step "reaches" tick 0 (the current price) and moves nothing, then the
        // search continues in word -1, as the pool does
        assertEquals(2, r.steps());
        assertEquals(0, r.ticksCrossed());
        assertEquals(amount, r.amount0());
        assertEquals(step.amountOut().negate(), r.amount1());
        assertEquals(step.sqrtRatioNextX96(), r.sqrtPriceX96After());
        assertEquals(TickMath.getTickAtSqrtRatio(step.sqrtRatioNextX96()), r.tickAfter());
        assertEquals(pool.liquidity(), r.liquidityAfter());
        assertEquals(amount, r.amountIn());
        assertEquals(step.amountOut(), r.amountOut());
    }

    @Test
    void crossingTicksAppliesLiquidityNetInBothDirections() {
        V3PoolState pool = ladder();
        // about 3.6e18 of token0 reaches tick -600; [-1200, -600) holds about 2.2e18 more
        V3SwapResult down = V3SwapSimulator.exactInput(
                pool, true, E18.multiply(BigInteger.valueOf(45)).divide(BigInteger.TEN));
        assertEquals(List.of(-60, -180, -600), down.crossedTicks());
        assertEquals(E18.multiply(BigInteger.valueOf(70)), down.liquidityAfter()); // only [-1200, -600) is left
        assertTrue(down.tickAfter() < -600 && down.tickAfter() >= -1200);
        // about 9.8e18 of token1 reaches tick 1200 from there
        V3SwapResult up = V3SwapSimulator.exactInput(down.poolAfter(), false, E18.multiply(BigInteger.valueOf(9)));
        assertEquals(List.of(-600, -180, -60, 180, 600), up.crossedTicks());
        assertEquals(E18.multiply(BigInteger.valueOf(50)), up.liquidityAfter()); // [-60,1200) and [600,1800)
    }

    @Test
    void aDownwardSwapEndingOnAnInitializedTickRecordsTheTickBelow() {
        V3PoolState pool = ladder();
        BigInteger limit = TickMath.getSqrtRatioAtTick(-180);
        V3SwapResult r = V3SwapSimulator.swap(pool, true, E18.multiply(BigInteger.valueOf(1000)), limit);
        assertEquals(limit, r.sqrtPriceX96After());
        assertEquals(-181, r.tickAfter());
        assertEquals(List.of(-60, -180), r.crossedTicks());
        // the state after is a valid pool state: the builder accepts the same numbers
        V3PoolState rebuilt = V3PoolState.builder()
                .sqrtPriceX96(r.sqrtPriceX96After())
                .tick(r.tickAfter())
                .liquidity(r.liquidityAfter())
                .fee(3000)
                .blockNumber(1)
                .initializedTick(-1200, pool.liquidityNet(-1200).orElseThrow())
                .initializedTick(-600, pool.liquidityNet(-600).orElseThrow())
                .initializedTick(-180, pool.liquidityNet(-180).orElseThrow())
                .initializedTick(-60, pool.liquidityNet(-60).orElseThrow())
                .initializedTick(180, pool.liquidityNet(180).orElseThrow())
                .initializedTick(600, pool.liquidityNet(600).orElseThrow())
                .initializedTick(1200, pool.liquidityNet(1200).orElseThrow())
                .initializedTick(1800, pool.liquidityNet(1800).orElseThrow())
                .build();
        assertEquals(r.liquidityAfter(), rebuilt.liquidity());
    }

    @Test
    void contractRevertsAreTyped() {
        V3PoolState pool = ladder();
        assertEquals(
                "AS",
                assertThrows(
                                V3RevertException.class,
                                () -> V3SwapSimulator.swap(
                                        pool, true, BigInteger.ZERO, V3SwapSimulator.defaultLimit(true)))
                        .code());
        assertEquals(
                "SPL",
                assertThrows(V3RevertException.class, () -> V3SwapSimulator.swap(pool, true, E18, pool.sqrtPriceX96()))
                        .code());
        assertEquals(
                "SPL",
                assertThrows(
                                V3RevertException.class,
                                () -> V3SwapSimulator.swap(pool, true, E18, TickMath.MIN_SQRT_RATIO))
                        .code());
        assertEquals(
                "SPL",
                assertThrows(
                                V3RevertException.class,
                                () -> V3SwapSimulator.swap(pool, false, E18, TickMath.MAX_SQRT_RATIO))
                        .code());
        assertEquals(
                "SPL",
                assertThrows(V3RevertException.class, () -> V3SwapSimulator.swap(pool, false, E18, pool.sqrtPriceX96()))
                        .code());
        V3RevertException spl =
                assertThrows(V3RevertException.class, () -> V3SwapSimulator.swap(pool, false, E18, BigInteger.ONE));
        assertTrue(spl.getMessage().contains("sqrtPriceLimitX96=1"), spl.getMessage());
        assertThrows(
                ValidationException.class,
                () -> V3SwapSimulator.swap(
                        pool, true, BigInteger.ONE.shiftLeft(255), V3SwapSimulator.defaultLimit(true)));
    }

    @Test
    void swapsThroughEmptyRangesToTheLimitWhenLiquidityRunsOut() {
        V3PoolState pool = ladder();
        BigInteger limit = TickMath.getSqrtRatioAtTick(-5000);
        V3SwapResult r = V3SwapSimulator.swap(pool, true, BigInteger.TEN.pow(30), limit);
        assertEquals(limit, r.sqrtPriceX96After());
        assertEquals(BigInteger.ZERO, r.liquidityAfter());
        assertEquals(List.of(-60, -180, -600, -1200), r.crossedTicks());
        assertTrue(r.amount0().compareTo(BigInteger.TEN.pow(30)) < 0, "only part of the input is used");
    }

    @Test
    void partialTickDataFailsInsteadOfGuessing() {
        V3PoolState pool = V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(0))
                .fee(3000)
                .blockNumber(1)
                .liquidity(E18)
                .initializedTick(-600, E18)
                .tickDataWords(-1, 0)
                .build();
        V3TickDataMissingException e = assertThrows(
                V3TickDataMissingException.class, () -> V3SwapSimulator.exactInput(pool, true, BigInteger.TEN.pow(30)));
        assertEquals(-2, e.wordPosition());
        // within the loaded words the result is exact
        V3SwapResult small = V3SwapSimulator.exactInput(pool, true, E18.divide(BigInteger.valueOf(1000)));
        assertEquals(0, small.ticksCrossed());
    }

    /** Exact output of what an exact input paid needs at most that input, and the pool only gains. */
    @Property(tries = 500)
    void exactOutputOfAnExactInputsProceedsCostsAtMostTheInput(
            @ForAll("amounts") BigInteger amountIn, @net.jqwik.api.ForAll boolean zeroForOne) {
        V3PoolState pool = ladder();
        V3SwapResult in = V3SwapSimulator.exactInput(pool, zeroForOne, amountIn);
        if (in.amountOut().signum() == 0) {
            return;
        }
        V3SwapResult out = V3SwapSimulator.exactOutput(pool, zeroForOne, in.amountOut());
        assertEquals(in.amountOut(), out.amountOut());
        assertTrue(out.amountIn().compareTo(amountIn) <= 0, "exact output costs " + out.amountIn() + " > " + amountIn);
        // the swaps move the price the same way and the pool keeps value: in, then the output back, loses the trader
        V3SwapResult back = V3SwapSimulator.exactInput(in.poolAfter(), !zeroForOne, in.amountOut());
        assertTrue(back.amountOut().compareTo(amountIn) < 0);
    }

    @Provide
    Arbitrary<BigInteger> amounts() {
        return Arbitraries.bigIntegers().between(BigInteger.ONE, E18.multiply(BigInteger.valueOf(50)));
    }
}
