package io.mevkit.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** On-chain outcomes of bundles. Obtained from a {@link StoreTransaction}; valid only inside its callback. */
public interface ExecutionRepository {
    /**
     * Records (or replaces, after a reorg) a bundle's outcome and moves the bundle and its opportunity to the matching
     * status, each with its event.
     *
     * @throws NotFoundException if there is no such bundle
     */
    Execution record(NewExecution execution);

    Optional<Execution> forBundle(long bundleId);

    List<Execution> forOpportunity(long opportunityId);

    List<Execution> byBlock(long blockNumber);

    /** The sum of realized profit recorded at or after {@code since}, exact (summed as integers, never in SQL text). */
    BigInteger realizedProfitSince(Instant since);
}
