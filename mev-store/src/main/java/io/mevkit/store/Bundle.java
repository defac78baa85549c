package io.mevkit.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bundle as stored, with its transactions in order.
 *
 * @param id the store's id
 * @param opportunityId the opportunity it acts on
 * @param bundleHash the bundle's hash, lower-case
 * @param firstBlock the first target block
 * @param lastBlock the last target block
 * @param replacementUuid the relay's replacement id, if any
 * @param status its current status
 * @param txs its transactions, in bundle order
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record Bundle(
        long id,
        long opportunityId,
        String bundleHash,
        long firstBlock,
        long lastBlock,
        @Nullable String replacementUuid,
        BundleStatus status,
        List<BundleTx> txs,
        Instant createdAt,
        Instant updatedAt) {
    public Bundle {
        Objects.requireNonNull(bundleHash, "bundleHash");
        Objects.requireNonNull(status, "status");
        txs = List.copyOf(txs);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
