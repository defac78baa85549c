package io.mevkit.core;

import java.math.BigInteger;

/** Range checks at public boundaries; each failure is a {@link ValidationException} naming the field and value. */
public final class Checks {
    private Checks() {}

    /** {@code value} must be non-null and in {@code [0, 2^bits)}. Returns it. */
    public static BigInteger requireUint(String field, BigInteger value, int bits) {
        if (value == null) {
            throw new ValidationException(field, null, "must be an unsigned " + bits + "-bit integer");
        }
        if (value.signum() < 0 || value.bitLength() > bits) {
            throw new ValidationException(field, value, "must be in [0, 2^" + bits + ")");
        }
        return value;
    }

    public static BigInteger requireUint256(String field, BigInteger value) {
        return requireUint(field, value, 256);
    }

    /** {@code value} must be non-null and in {@code [-2^(bits-1), 2^(bits-1))}. Returns it. */
    public static BigInteger requireInt(String field, BigInteger value, int bits) {
        if (value == null) {
            throw new ValidationException(field, null, "must be a signed " + bits + "-bit integer");
        }
        if (value.bitLength() > bits - 1) {
            throw new ValidationException(field, value, "must be in [-2^" + (bits - 1) + ", 2^" + (bits - 1) + ")");
        }
        return value;
    }

    public static BigInteger requirePositive(String field, BigInteger value) {
        if (value == null || value.signum() <= 0) {
            throw new ValidationException(field, value, "must be positive");
        }
        return value;
    }

    public static BigInteger requireNonNegative(String field, BigInteger value) {
        if (value == null || value.signum() < 0) {
            throw new ValidationException(field, value, "must not be negative");
        }
        return value;
    }

    public static long requirePositive(String field, long value) {
        if (value <= 0) {
            throw new ValidationException(field, value, "must be positive");
        }
        return value;
    }

    public static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, value, "must not be negative");
        }
        return value;
    }

    public static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        return value;
    }
}
