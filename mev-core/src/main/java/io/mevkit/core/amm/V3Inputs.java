package io.mevkit.core.amm;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;

/** Range checks of caller-supplied values at the public boundary of the V3 math (not contract reverts). */
final class V3Inputs {
    static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private V3Inputs() {}

    /** Throws unless {@code 0 <= value < 2^bits}. */
    static BigInteger requireUint(String field, BigInteger value, int bits) {
        return Checks.requireUint(field, value, bits);
    }

    /** Throws unless {@code -2^(bits-1) <= value < 2^(bits-1)}. */
    static BigInteger requireInt(String field, BigInteger value, int bits) {
        return Checks.requireInt(field, value, bits);
    }

    static ValidationException invalid(String field, Object value, String rule) {
        return new ValidationException(field, value, rule);
    }
}
