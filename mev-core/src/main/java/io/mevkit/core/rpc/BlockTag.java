package io.mevkit.core.rpc;

import java.math.BigInteger;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A block parameter of a JSON-RPC call: a block number or one of the tags {@code latest}, {@code pending},
 * {@code safe}, {@code finalized}, {@code earliest}. Written to the node as {@link #value()}. Immutable.
 *
 * @param value the tag name, or the block number as a hex quantity
 */
public record BlockTag(String value) {
    public static final BlockTag LATEST = new BlockTag("latest");
    public static final BlockTag PENDING = new BlockTag("pending");
    public static final BlockTag SAFE = new BlockTag("safe");
    public static final BlockTag FINALIZED = new BlockTag("finalized");
    public static final BlockTag EARLIEST = new BlockTag("earliest");

    public BlockTag {
        Objects.requireNonNull(value, "value");
        switch (value) {
            case "latest", "pending", "safe", "finalized", "earliest" -> {}
            default -> {
                if (!isQuantity(value)) {
                    throw new IllegalArgumentException(
                            "block tag must be latest, pending, safe, finalized, earliest or a hex quantity but was "
                                    + value);
                }
            }
        }
    }

    /** The block with number {@code number}. */
    public static BlockTag number(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("block number must not be negative but was " + number);
        }
        return new BlockTag("0x" + Long.toHexString(number));
    }

    /** The block with number {@code number}. */
    public static BlockTag number(BigInteger number) {
        if (number.signum() < 0 || number.bitLength() > 63) {
            throw new IllegalArgumentException("block number must be in 0..2^63-1 but was " + number);
        }
        return number(number.longValueExact());
    }

    /** The block number, when this tag is one. */
    public OptionalLong blockNumber() {
        return value.startsWith("0x")
                ? OptionalLong.of(Long.parseUnsignedLong(value.substring(2), 16))
                : OptionalLong.empty();
    }

    private static boolean isQuantity(String s) {
        if (s.length() < 3 || s.length() > 18 || !s.startsWith("0x")) {
            return false;
        }
        if (s.length() > 3 && s.charAt(2) == '0') {
            return false; // quantities have no leading zeros
        }
        for (int i = 2; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return s.length() < 18 || Character.digit(s.charAt(2), 16) < 8;
    }

    @Override
    public String toString() {
        return value;
    }
}
