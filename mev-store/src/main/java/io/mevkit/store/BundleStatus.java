package io.mevkit.store;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a bundle is: {@code SIGNED}, {@code SUBMITTED} once a builder accepted it (or may have), then an outcome
 * ({@code LANDED}, {@code MISSED}, {@code REVERTED}) that may be corrected to another outcome after a reorg.
 */
public enum BundleStatus {
    SIGNED,
    SUBMITTED,
    LANDED,
    MISSED,
    REVERTED;

    /** Whether a bundle in this status may move to {@code next}. */
    public boolean canMoveTo(BundleStatus next) {
        return next != this && successors().contains(next);
    }

    private Set<BundleStatus> successors() {
        return switch (this) {
            case SIGNED -> EnumSet.of(SUBMITTED, LANDED, MISSED, REVERTED);
            case SUBMITTED, LANDED, MISSED, REVERTED -> EnumSet.of(LANDED, MISSED, REVERTED);
        };
    }
}
