package io.mevkit.core.amm;

import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Uniswap V3 pool's {@code swap} loop, in process and bit-exact: step by step over the initialized ticks
 * (searching the tick bitmap one word per step), applying each crossed tick's {@code liquidityNet}, for an exact input
 * or an exact output, in either direction, up to a price limit. Fees, protocol fees and oracle writes change no amount,
 * so they are not modelled.
 *
 * <p>Stateless and thread-safe; a {@link V3PoolState} is immutable, so any number of threads may simulate on one.
 */
public final class V3SwapSimulator {
    private static final BigInteger MIN_LIMIT = TickMath.MIN_SQRT_RATIO.add(BigInteger.ONE);
    private static final BigInteger MAX_LIMIT = TickMath.MAX_SQRT_RATIO.subtract(BigInteger.ONE);
    private static final BigInteger MIN_INT256 = BigInteger.ONE.shiftLeft(255).negate();
    private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);

    private V3SwapSimulator() {}

    /**
     * {@code pool.swap(recipient, zeroForOne, amountSpecified, sqrtPriceLimitX96, data)}.
     *
     * @param amountSpecified the exact input (positive) or the exact output (negative), an int256
     * @param sqrtPriceLimitX96 the price the swap may not pass (uint160)
     * @throws V3RevertException {@code AS}, {@code SPL}, {@code LS}/{@code LA} or a math revert, as the pool would
     * @throws V3TickDataMissingException when the swap needs ticks the state does not hold
     */
    public static V3SwapResult swap(
            V3PoolState pool, boolean zeroForOne, BigInteger amountSpecified, BigInteger sqrtPriceLimitX96) {
        Objects.requireNonNull(pool, "pool");
        V3Inputs.requireInt("amountSpecified", amountSpecified, 256);
        V3Inputs.requireUint("sqrtPriceLimitX96", sqrtPriceLimitX96, 160);
        return run(pool, zeroForOne, amountSpecified, sqrtPriceLimitX96);
    }

    /**
     * An exact-input swap of {@code amountIn} with the price limit SwapRouter uses when none is given
     * ({@code MIN_SQRT_RATIO + 1} or {@code MAX_SQRT_RATIO - 1}).
     */
    public static V3SwapResult exactInput(V3PoolState pool, boolean zeroForOne, BigInteger amountIn) {
        V3Inputs.requireUint("amountIn", amountIn, 255);
        return swap(pool, zeroForOne, amountIn, defaultLimit(zeroForOne));
    }

    /** An exact-output swap of {@code amountOut} with SwapRouter's default price limit. */
    public static V3SwapResult exactOutput(V3PoolState pool, boolean zeroForOne, BigInteger amountOut) {
        V3Inputs.requireUint("amountOut", amountOut, 255);
        return swap(pool, zeroForOne, amountOut.negate(), defaultLimit(zeroForOne));
    }

    /** The price limit SwapRouter passes for {@code sqrtPriceLimitX96 == 0}. */
    public static BigInteger defaultLimit(boolean zeroForOne) {
        return zeroForOne ? MIN_LIMIT : MAX_LIMIT;
    }

    static V3SwapResult run(
            V3PoolState pool, boolean zeroForOne, BigInteger amountSpecified, BigInteger sqrtPriceLimitX96) {
        if (amountSpecified.signum() == 0) {
            throw new V3RevertException(Rule.AMOUNT_SPECIFIED_ZERO, "amountSpecified=0");
        }
        BigInteger start = pool.sqrtPriceX96();
        boolean limitOk = zeroForOne
                ? sqrtPriceLimitX96.compareTo(start) < 0 && sqrtPriceLimitX96.compareTo(TickMath.MIN_SQRT_RATIO) > 0
                : sqrtPriceLimitX96.compareTo(start) > 0 && sqrtPriceLimitX96.compareTo(TickMath.MAX_SQRT_RATIO) < 0;
        if (!limitOk) {
            throw new V3RevertException(
                    Rule.PRICE_LIMIT,
                    "zeroForOne=" + zeroForOne + ", sqrtPriceLimitX96=" + sqrtPriceLimitX96 + ", sqrtPriceX96="
                            + start);
        }

        V3PoolState.Ticks ticks = pool.ticks();
        int spacing = pool.tickSpacing();
        boolean exactInput = amountSpecified.signum() > 0;
        BigInteger remaining = amountSpecified;
        BigInteger calculated = BigInteger.ZERO;
        BigInteger sqrtPrice = start;
        int tick = pool.tick();
        BigInteger liquidity = pool.liquidity();
        List<Integer> crossed = List.of();
        int steps = 0;

        while (remaining.signum() != 0 && !sqrtPrice.equals(sqrtPriceLimitX96)) {
            steps++;
            BigInteger stepStart = sqrtPrice;
            if (!ticks.complete) {
                int word = TickBitmap.searchedWord(tick, spacing, zeroForOne);
                if (word < ticks.minWord || word > ticks.maxWord) {
                    throw new V3TickDataMissingException(word, ticks.minWord, ticks.maxWord);
                }
            }
            long found = ticks.bitmap.next(tick, spacing, zeroForOne);
            int tickNext = TickBitmap.nextTick(found);
            int index = TickBitmap.nextIndex(found);
            // the bitmap knows nothing of the tick bounds
            if (tickNext < TickMath.MIN_TICK) {
                tickNext = TickMath.MIN_TICK;
            } else if (tickNext > TickMath.MAX_TICK) {
                tickNext = TickMath.MAX_TICK;
            }
            BigInteger sqrtNext = index >= 0 ? ticks.sqrtPriceAtTick[index] : TickMath.getSqrtRatioAtTick(tickNext);
            boolean limitFirst =
                    zeroForOne ? sqrtNext.compareTo(sqrtPriceLimitX96) < 0 : sqrtNext.compareTo(sqrtPriceLimitX96) > 0;
            SwapMath.Step step = SwapMath.step(
                    sqrtPrice,
                    limitFirst ? sqrtPriceLimitX96 : sqrtNext,
                    liquidity,
                    remaining,
                    ticks.feePips,
                    ticks.feeComplement);
            sqrtPrice = step.sqrtRatioNextX96();

            if (exactInput) {
                // remaining -= (in + fee).toInt256() is unchecked; calculated = calculated.sub(out.toInt256())
                BigInteger paid = SqrtPriceMath.toInt256(wrap256(step.amountIn().add(step.feeAmount())));
                remaining = wrapInt256(remaining.subtract(paid));
                calculated = checkedInt256(calculated.subtract(SqrtPriceMath.toInt256(step.amountOut())));
            } else {
                remaining = wrapInt256(remaining.add(SqrtPriceMath.toInt256(step.amountOut())));
                BigInteger paid = SqrtPriceMath.toInt256(wrap256(step.amountIn().add(step.feeAmount())));
                calculated = checkedInt256(calculated.add(paid));
            }

            if (sqrtPrice.equals(sqrtNext)) {
                if (index >= 0) {
                    BigInteger net = ticks.liquidityNet[index];
                    liquidity = LiquidityMath.addDeltaUnchecked(liquidity, zeroForOne ? net.negate() : net);
                    if (crossed.isEmpty()) {
                        crossed = new ArrayList<>();
                    }
                    crossed.add(tickNext);
                }
                tick = zeroForOne ? tickNext - 1 : tickNext;
            } else if (!sqrtPrice.equals(stepStart)) {
                tick = TickMath.getTickAtSqrtRatio(sqrtPrice);
            }
        }

        BigInteger specifiedUsed = wrapInt256(amountSpecified.subtract(remaining));
        BigInteger amount0;
        BigInteger amount1;
        if (zeroForOne == exactInput) {
            amount0 = specifiedUsed;
            amount1 = calculated;
        } else {
            amount0 = calculated;
            amount1 = specifiedUsed;
        }
        V3PoolState after = pool.afterSwap(sqrtPrice, tick, liquidity);
        return new V3SwapResult(zeroForOne, amount0, amount1, crossed, steps, after);
    }

    private static BigInteger wrap256(BigInteger value) {
        return value.bitLength() > 256 ? value.subtract(V3FixedPoint.TWO_256) : value;
    }

    /** Solidity 0.7's unchecked int256 arithmetic: wraps modulo 2^256 into [-2^255, 2^255). */
    private static BigInteger wrapInt256(BigInteger value) {
        if (value.bitLength() <= 255) {
            return value;
        }
        BigInteger m = value.mod(V3FixedPoint.TWO_256);
        return m.compareTo(TWO_255) >= 0 ? m.subtract(V3FixedPoint.TWO_256) : m;
    }

    /** LowGasSafeMath's checked int256 add/sub. */
    private static BigInteger checkedInt256(BigInteger value) {
        if (value.bitLength() > 255 && !value.equals(MIN_INT256)) {
            throw new V3RevertException(Rule.SAFE_MATH_OVERFLOW, "int256 result=" + value);
        }
        return value;
    }
}
