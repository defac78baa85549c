package io.mevkit.core;

import java.math.BigInteger;

/**
 * Hex codecs for JSON-RPC: byte strings ({@code DATA}, even length, 0x-prefixed) and quantities ({@code QUANTITY},
 * 0x-prefixed, no leading zeros when written). Lenient where nodes are (upper-case digits, leading zeros on input),
 * strict where the spec is (prefix, digits). Thread-safe; stateless.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /** {@code 0x} followed by two lower-case digits per byte. */
    public static String encode(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes a 0x-prefixed byte string of even length. */
    public static byte[] decode(String hex) {
        return decode("data", hex);
    }

    /** As {@link #decode(String)}, naming {@code field} in the error. */
    public static byte[] decode(String field, String hex) {
        requirePrefix(field, hex);
        int digits = hex.length() - 2;
        if ((digits & 1) != 0) {
            throw new ValidationException(field, hex, "must have an even number of hex digits");
        }
        byte[] out = new byte[digits / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(field, hex, 2 + 2 * i);
            int lo = digit(field, hex, 3 + 2 * i);
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** A quantity: {@code 0x0} for zero, else no leading zeros. */
    public static String quantity(BigInteger value) {
        if (value.signum() < 0) {
            throw new ValidationException("quantity", value, "must not be negative");
        }
        return "0x" + value.toString(16);
    }

    public static String quantity(long value) {
        if (value < 0) {
            throw new ValidationException("quantity", value, "must not be negative");
        }
        return "0x" + Long.toHexString(value);
    }

    public static BigInteger toBigInteger(String quantity) {
        return toBigInteger("quantity", quantity);
    }

    /** Parses a quantity, naming {@code field} in the error. */
    public static BigInteger toBigInteger(String field, String quantity) {
        requirePrefix(field, quantity);
        int length = quantity.length();
        if (length == 2) {
            throw new ValidationException(field, quantity, "must have at least one hex digit");
        }
        if (length <= 17) {
            return BigInteger.valueOf(parseLong(field, quantity));
        }
        for (int i = 2; i < length; i++) {
            digit(field, quantity, i);
        }
        return new BigInteger(quantity.substring(2), 16);
    }

    public static long toLong(String quantity) {
        return toLong("quantity", quantity);
    }

    /** Parses a quantity that must fit a signed 64-bit long, naming {@code field} in the error. */
    public static long toLong(String field, String quantity) {
        requirePrefix(field, quantity);
        if (quantity.length() == 2) {
            throw new ValidationException(field, quantity, "must have at least one hex digit");
        }
        if (quantity.length() <= 17) {
            long value = parseLong(field, quantity);
            if (value >= 0) {
                return value;
            }
        }
        BigInteger big = toBigInteger(field, quantity);
        if (big.bitLength() > 63) {
            throw new ValidationException(field, quantity, "must fit in 63 bits");
        }
        return big.longValue();
    }

    private static long parseLong(String field, String quantity) {
        long value = 0;
        for (int i = 2; i < quantity.length(); i++) {
            value = (value << 4) | digit(field, quantity, i);
        }
        return value;
    }

    private static void requirePrefix(String field, String hex) {
        if (hex == null) {
            throw new ValidationException(field, null, "must be 0x-prefixed hex");
        }
        if (hex.length() < 2 || hex.charAt(0) != '0' || (hex.charAt(1) != 'x' && hex.charAt(1) != 'X')) {
            throw new ValidationException(field, hex, "must be 0x-prefixed hex");
        }
    }

    private static int digit(String field, String hex, int index) {
        char c = hex.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new ValidationException(field, hex, "must contain only hex digits (bad character at " + index + ")");
    }
}
