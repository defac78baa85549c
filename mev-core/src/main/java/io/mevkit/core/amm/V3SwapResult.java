package io.mevkit.core.amm;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What a V3 pool's {@code swap} returns and leaves behind, as {@link V3SwapSimulator} computes it.
 *
 * @param zeroForOne the direction: token0 in, token1 out when true
 * @param amount0 the pool's token0 delta: positive is paid into the pool, negative paid out
 * @param amount1 the pool's token1 delta, signed as {@code amount0}
 * @param crossedTicks the initialized ticks crossed, in order (their {@code liquidityNet} was applied)
 * @param steps the number of loop iterations (swap steps) the pool ran
 * @param poolAfter the pool after the swap: new price, tick and liquidity, everything else unchanged
 */
public record V3SwapResult(
        boolean zeroForOne,
        BigInteger amount0,
        BigInteger amount1,
        List<Integer> crossedTicks,
        int steps,
        V3PoolState poolAfter) {
    public V3SwapResult {
        Objects.requireNonNull(amount0, "amount0");
        Objects.requireNonNull(amount1, "amount1");
        crossedTicks = List.copyOf(crossedTicks);
        Objects.requireNonNull(poolAfter, "poolAfter");
    }

    /** The input paid into the pool (the positive delta of the input token). */
    public BigInteger amountIn() {
        return zeroForOne ? amount0 : amount1;
    }

    /** The output paid out by the pool (the negated delta of the output token). */
    public BigInteger amountOut() {
        return (zeroForOne ? amount1 : amount0).negate();
    }

    /** The sqrt price after the swap. */
    public BigInteger sqrtPriceX96After() {
        return poolAfter.sqrtPriceX96();
    }

    /** The tick after the swap. */
    public int tickAfter() {
        return poolAfter.tick();
    }

    /** The in-range liquidity after the swap. */
    public BigInteger liquidityAfter() {
        return poolAfter.liquidity();
    }

    /** How many initialized ticks the swap crossed. */
    public int ticksCrossed() {
        return crossedTicks.size();
    }
}
