package io.mevkit.core.amm;

import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;

/**
 * Uniswap v3-core's {@code LiquidityMath.addDelta}: a uint128 liquidity plus a signed int128 change, reverting on
 * underflow ({@code LS}) or overflow ({@code LA}). Stateless and thread-safe.
 */
public final class LiquidityMath {
    private LiquidityMath() {}

    /**
     * {@code x + y} within uint128.
     *
     * @throws V3RevertException {@code LS} when the result would be negative, {@code LA} when it would exceed uint128
     * @throws ValidationException when {@code x} is not a uint128 or {@code y} not an int128
     */
    public static BigInteger addDelta(BigInteger x, BigInteger y) {
        V3Inputs.requireUint("x", x, 128);
        V3Inputs.requireInt("y", y, 128);
        return addDeltaUnchecked(x, y);
    }

    static BigInteger addDeltaUnchecked(BigInteger x, BigInteger y) {
        BigInteger z = x.add(y);
        if (y.signum() < 0) {
            if (z.signum() < 0) {
                throw new V3RevertException(Rule.LIQUIDITY_SUB, "liquidity=" + x + ", delta=" + y);
            }
        } else if (z.bitLength() > 128) {
            throw new V3RevertException(Rule.LIQUIDITY_ADD, "liquidity=" + x + ", delta=" + y);
        }
        return z;
    }
}
