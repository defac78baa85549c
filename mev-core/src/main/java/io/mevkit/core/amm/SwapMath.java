package io.mevkit.core.amm;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Uniswap v3-core's {@code SwapMath.computeSwapStep}: one step of a swap inside a single liquidity range, toward a
 * target sqrt price, for an exact input (positive {@code amountRemaining}) or an exact output (negative). The fee is
 * taken from the input as the contract takes it. Stateless and thread-safe.
 */
public final class SwapMath {
    /** Fees are in hundredths of a bip; the factory only enables fees below this. */
    public static final int FEE_DENOMINATOR = 1_000_000;

    private SwapMath() {}

    /**
     * The result of one swap step.
     *
     * @param sqrtRatioNextX96 the price after the step, never beyond the target
     * @param amountIn the input consumed by the step, excluding the fee
     * @param amountOut the output the step pays
     * @param feeAmount the input taken as fee
     */
    public record Step(BigInteger sqrtRatioNextX96, BigInteger amountIn, BigInteger amountOut, BigInteger feeAmount) {
        public Step {
            Objects.requireNonNull(sqrtRatioNextX96, "sqrtRatioNextX96");
            Objects.requireNonNull(amountIn, "amountIn");
            Objects.requireNonNull(amountOut, "amountOut");
            Objects.requireNonNull(feeAmount, "feeAmount");
        }
    }

    /**
     * Computes one step exactly as the contract does.
     *
     * @param sqrtRatioCurrentX96 the pool's current sqrt price (uint160)
     * @param sqrtRatioTargetX96 the price the step may not pass (uint160); the direction follows from it
     * @param liquidity the in-range liquidity (uint128)
     * @param amountRemaining the input still to swap (positive, exact input) or the output still wanted (negative)
     * @param feePips the pool fee in hundredths of a bip, below {@link #FEE_DENOMINATOR}
     * @throws V3RevertException where the contract's math reverts
     * @throws ValidationException when an argument is outside its Solidity type or the fee is not below 10^6
     */
    public static Step computeSwapStep(
            BigInteger sqrtRatioCurrentX96,
            BigInteger sqrtRatioTargetX96,
            BigInteger liquidity,
            BigInteger amountRemaining,
            int feePips) {
        V3Inputs.requireUint("sqrtRatioCurrentX96", sqrtRatioCurrentX96, 160);
        V3Inputs.requireUint("sqrtRatioTargetX96", sqrtRatioTargetX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        V3Inputs.requireInt("amountRemaining", amountRemaining, 256);
        requireFee(feePips);
        return step(
                sqrtRatioCurrentX96,
                sqrtRatioTargetX96,
                liquidity,
                amountRemaining,
                BigInteger.valueOf(feePips),
                BigInteger.valueOf(FEE_DENOMINATOR - feePips));
    }

    static void requireFee(int feePips) {
        if (feePips < 0 || feePips >= FEE_DENOMINATOR) {
            throw V3Inputs.invalid("feePips", feePips, "must be in [0, 1000000) as the factory enables fees");
        }
    }

    /** {@link #computeSwapStep} with the fee and {@code 1e6 - fee} precomputed by the caller. */
    static Step step(
            BigInteger current,
            BigInteger target,
            BigInteger liquidity,
            BigInteger amountRemaining,
            BigInteger feePips,
            BigInteger feeComplement) {
        boolean zeroForOne = current.compareTo(target) >= 0;
        boolean exactIn = amountRemaining.signum() >= 0;
        BigInteger amountIn = BigInteger.ZERO;
        BigInteger amountOut = BigInteger.ZERO;
        BigInteger wanted = BigInteger.ZERO;
        BigInteger next;
        if (exactIn) {
            // mulDiv(amountRemaining, 1e6 - fee, 1e6): the product stays far below 2^512 and the quotient below 2^256
            BigInteger lessFee = amountRemaining.multiply(feeComplement).divide(V3FixedPoint.ONE_MILLION);
            amountIn = zeroForOne
                    ? SqrtPriceMath.amount0Delta(target, current, liquidity, true)
                    : SqrtPriceMath.amount1Delta(current, target, liquidity, true);
            next = lessFee.compareTo(amountIn) >= 0
                    ? target
                    : SqrtPriceMath.nextFromInput(current, liquidity, lessFee, zeroForOne);
        } else {
            wanted = amountRemaining.negate();
            amountOut = zeroForOne
                    ? SqrtPriceMath.amount1Delta(target, current, liquidity, false)
                    : SqrtPriceMath.amount0Delta(current, target, liquidity, false);
            next = wanted.compareTo(amountOut) >= 0
                    ? target
                    : SqrtPriceMath.nextFromOutput(current, liquidity, wanted, zeroForOne);
        }

        boolean max = target.equals(next);
        if (zeroForOne) {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.amount0Delta(next, current, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.amount1Delta(next, current, liquidity, false);
            }
        } else {
            if (!(max && exactIn)) {
                amountIn = SqrtPriceMath.amount1Delta(current, next, liquidity, true);
            }
            if (!(max && !exactIn)) {
                amountOut = SqrtPriceMath.amount0Delta(current, next, liquidity, false);
            }
        }

        // cap the output at the remaining output
        if (!exactIn && amountOut.compareTo(wanted) > 0) {
            amountOut = wanted;
        }

        BigInteger feeAmount;
        if (exactIn && !max) {
            // the target was not reached: the rest of the input is the fee (unchecked uint256 subtraction)
            feeAmount = amountRemaining.subtract(amountIn);
            if (feeAmount.signum() < 0) {
                feeAmount = feeAmount.add(V3FixedPoint.TWO_256);
            }
        } else {
            feeAmount = FullMath.mulDivRoundingUpUnchecked(amountIn, feePips, feeComplement);
        }
        return new Step(next, amountIn, amountOut, feeAmount);
    }
}
