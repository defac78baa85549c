package io.mevkit.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An opportunity as stored.
 *
 * @param id the store's id
 * @param chainId the chain id
 * @param victimTx the victim (or trigger) transaction's hash, lower-case
 * @param pool the pool's address, lower-case
 * @param strategy the strategy's name
 * @param blockNumber the head block when it was seen
 * @param status its current status
 * @param skipReason why it was skipped, when {@code SKIPPED}
 * @param plan its numbers, once planned
 * @param claimedBy the bot instance that claimed it, if any
 * @param claimedAt when it was claimed
 * @param createdAt when it was first recorded
 * @param updatedAt when it last changed
 */
public record Opportunity(
        long id,
        long chainId,
        String victimTx,
        String pool,
        String strategy,
        long blockNumber,
        OpportunityStatus status,
        @Nullable String skipReason,
        @Nullable Plan plan,
        @Nullable String claimedBy,
        @Nullable Instant claimedAt,
        Instant createdAt,
        Instant updatedAt) {
    public Opportunity {
        Objects.requireNonNull(victimTx, "victimTx");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
