package io.mevkit.core.rpc.internal;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;

/** Validation and fast parsing of the hex strings JSON-RPC carries: byte data (calldata, log data) and quantities. */
public final class HexStrings {
    private HexStrings() {}

    /**
     * {@code value} as lower-case 0x-prefixed hex data of whole bytes ({@code 0x} is empty data).
     *
     * @throws ValidationException naming {@code field} when it is not
     */
    public static String requireData(String field, String value) {
        int n = value.length();
        if (n < 2 || value.charAt(0) != '0' || (value.charAt(1) != 'x' && value.charAt(1) != 'X') || (n & 1) != 0) {
            throw new ValidationException(field, preview(value), "must be 0x-prefixed hex of whole bytes");
        }
        boolean upper = false;
        for (int i = 2; i < n; i++) {
            char c = value.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
                continue;
            }
            if (c >= 'A' && c <= 'F') {
                upper = true;
                continue;
            }
            throw new ValidationException(field, preview(value), "must be 0x-prefixed hex of whole bytes");
        }
        if (upper || value.charAt(1) == 'X') {
            return "0x" + value.substring(2).toLowerCase(java.util.Locale.ROOT);
        }
        return value;
    }

    /**
     * A JSON-RPC quantity held in {@code chars[offset, offset + length)} (as Jackson exposes a string token, without
     * allocating one) as a non-negative long; fails for values above {@code 2^63-1}.
     */
    public static long longQuantity(String field, char[] chars, int offset, int length) {
        requireQuantityPrefix(field, chars, offset, length);
        int end = offset + length;
        int first = offset + 2;
        while (first < end - 1 && chars[first] == '0') {
            first++;
        }
        if (end - first > 16 || (end - first == 16 && digit(field, chars, offset, length, first) >= 8)) {
            throw new ValidationException(field, new String(chars, offset, length), "must fit in a signed 64-bit long");
        }
        long value = 0;
        for (int i = first; i < end; i++) {
            value = (value << 4) | digit(field, chars, offset, length, i);
        }
        return value;
    }

    /**
     * A JSON-RPC quantity held in {@code chars[offset, offset + length)} as a non-negative BigInteger: small values
     * through a long, large ones (signatures, 256-bit amounts) by decoding the digits to bytes, which is several times
     * faster than radix conversion.
     */
    public static BigInteger quantity(String field, char[] chars, int offset, int length) {
        requireQuantityPrefix(field, chars, offset, length);
        int digits = length - 2;
        if (digits <= 15) {
            return BigInteger.valueOf(longQuantity(field, chars, offset, length));
        }
        byte[] bytes = new byte[(digits + 1) / 2];
        int end = offset + length;
        int b = bytes.length - 1;
        for (int i = end - 1; i >= offset + 2; i -= 2) {
            int lo = digit(field, chars, offset, length, i);
            int hi = i - 1 >= offset + 2 ? digit(field, chars, offset, length, i - 1) : 0;
            bytes[b--] = (byte) ((hi << 4) | lo);
        }
        return new BigInteger(1, bytes);
    }

    private static void requireQuantityPrefix(String field, char[] chars, int offset, int length) {
        if (length < 3 || chars[offset] != '0' || (chars[offset + 1] != 'x' && chars[offset + 1] != 'X')) {
            throw new ValidationException(
                    field, new String(chars, offset, length), "must be a 0x-prefixed hex quantity");
        }
    }

    private static int digit(String field, char[] chars, int offset, int length, int index) {
        char c = chars[index];
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new ValidationException(field, new String(chars, offset, length), "must be a 0x-prefixed hex quantity");
    }

    /** A bounded rendering of a possibly huge value, for messages. */
    public static String preview(String value) {
        return value.length() <= 80 ? value : value.substring(0, 72) + "...(" + value.length() + " chars)";
    }
}
