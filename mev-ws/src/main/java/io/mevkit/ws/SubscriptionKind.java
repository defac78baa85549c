package io.mevkit.ws;

/** What an {@code eth_subscribe} subscription delivers. */
public enum SubscriptionKind {
    /** Block headers ({@code newHeads}); gap-free, backfilled over HTTP after a drop. */
    NEW_HEADS,
    /** Logs matching a {@link LogFilter} ({@code logs}); gap-free, reorgs reported as removed logs. */
    LOGS,
    /** Hashes of pending transactions ({@code newPendingTransactions}); cannot be backfilled: a drop yields a Gap. */
    PENDING_TRANSACTION_HASHES,
    /** Full pending transactions ({@code newPendingTransactions}, {@code true}); a drop yields a Gap. */
    PENDING_TRANSACTIONS;

    /** Whether missed events of this kind can be fetched again after a drop. */
    public boolean isBackfillable() {
        return this == NEW_HEADS || this == LOGS;
    }
}
