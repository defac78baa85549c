package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A signed transaction exactly as it is sent: its raw bytes, its hash (keccak-256 of those bytes, checked here),
 * its sender and nonce. Immutable; {@link #raw()} returns a copy.
 *
 * @param raw the signed, encoded transaction (for EIP-1559, {@code 0x02 || rlp(...)})
 * @param hash keccak-256 of {@code raw}
 * @param sender the account that signed it
 * @param nonce the sender's nonce it uses
 */
public record SignedTx(byte[] raw, Hash hash, Address sender, long nonce) {

    public SignedTx {
        raw = Objects.requireNonNull(raw, "raw").clone();
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(sender, "sender");
        if (raw.length == 0) {
            throw new ValidationException("raw", "0x", "must not be empty");
        }
        Hash computed = Hash.keccak256(raw);
        if (!computed.equals(hash)) {
            throw new ValidationException("hash", hash, "must be keccak-256 of raw, " + computed);
        }
        if (nonce < 0) {
            throw new ValidationException("nonce", nonce, "must not be negative");
        }
    }

    /** A signed transaction whose hash is computed from {@code raw}. */
    public static SignedTx of(byte[] raw, Address sender, long nonce) {
        return new SignedTx(raw, Hash.keccak256(raw), sender, nonce);
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** The raw bytes as {@code 0x}-prefixed lower-case hex, as bundles carry them. */
    public String rawHex() {
        return Hex.encode(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTx t && Arrays.equals(raw, t.raw) && sender.equals(t.sender) && nonce == t.nonce;
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "SignedTx[hash=" + hash + ", sender=" + sender + ", nonce=" + nonce + ", bytes=" + raw.length + "]";
    }
}
