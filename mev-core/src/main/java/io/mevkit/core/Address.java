package io.mevkit.core;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.Hash;

/**
 * A 20-byte EVM account or contract address. Equality ignores letter case; a mixed-case input must carry a valid
 * EIP-55 checksum (a typo in a checksummed address is caught, not silently accepted). Ordered by numeric value, as
 * Uniswap orders token0 and token1. Immutable and thread-safe.
 */
public final class Address implements Comparable<Address> {
    /** The zero address. */
    public static final Address ZERO = new Address(new byte[20], null);

    private final byte[] bytes;
    // made on first use (decoders create far more addresses than anyone prints); a racy but benign cache, as
    // String.hash: every thread computes the same immutable string
    private String lower;

    private Address(byte[] bytes, String lower) {
        this.bytes = bytes;
        this.lower = lower;
    }

    /** Parses {@code 0x} + 40 hex digits; a mixed-case value is checked against its EIP-55 checksum. */
    public static Address of(String hex) {
        return of("address", hex);
    }

    /** As {@link #of(String)}, naming {@code field} in the error. */
    public static Address of(String field, String hex) {
        if (hex == null || hex.length() != 42) {
            throw new ValidationException(field, hex, "must be 0x followed by 40 hex digits");
        }
        byte[] raw = Hex.decode(field, hex);
        boolean hasLower = false;
        boolean hasUpper = false;
        for (int i = 2; i < 42; i++) {
            char c = hex.charAt(i);
            hasLower |= c >= 'a' && c <= 'f';
            hasUpper |= c >= 'A' && c <= 'F';
        }
        if (!hasUpper) {
            return new Address(
                    raw,
                    hex.charAt(1) == 'x'
                            ? hex
                            : null); // already the canonical lower-case form: keep the caller's string
        }
        Address address = new Address(raw, null);
        if (hasLower && !address.checksummed().regionMatches(2, hex, 2, 40)) {
            throw new ValidationException(field, hex, "has an invalid EIP-55 checksum");
        }
        return address;
    }

    /** The address in the last 20 bytes of a 32-byte ABI word, or the 20 bytes themselves. */
    public static Address fromBytes(byte[] bytes) {
        if (bytes.length == 20) {
            return new Address(bytes.clone(), null);
        }
        if (bytes.length == 32) {
            for (int i = 0; i < 12; i++) {
                if (bytes[i] != 0) {
                    throw new ValidationException("address", Hex.encode(bytes), "must have 12 leading zero bytes");
                }
            }
            return new Address(Arrays.copyOfRange(bytes, 12, 32), null);
        }
        throw new ValidationException("address", Hex.encode(bytes), "must be 20 or 32 bytes");
    }

    /** The address whose numeric value is {@code value} (below 2^160). */
    public static Address fromBigInteger(BigInteger value) {
        Checks.requireUint("address", value, 160);
        byte[] raw = value.toByteArray();
        byte[] out = new byte[20];
        int copy = Math.min(raw.length, 20);
        System.arraycopy(raw, raw.length - copy, out, 20 - copy, copy);
        return new Address(out, null);
    }

    /** Lower-case hex, 0x-prefixed: the canonical form for maps, storage and JSON-RPC. */
    public String hex() {
        String h = lower;
        if (h == null) {
            h = Hex.encode(bytes);
            lower = h;
        }
        return h;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public BigInteger toBigInteger() {
        return new BigInteger(1, bytes);
    }

    /** The EIP-55 mixed-case form. */
    public String checksummed() {
        String digits = hex().substring(2);
        String hash = Hex.encode(Hash.sha3(digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder(42).append("0x");
        for (int i = 0; i < 40; i++) {
            char c = digits.charAt(i);
            out.append(c >= 'a' && Character.digit(hash.charAt(2 + i), 16) >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    @Override
    public int compareTo(Address other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The EIP-55 checksummed form. */
    @Override
    public String toString() {
        return checksummed();
    }
}
