package io.mevkit.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an opportunity is in its life: {@code SEEN -> PLANNED -> SUBMITTED -> LANDED | MISSED | REVERTED}, or
 * {@code SKIPPED} (with a reason) before it is submitted. An outcome may be corrected to another outcome (a reorg, or a
 * replacement bundle landing after a miss).
 */
public enum OpportunityStatus {
    SEEN,
    SKIPPED,
    PLANNED,
    SUBMITTED,
    LANDED,
    MISSED,
    REVERTED;

    /** Whether an opportunity in this status may move to {@code next}. */
    public boolean canMoveTo(OpportunityStatus next) {
        return next != this && successors().contains(next);
    }

    private Set<OpportunityStatus> successors() {
        return switch (this) {
            case SEEN -> EnumSet.of(SKIPPED, PLANNED);
            case PLANNED -> EnumSet.of(SKIPPED, SUBMITTED, LANDED, MISSED, REVERTED);
            case SUBMITTED, LANDED, MISSED, REVERTED -> EnumSet.of(LANDED, MISSED, REVERTED);
            case SKIPPED -> EnumSet.noneOf(OpportunityStatus.class);
        };
    }
}
