package io.mevkit.examples.wallet;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A value transfer touching a watched address: an ERC-20 {@code Transfer} log ({@code token} present, {@code logIndex}
 * its index in the block) or a native ETH transfer by a transaction ({@code token} empty, {@code logIndex} -1).
 * {@link #key()} identifies it across detection paths.
 */
public record Transfer(
        Hash txHash, int logIndex, long block, Optional<Address> token, Address from, Address to, BigInteger amount) {
    public Transfer {
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount");
    }

    /** The identity of a transfer: its transaction and log index (-1 for the native value of the transaction). */
    public Key key() {
        return new Key(txHash, logIndex);
    }

    /** Transaction hash and log index. */
    public record Key(Hash txHash, int logIndex) {}
}
