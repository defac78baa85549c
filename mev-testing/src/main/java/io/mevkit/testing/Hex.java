package io.mevkit.testing;

import java.math.BigInteger;

/** Quantity codecs for driving a node in tests (JSON-RPC hex quantities). */
public final class Hex {
    private Hex() {}

    public static String of(long value) {
        return "0x" + Long.toHexString(value);
    }

    public static String of(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("quantity must not be negative but was " + value);
        }
        return "0x" + value.toString(16);
    }

    public static long toLong(String quantity) {
        return toBigInteger(quantity).longValueExact();
    }

    public static BigInteger toBigInteger(String quantity) {
        if (quantity == null || !quantity.startsWith("0x")) {
            throw new IllegalArgumentException("not a hex quantity: " + quantity);
        }
        return quantity.length() == 2 ? BigInteger.ZERO : new BigInteger(quantity.substring(2), 16);
    }
}
