package io.mevkit.core;

import java.util.Arrays;

/** A 32-byte hash (transaction, block, bundle or topic). Immutable and thread-safe; equality by value. */
public final class Hash {
    private final byte[] bytes;
    private final String hex;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
        this.hex = Hex.encode(bytes);
    }

    /** Parses {@code 0x} + 64 hex digits. */
    public static Hash of(String hex) {
        return of("hash", hex);
    }

    /** As {@link #of(String)}, naming {@code field} in the error. */
    public static Hash of(String field, String hex) {
        if (hex == null || hex.length() != 66) {
            throw new ValidationException(field, hex, "must be 0x followed by 64 hex digits");
        }
        return new Hash(Hex.decode(field, hex));
    }

    public static Hash of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new ValidationException("hash", Hex.encode(bytes), "must be 32 bytes");
        }
        return new Hash(bytes.clone());
    }

    /** The keccak-256 hash of {@code data} (a transaction's hash is that of its raw signed bytes). */
    public static Hash keccak256(byte[] data) {
        return new Hash(org.web3j.crypto.Hash.sha3(data));
    }

    /** Lower-case hex, 0x-prefixed. */
    public String hex() {
        return hex;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex;
    }
}
