package io.mevkit.store;

/** How a bundle ended on chain: included and succeeded, not included by its last block, or included and reverted. */
public enum ExecutionOutcome {
    LANDED,
    MISSED,
    REVERTED
}
