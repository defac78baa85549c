package io.mevkit.core.amm;

import java.math.BigInteger;

/** Fixed-point and integer-width constants shared by the V3 math ({@code FixedPoint96}, type bounds). */
final class V3FixedPoint {
    static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
    static final BigInteger MAX_UINT128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    static final BigInteger MAX_UINT160 = BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE);
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    static final BigInteger ONE_MILLION = BigInteger.valueOf(1_000_000);

    private V3FixedPoint() {}
}
