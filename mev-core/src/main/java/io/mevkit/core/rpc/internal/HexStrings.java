package io.mevkit.core.rpc.internal;

import io.mevkit.core.ValidationException;

/** Validation of the hex byte strings JSON-RPC carries (calldata, log data, extra data). */
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

    /** A bounded rendering of a possibly huge value, for messages. */
    public static String preview(String value) {
        return value.length() <= 80 ? value : value.substring(0, 72) + "...(" + value.length() + " chars)";
    }
}
