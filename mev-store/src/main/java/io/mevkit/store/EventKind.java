package io.mevkit.store;

/** What an audit event records: one state transition of an opportunity, bundle, submission or risk state. */
public enum EventKind {
    OPPORTUNITY_SEEN,
    OPPORTUNITY_CLAIMED,
    OPPORTUNITY_SKIPPED,
    OPPORTUNITY_PLANNED,
    OPPORTUNITY_SUBMITTED,
    OPPORTUNITY_LANDED,
    OPPORTUNITY_MISSED,
    OPPORTUNITY_REVERTED,
    BUNDLE_SIGNED,
    BUNDLE_SUBMITTED,
    BUNDLE_LANDED,
    BUNDLE_MISSED,
    BUNDLE_REVERTED,
    SUBMISSION_PENDING,
    SUBMISSION_ACCEPTED,
    SUBMISSION_REJECTED,
    SUBMISSION_UNKNOWN,
    RISK_KILL_SWITCH_TRIPPED,
    RISK_KILL_SWITCH_RESET;

    /** The event recording a move to {@code status}. */
    public static EventKind of(OpportunityStatus status) {
        return valueOf("OPPORTUNITY_" + status.name());
    }

    /** The event recording a move to {@code status}. */
    public static EventKind of(BundleStatus status) {
        return valueOf("BUNDLE_" + status.name());
    }

    /** The event recording a move to {@code status}. */
    public static EventKind of(SubmissionStatus status) {
        return valueOf("SUBMISSION_" + status.name());
    }
}
