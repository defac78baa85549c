package io.mevkit.core;

import java.util.Arrays;

/** A 32-byte hash (transaction, block, bundle or topic). Immutable and thread-safe; equality by value. */
public final class Hash {
    private final byte[] bytes;
    private String hex; // made on first use; a racy but benign cache, as String.hash

    private Hash(byte[] bytes, String hex) {
        this.bytes = bytes;
        this.hex = hex;
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
        byte[] raw = Hex.decode(field, hex);
        for (int i = 2; i < 66; i++) {
            char c = hex.charAt(i);
            if (c >= 'A' && c <= 'F') {
                return new Hash(raw, null);
            }
        }
        return new Hash(raw, hex.charAt(1) == 'x' ? hex : null); // already canonical: keep the caller's string
    }

    public static Hash of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new ValidationException("hash", Hex.encode(bytes), "must be 32 bytes");
        }
        return new Hash(bytes.clone(), null);
    }

    /** The keccak-256 hash of {@code data} (a transaction's hash is that of its raw signed bytes). */
    public static Hash keccak256(byte[] data) {
        return new Hash(org.web3j.crypto.Hash.sha3(data), null);
    }

    /** Lower-case hex, 0x-prefixed. */
    public String hex() {
        String h = hex;
        if (h == null) {
            h = Hex.encode(bytes);
            hex = h;
        }
        return h;
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
        return hex();
    }
}
