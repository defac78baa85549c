package io.mevkit.core.bundle;

/**
 * Why re-validation ended an opportunity (see {@link BundleTracker.Plan.Stop} and {@link BundleOutcome.Cancelled}):
 * a name for a switch or a metric tag, next to the human-readable detail.
 */
public enum StopReason {
    /** The victim is in a block already (the tracker reports it as {@link BundleOutcome.VictimMinedElsewhere}). */
    VICTIM_MINED,
    /** The node no longer knows the victim: dropped or replaced. */
    VICTIM_DROPPED,
    /** The pool state at head leaves no profitable sandwich. */
    NO_LONGER_PROFITABLE,
    /** The configured fee cap is below the next block's base fee. */
    FEE_CAP_BELOW_BASE_FEE,
    /** The freshly built legs revert in simulation. */
    LEGS_REVERT,
    /** Any other reason a planner gives. */
    OTHER
}
