package io.mevkit.core.amm;

import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;

/**
 * Uniswap v3-core's {@code SqrtPriceMath}: the next Q64.96 sqrt price after adding or removing an amount of either
 * token, and the token amounts between two sqrt prices for a liquidity, each rounded in the direction the contract
 * rounds (always in the pool's favour). Stateless and thread-safe.
 *
 * <p>Arguments are range-checked as the Solidity types they stand for (sqrt prices uint160, liquidity uint128, amounts
 * uint256); a {@code require} the contract would fail throws {@link V3RevertException}.
 */
public final class SqrtPriceMath {
    static final int RESOLUTION = 96;

    private SqrtPriceMath() {}

    /**
     * The sqrt price after adding ({@code add}) or removing {@code amount} of token0 to or from the virtual reserves,
     * rounded up.
     */
    public static BigInteger getNextSqrtPriceFromAmount0RoundingUp(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        V3Inputs.requireUint("sqrtPX96", sqrtPX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        V3Inputs.requireUint("amount", amount, 256);
        return nextFromAmount0RoundingUp(sqrtPX96, liquidity, amount, add);
    }

    /**
     * The sqrt price after adding ({@code add}) or removing {@code amount} of token1 to or from the virtual reserves,
     * rounded down.
     */
    public static BigInteger getNextSqrtPriceFromAmount1RoundingDown(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        V3Inputs.requireUint("sqrtPX96", sqrtPX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        V3Inputs.requireUint("amount", amount, 256);
        return nextFromAmount1RoundingDown(sqrtPX96, liquidity, amount, add);
    }

    /** The sqrt price after swapping {@code amountIn} of token0 ({@code zeroForOne}) or token1 into the pool. */
    public static BigInteger getNextSqrtPriceFromInput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
        V3Inputs.requireUint("sqrtPX96", sqrtPX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        V3Inputs.requireUint("amountIn", amountIn, 256);
        return nextFromInput(sqrtPX96, liquidity, amountIn, zeroForOne);
    }

    /** The sqrt price after taking {@code amountOut} of token1 ({@code zeroForOne}) or token0 out of the pool. */
    public static BigInteger getNextSqrtPriceFromOutput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountOut, boolean zeroForOne) {
        V3Inputs.requireUint("sqrtPX96", sqrtPX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        V3Inputs.requireUint("amountOut", amountOut, 256);
        return nextFromOutput(sqrtPX96, liquidity, amountOut, zeroForOne);
    }

    /** The token0 amount between two sqrt prices for {@code liquidity}, rounded up or down. */
    public static BigInteger getAmount0Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        V3Inputs.requireUint("sqrtRatioAX96", sqrtRatioAX96, 160);
        V3Inputs.requireUint("sqrtRatioBX96", sqrtRatioBX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        return amount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
    }

    /** The token1 amount between two sqrt prices for {@code liquidity}, rounded up or down. */
    public static BigInteger getAmount1Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidity, boolean roundUp) {
        V3Inputs.requireUint("sqrtRatioAX96", sqrtRatioAX96, 160);
        V3Inputs.requireUint("sqrtRatioBX96", sqrtRatioBX96, 160);
        V3Inputs.requireUint("liquidity", liquidity, 128);
        return amount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
    }

    /**
     * The signed token0 amount for a signed liquidity change (int128): rounded up when liquidity is added (owed to
     * the pool), rounded down and negated when it is removed.
     */
    public static BigInteger getAmount0Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        V3Inputs.requireUint("sqrtRatioAX96", sqrtRatioAX96, 160);
        V3Inputs.requireUint("sqrtRatioBX96", sqrtRatioBX96, 160);
        V3Inputs.requireInt("liquidityDelta", liquidityDelta, 128);
        return liquidityDelta.signum() < 0
                ? toInt256(amount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false))
                        .negate()
                : toInt256(amount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true));
    }

    /** The signed token1 amount for a signed liquidity change (int128), rounded as {@link #getAmount0Delta}. */
    public static BigInteger getAmount1Delta(
            BigInteger sqrtRatioAX96, BigInteger sqrtRatioBX96, BigInteger liquidityDelta) {
        V3Inputs.requireUint("sqrtRatioAX96", sqrtRatioAX96, 160);
        V3Inputs.requireUint("sqrtRatioBX96", sqrtRatioBX96, 160);
        V3Inputs.requireInt("liquidityDelta", liquidityDelta, 128);
        return liquidityDelta.signum() < 0
                ? toInt256(amount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta.negate(), false))
                        .negate()
                : toInt256(amount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidityDelta, true));
    }

    // ---- unchecked versions for callers whose arguments are already in range ----

    static BigInteger nextFromAmount0RoundingUp(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        // amount == 0 is short-circuited because the result is otherwise not guaranteed to equal the input price
        if (amount.signum() == 0) {
            return sqrtPX96;
        }
        BigInteger numerator1 = liquidity.shiftLeft(RESOLUTION);
        BigInteger product = amount.multiply(sqrtPX96);
        boolean productFits = product.bitLength() <= 256; // the contract's (amount * sqrtP) / amount == sqrtP
        if (add) {
            if (productFits) {
                BigInteger denominator = numerator1.add(product);
                if (denominator.bitLength() <= 256) {
                    // always fits 160 bits: the result is at most sqrtPX96
                    return FullMath.mulDivRoundingUpUnchecked(numerator1, sqrtPX96, denominator);
                }
            }
            if (sqrtPX96.signum() == 0) {
                throw new V3RevertException(Rule.DIVISION_BY_ZERO, "numerator1 / sqrtPX96 with sqrtPX96=0");
            }
            BigInteger denominator = numerator1.divide(sqrtPX96).add(amount);
            if (denominator.bitLength() > 256) {
                throw new V3RevertException(
                        Rule.SAFE_MATH_OVERFLOW, "numerator1 / sqrtPX96 + amount with amount=" + amount);
            }
            return truncate160(FullMath.divRoundingUp(numerator1, denominator));
        }
        if (!productFits || numerator1.compareTo(product) <= 0) {
            throw new V3RevertException(
                    Rule.OUTPUT_EXCEEDS_RESERVE,
                    "token0 amount=" + amount + ", liquidity=" + liquidity + ", sqrtPX96=" + sqrtPX96);
        }
        BigInteger result = FullMath.mulDivRoundingUpUnchecked(numerator1, sqrtPX96, numerator1.subtract(product));
        return toUint160(result);
    }

    static BigInteger nextFromAmount1RoundingDown(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amount, boolean add) {
        boolean small = amount.bitLength() <= 160; // amount <= type(uint160).max
        if (add) {
            BigInteger quotient;
            if (small) {
                if (liquidity.signum() == 0) {
                    throw new V3RevertException(Rule.DIVISION_BY_ZERO, "(amount << 96) / liquidity with liquidity=0");
                }
                quotient = amount.shiftLeft(RESOLUTION).divide(liquidity);
            } else {
                quotient = FullMath.mulDivUnchecked(amount, V3FixedPoint.Q96, liquidity);
            }
            BigInteger sum = sqrtPX96.add(quotient);
            if (sum.bitLength() > 256) {
                throw new V3RevertException(Rule.SAFE_MATH_OVERFLOW, "sqrtPX96 + quotient=" + quotient);
            }
            return toUint160(sum);
        }
        BigInteger quotient = small
                ? FullMath.divRoundingUp(amount.shiftLeft(RESOLUTION), liquidity)
                : FullMath.mulDivRoundingUpUnchecked(amount, V3FixedPoint.Q96, liquidity);
        if (sqrtPX96.compareTo(quotient) <= 0) {
            throw new V3RevertException(
                    Rule.OUTPUT_EXCEEDS_RESERVE,
                    "token1 amount=" + amount + ", liquidity=" + liquidity + ", sqrtPX96=" + sqrtPX96);
        }
        return sqrtPX96.subtract(quotient);
    }

    static BigInteger nextFromInput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
        requirePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? nextFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
                : nextFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
    }

    static BigInteger nextFromOutput(
            BigInteger sqrtPX96, BigInteger liquidity, BigInteger amountOut, boolean zeroForOne) {
        requirePriceAndLiquidity(sqrtPX96, liquidity);
        return zeroForOne
                ? nextFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
                : nextFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
    }

    static BigInteger amount0Delta(BigInteger a, BigInteger b, BigInteger liquidity, boolean roundUp) {
        if (a.compareTo(b) > 0) {
            BigInteger t = a;
            a = b;
            b = t;
        }
        if (a.signum() == 0) {
            throw new V3RevertException(Rule.ZERO_SQRT_RATIO, "sqrtRatioAX96=0");
        }
        // The contract divides twice: ceil(ceil(n1 * n2 / b) / a), or floor(floor(n1 * n2 / b) / a). For positive
        // integers both equal one division by a * b, and the intermediate (at most n1 < 2^224) never reverts, so one
        // division gives the same result with half the work.
        BigInteger product = liquidity.shiftLeft(RESOLUTION).multiply(b.subtract(a));
        if (!roundUp) {
            return product.divide(a.multiply(b));
        }
        BigInteger[] qr = product.divideAndRemainder(a.multiply(b));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    static BigInteger amount1Delta(BigInteger a, BigInteger b, BigInteger liquidity, boolean roundUp) {
        BigInteger difference = a.compareTo(b) > 0 ? a.subtract(b) : b.subtract(a);
        // mulDiv(liquidity, difference, Q96): the quotient is below 2^192, so it never reverts
        return roundUp
                ? FullMath.mulShiftRoundingUp(liquidity, difference, RESOLUTION)
                : FullMath.mulShift(liquidity, difference, RESOLUTION);
    }

    private static void requirePriceAndLiquidity(BigInteger sqrtPX96, BigInteger liquidity) {
        if (sqrtPX96.signum() == 0) {
            throw new V3RevertException(Rule.ZERO_PRICE, "sqrtPX96=0");
        }
        if (liquidity.signum() == 0) {
            throw new V3RevertException(Rule.ZERO_LIQUIDITY, "liquidity=0");
        }
    }

    static BigInteger toUint160(BigInteger value) {
        if (value.bitLength() > 160) {
            throw new V3RevertException(Rule.UINT160_OVERFLOW, "value=" + value);
        }
        return value;
    }

    static BigInteger toInt256(BigInteger value) {
        if (value.bitLength() > 255) {
            throw new V3RevertException(Rule.INT256_OVERFLOW, "value=" + value);
        }
        return value;
    }

    /** Solidity's {@code uint160(x)} cast of a uint256: keeps the low 160 bits. */
    private static BigInteger truncate160(BigInteger value) {
        return value.bitLength() > 160 ? value.and(V3FixedPoint.MAX_UINT160) : value;
    }
}
