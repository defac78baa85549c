package io.mevkit.oracle;

/** Why a source's quote did not count in an aggregate. */
public enum ExclusionReason {
    /** Older than the source's maximum age (or the feed's heartbeat allowance). */
    STALE,
    /** Too far from the median (relative deviation or k × MAD). */
    OUTLIER,
    /** The source failed (HTTP error, revert, bad payload). */
    ERROR,
    /** The source did not answer within its timeout; the aggregate did not wait. */
    TIMEOUT,
    /** The source is rate-limited and backing off. */
    RATE_LIMITED,
    /** The source's circuit breaker is open after repeated failures. */
    CIRCUIT_OPEN,
    /** Recovering after an open breaker: fetched and compared, not counted until it agrees several times. */
    PROBATION,
    /** The answer is not a price: zero, negative, or otherwise invalid. */
    INVALID,
    /** The value sits at the feed's configured minimum or maximum answer: the feed is pinned, not tracking. */
    PINNED,
    /** The L2 sequencer is down, or up for less than the grace period. */
    SEQUENCER_DOWN,
    /** The source does not know the asset (unknown id, no feed). */
    NOT_FOUND
}
