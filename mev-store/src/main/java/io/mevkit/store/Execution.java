package io.mevkit.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bundle's on-chain outcome as stored.
 *
 * @param id the store's id
 * @param bundleId the bundle
 * @param opportunityId the bundle's opportunity
 * @param outcome what happened
 * @param blockNumber the including block, unless missed
 * @param txHash the searcher's included transaction, if any
 * @param gasUsed gas used
 * @param gasCost its cost in wei
 * @param realizedProfit profit in wei, negative for a loss
 * @param recordedAt when it was (last) recorded
 */
public record Execution(
        long id,
        long bundleId,
        long opportunityId,
        ExecutionOutcome outcome,
        @Nullable Long blockNumber,
        @Nullable String txHash,
        long gasUsed,
        BigInteger gasCost,
        BigInteger realizedProfit,
        Instant recordedAt) {
    public Execution {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(gasCost, "gasCost");
        Objects.requireNonNull(realizedProfit, "realizedProfit");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
