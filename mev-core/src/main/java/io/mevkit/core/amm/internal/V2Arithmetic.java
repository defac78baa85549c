package io.mevkit.core.amm.internal;

import java.math.BigInteger;

/**
 * The Uniswap V2 library formulas on already validated operands, for the hot loops of sizing; the public, checked
 * entry point is {@link io.mevkit.core.amm.V2Math}. Stateless and thread-safe.
 */
public final class V2Arithmetic {
    private V2Arithmetic() {}

    /**
     * {@code UniswapV2Library.getAmountOut} with fee {@code f/d}: {@code (in·f·rOut) / (rIn·d + in·f)}, floored. An
     * input of zero gives zero here (the library would revert; callers that model a revert check for it).
     */
    public static BigInteger amountOut(
            BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, long f, long d) {
        if (amountIn.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger inWithFee = amountIn.multiply(BigInteger.valueOf(f));
        return inWithFee
                .multiply(reserveOut)
                .divide(reserveIn.multiply(BigInteger.valueOf(d)).add(inWithFee));
    }

    /**
     * {@code UniswapV2Library.getAmountIn}: {@code (rIn·out·d) / ((rOut − out)·f) + 1}; the {@code + 1} is
     * unconditional, as in the library. Requires {@code 0 < amountOut < reserveOut}.
     */
    public static BigInteger amountIn(
            BigInteger amountOut, BigInteger reserveIn, BigInteger reserveOut, long f, long d) {
        return reserveIn
                .multiply(amountOut)
                .multiply(BigInteger.valueOf(d))
                .divide(reserveOut.subtract(amountOut).multiply(BigInteger.valueOf(f)))
                .add(BigInteger.ONE);
    }

    /** The smallest input whose {@link #amountOut} is at least {@code out}: exact, unlike getAmountIn's {@code +1}. */
    public static BigInteger minInputFor(BigInteger out, BigInteger reserveIn, BigInteger reserveOut, long f, long d) {
        if (out.signum() <= 0) {
            return BigInteger.ZERO;
        }
        // in·f·rOut >= out·(rIn·d + in·f)  <=>  in·f·(rOut − out) >= out·rIn·d
        BigInteger num = out.multiply(reserveIn).multiply(BigInteger.valueOf(d));
        BigInteger den = reserveOut.subtract(out).multiply(BigInteger.valueOf(f));
        return ceilDiv(num, den);
    }

    /** {@code ceil(a / b)} for {@code a >= 0}, {@code b > 0}. */
    public static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
