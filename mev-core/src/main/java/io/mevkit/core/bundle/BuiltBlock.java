package io.mevkit.core.bundle;

import io.mevkit.core.Hash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A block {@link LocalBuilder} built and mined: its transactions in order, the bundle it placed at the top (if any),
 * and the bundles it turned down with the reason. Immutable.
 *
 * @param number the block's number
 * @param hash the block's hash
 * @param txHashes the block's transactions, in order
 * @param included the hash of the bundle placed at the top, if one was
 * @param rejected the bundles for this block that were not placed, each with why
 * @param poolTxsDropped pool transactions the node refused when they were sent again after the bundle (e.g. a nonce
 *     the bundle used up)
 */
public record BuiltBlock(
        long number,
        Hash hash,
        List<Hash> txHashes,
        Optional<Hash> included,
        List<Rejection> rejected,
        int poolTxsDropped) {

    /**
     * A bundle the builder did not place.
     *
     * @param bundleHash the bundle's hash
     * @param reason why, e.g. the first reverting transaction and its reason, or "outbid"
     */
    public record Rejection(Hash bundleHash, String reason) {
        public Rejection {
            Objects.requireNonNull(bundleHash, "bundleHash");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public BuiltBlock {
        Objects.requireNonNull(hash, "hash");
        txHashes = List.copyOf(txHashes);
        Objects.requireNonNull(included, "included");
        rejected = List.copyOf(rejected);
    }

    /**
     * Where {@code bundle} sits in this block: the index of its first transaction when every one of its transactions
     * is in the block, consecutive and in order; empty otherwise (a competitor's bundle around the same victim does
     * not count).
     */
    public OptionalInt positionOf(Bundle bundle) {
        return positionOf(txHashes, bundle.txHashes());
    }

    /** Where {@code bundleTxs} sit in {@code blockTxs}, consecutive and in order; empty when they do not. */
    public static OptionalInt positionOf(List<Hash> blockTxs, List<Hash> bundleTxs) {
        if (bundleTxs.isEmpty()) {
            return OptionalInt.empty();
        }
        int start = blockTxs.indexOf(bundleTxs.get(0));
        if (start < 0 || start + bundleTxs.size() > blockTxs.size()) {
            return OptionalInt.empty();
        }
        return blockTxs.subList(start, start + bundleTxs.size()).equals(bundleTxs)
                ? OptionalInt.of(start)
                : OptionalInt.empty();
    }
}
