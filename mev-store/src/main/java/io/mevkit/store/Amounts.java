package io.mevkit.store;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The ranges the store accepts for on-chain amounts: unsigned 256-bit ({@code uint256}) for balances, gas costs and
 * inputs, signed 256-bit ({@code int256}) for profits, which can be negative. Amounts are {@link BigInteger}s in the
 * token's smallest unit and are stored exactly (never as floating point). Stateless and thread-safe.
 */
public final class Amounts {
    /** 2^256 - 1, the largest {@code uint256}. */
    public static final BigInteger U256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    /** -2^255, the smallest {@code int256}. */
    public static final BigInteger I256_MIN = BigInteger.ONE.shiftLeft(255).negate();
    /** 2^255 - 1, the largest {@code int256}. */
    public static final BigInteger I256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private Amounts() {}

    /** Returns {@code value} if it is a {@code uint256}; otherwise throws a {@link ValidationException} naming the field. */
    public static BigInteger requireU256(String field, @Nullable BigInteger value) {
        Objects.requireNonNull(field, "field");
        return Checks.requireUint256(field, value);
    }

    /** Returns {@code value} if it is an {@code int256}; otherwise throws a {@link ValidationException} naming the field. */
    public static BigInteger requireI256(String field, @Nullable BigInteger value) {
        Objects.requireNonNull(field, "field");
        return Checks.requireInt(field, value, 256);
    }
}
