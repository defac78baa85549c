package io.mevkit.store;

import org.jdbi.v3.core.Handle;

/**
 * One database transaction, handed to the callbacks of {@link MevStore#inTransaction} and {@link MevStore#read}. The
 * repositories share it: everything done through them commits or rolls back together. Valid only inside its callback
 * and only on the thread running it.
 */
public interface StoreTransaction {
    TokenRepository tokens();

    PoolRepository pools();

    OpportunityRepository opportunities();

    BundleRepository bundles();

    SubmissionRepository submissions();

    ExecutionRepository executions();

    PriceRepository prices();

    RiskRepository risk();

    EventRepository events();

    /**
     * The jdbi handle of this transaction, for queries the repositories do not offer. On SQLite the write handle is
     * shared by all write transactions in turn: use it for statements, do not change its configuration.
     */
    Handle handle();
}
