package io.mevkit.store.internal;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Field checks shared by the store's records. Every failure is a {@link ValidationException} naming the field and the
 * value. Addresses and hashes are checked by the core's {@link Address} and {@link Hash} and come back in the canonical
 * form the store keeps: lower-case hex with {@code 0x}.
 */
public final class Validate {
    private static final Pattern HEX_BYTES = Pattern.compile("0x([0-9a-fA-F]{2})+");

    private Validate() {}

    /** A 20-byte address (checked by {@link Address}, EIP-55 included), returned lower-case. */
    public static String address(String field, @Nullable String value) {
        return Address.of(field, required(field, value)).hex();
    }

    /** A 32-byte hash (checked by {@link Hash}), returned lower-case. */
    public static String hash(String field, @Nullable String value) {
        return Hash.of(field, required(field, value)).hex();
    }

    public static @Nullable String optionalHash(String field, @Nullable String value) {
        return value == null ? null : hash(field, value);
    }

    /** Non-empty hex bytes with {@code 0x}, at most {@code maxBytes} long. Returns it lower-case. */
    public static String hexBytes(String field, @Nullable String value, int maxBytes) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        if (value.length() > 2 + 2L * maxBytes) {
            throw new ValidationException(field, abbreviate(value), "must be at most " + maxBytes + " bytes");
        }
        if (!HEX_BYTES.matcher(value).matches()) {
            throw new ValidationException(field, abbreviate(value), "must be 0x followed by whole bytes in hex");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** A short name (strategy, builder, instance, source...): 1 to {@code max} characters, no control characters. */
    public static String label(String field, @Nullable String value, int max) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        if (value.isEmpty() || value.length() > max) {
            throw new ValidationException(field, value, "must be 1 to " + max + " characters");
        }
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, value, "must be printable and not blank");
        }
        return value;
    }

    /** Free text of at most {@code max} characters (may be empty); null stays null. */
    public static @Nullable String optionalText(String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            throw new ValidationException(field, abbreviate(value), "must be at most " + max + " characters");
        }
        return value;
    }

    public static String text(String field, @Nullable String value, int max) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        return optionalText(field, value, max);
    }

    public static long positive(String field, long value) {
        if (value <= 0) {
            throw new ValidationException(field, value, "must be positive");
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, value, "must not be negative");
        }
        return value;
    }

    /** A non-negative exact decimal of at most 100 characters in plain notation. */
    public static BigDecimal decimal(String field, @Nullable BigDecimal value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        if (value.signum() < 0) {
            throw new ValidationException(field, value.toPlainString(), "must not be negative");
        }
        if (value.toPlainString().length() > 100) {
            throw new ValidationException(field, abbreviate(value.toPlainString()), "must be at most 100 characters");
        }
        return value;
    }

    public static @Nullable BigDecimal optionalDecimal(String field, @Nullable BigDecimal value) {
        return value == null ? null : decimal(field, value);
    }

    public static <T> T required(String field, @Nullable T value) {
        if (value == null) {
            throw new ValidationException(field, null, "is required");
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
