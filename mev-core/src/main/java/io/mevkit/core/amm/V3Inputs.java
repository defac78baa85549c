package io.mevkit.core.amm;

import java.math.BigInteger;

/** Range checks of caller-supplied values at the public boundary of the V3 math (not contract reverts). */
final class V3Inputs {
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private V3Inputs() {}

    /** Throws unless {@code 0 <= value < 2^bits}. */
    static BigInteger requireUint(String field, BigInteger value, int bits) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw invalid(field, value, "must be a uint" + bits + " (0 <= value < 2^" + bits + ")");
        }
        return value;
    }

    /** Throws unless {@code -2^(bits-1) <= value < 2^(bits-1)}. */
    static BigInteger requireInt(String field, BigInteger value, int bits) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.bitLength() > bits - 1) {
            throw invalid(field, value, "must be an int" + bits);
        }
        return value;
    }

    static IllegalArgumentException invalid(String field, Object value, String rule) {
        return new IllegalArgumentException(field + " " + rule + " but was " + value);
    }
}
