package io.mevkit.store;

import java.util.List;

/**
 * Read access to the append-only audit events (written only by the other repositories). Obtained from a
 * {@link StoreTransaction}; valid only inside its callback.
 */
public interface EventRepository {
    /** The live events of one opportunity (and its bundles and submissions), in order. */
    List<StoreEvent> forOpportunity(long opportunityId);

    /** Live events with an id above {@code afterId}, in order, at most {@code limit}. */
    List<StoreEvent> after(long afterId, int limit);

    /** The number of live (not archived) events. */
    long count();
}
