package io.mevkit.store;

import java.util.List;
import java.util.Optional;

/**
 * Opportunities and their life cycle. Every state transition writes its audit event in the same transaction.
 * Obtained from a {@link StoreTransaction}; valid only inside its callback.
 */
public interface OpportunityRepository {
    /**
     * Records an opportunity as {@code SEEN} (with an {@code OPPORTUNITY_SEEN} event), or returns the stored one if its
     * key is already there (no event). Its pool must be stored.
     */
    Opportunity record(NewOpportunity opportunity);

    /** Records many at once, in order; the same as {@link #record} for each, with fewer round trips. */
    List<Opportunity> recordAll(List<NewOpportunity> opportunities);

    Optional<Opportunity> find(long id);

    Optional<Opportunity> findByKey(long chainId, String victimTx, String pool, String strategy);

    /** Opportunities on one victim (or trigger) transaction, on any chain. */
    List<Opportunity> byVictimTx(String victimTx);

    /** The oldest {@code limit} opportunities in {@code status}. */
    List<Opportunity> byStatus(OpportunityStatus status, int limit);

    /**
     * Claims the opportunity for {@code instance}: across every bot instance sharing this store exactly one claim
     * wins, once. Returns true for the winner (and again for the winner if it asks again), false for everyone else.
     *
     * @throws NotFoundException if there is no such opportunity
     */
    boolean claim(long opportunityId, String instance);

    /**
     * Marks the opportunity {@code SKIPPED} with a reason.
     *
     * @throws StateTransitionException unless it is {@code SEEN} or {@code PLANNED}
     */
    Opportunity skip(long opportunityId, String reason);

    /**
     * Records the plan's numbers and marks the opportunity {@code PLANNED}.
     *
     * @throws StateTransitionException unless it is {@code SEEN}
     */
    Opportunity plan(long opportunityId, Plan plan);
}
