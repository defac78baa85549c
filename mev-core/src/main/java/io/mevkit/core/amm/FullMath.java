package io.mevkit.core.amm;

import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;

/**
 * Uniswap v3-core's {@code FullMath} (and {@code UnsafeMath.divRoundingUp}): {@code floor(a*b/d)} and
 * {@code ceil(a*b/d)} with a full 512-bit intermediate product, reverting exactly where the contract does: a zero
 * denominator, a result of 2^256 or more, or rounding up past {@code 2^256 - 1}. Stateless and thread-safe.
 */
public final class FullMath {
    private static final BigInteger MAX_UINT256 = V3Inputs.TWO_256.subtract(BigInteger.ONE);

    private FullMath() {}

    /**
     * {@code floor(a * b / denominator)} over uint256 values.
     *
     * @throws V3RevertException when the denominator is zero or the result does not fit 256 bits
     * @throws ValidationException when an argument is not a uint256
     */
    public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger denominator) {
        V3Inputs.requireUint("a", a, 256);
        V3Inputs.requireUint("b", b, 256);
        V3Inputs.requireUint("denominator", denominator, 256);
        return mulDivUnchecked(a, b, denominator);
    }

    /**
     * {@code ceil(a * b / denominator)} over uint256 values.
     *
     * @throws V3RevertException when the denominator is zero or the result does not fit 256 bits
     * @throws ValidationException when an argument is not a uint256
     */
    public static BigInteger mulDivRoundingUp(BigInteger a, BigInteger b, BigInteger denominator) {
        V3Inputs.requireUint("a", a, 256);
        V3Inputs.requireUint("b", b, 256);
        V3Inputs.requireUint("denominator", denominator, 256);
        return mulDivRoundingUpUnchecked(a, b, denominator);
    }

    /** {@link #mulDiv} for arguments already known to be uint256. */
    static BigInteger mulDivUnchecked(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new V3RevertException(Rule.MUL_DIV_ZERO_DENOMINATOR, "a=" + a + ", b=" + b + ", denominator=0");
        }
        BigInteger result = a.multiply(b).divide(denominator);
        if (result.bitLength() > 256) {
            throw overflow(a, b, denominator);
        }
        return result;
    }

    /** {@link #mulDivRoundingUp} for arguments already known to be uint256. */
    static BigInteger mulDivRoundingUpUnchecked(BigInteger a, BigInteger b, BigInteger denominator) {
        if (denominator.signum() == 0) {
            throw new V3RevertException(Rule.MUL_DIV_ZERO_DENOMINATOR, "a=" + a + ", b=" + b + ", denominator=0");
        }
        BigInteger[] qr = a.multiply(b).divideAndRemainder(denominator);
        BigInteger result = qr[0];
        if (result.bitLength() > 256) {
            throw overflow(a, b, denominator);
        }
        if (qr[1].signum() != 0) {
            if (result.equals(MAX_UINT256)) {
                throw new V3RevertException(
                        Rule.MUL_DIV_ROUNDING_UP_OVERFLOW, "a=" + a + ", b=" + b + ", denominator=" + denominator);
            }
            result = result.add(BigInteger.ONE);
        }
        return result;
    }

    /** {@code floor(a * b / 2^shift)}; never reverts for the callers' ranges (the quotient stays below 2^256). */
    static BigInteger mulShift(BigInteger a, BigInteger b, int shift) {
        return a.multiply(b).shiftRight(shift);
    }

    /** {@code ceil(a * b / 2^shift)}; never reverts for the callers' ranges. */
    static BigInteger mulShiftRoundingUp(BigInteger a, BigInteger b, int shift) {
        BigInteger product = a.multiply(b);
        BigInteger result = product.shiftRight(shift);
        int lowest = product.getLowestSetBit(); // -1 for zero
        return lowest >= 0 && lowest < shift ? result.add(BigInteger.ONE) : result;
    }

    /**
     * {@code UnsafeMath.divRoundingUp}: {@code ceil(x / y)} in EVM assembly, where a division by zero yields zero.
     */
    static BigInteger divRoundingUp(BigInteger x, BigInteger y) {
        if (y.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger[] qr = x.divideAndRemainder(y);
        return qr[1].signum() != 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    private static V3RevertException overflow(BigInteger a, BigInteger b, BigInteger denominator) {
        return new V3RevertException(Rule.MUL_DIV_OVERFLOW, "a=" + a + ", b=" + b + ", denominator=" + denominator);
    }
}
