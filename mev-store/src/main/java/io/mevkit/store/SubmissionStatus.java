package io.mevkit.store;

/**
 * Where one submission (a bundle sent to one builder for one block) is: {@code PENDING} is the intent, written before
 * the request leaves; then {@code ACCEPTED}, {@code REJECTED}, or {@code UNKNOWN} (no answer: the builder may have it).
 * An {@code UNKNOWN} may later become {@code ACCEPTED} or {@code REJECTED}.
 */
public enum SubmissionStatus {
    PENDING,
    ACCEPTED,
    REJECTED,
    UNKNOWN;

    /** Whether a submission in this status may move to {@code next}. */
    public boolean canMoveTo(SubmissionStatus next) {
        return switch (this) {
            case PENDING -> next != PENDING;
            case UNKNOWN -> next == ACCEPTED || next == REJECTED;
            case ACCEPTED, REJECTED -> false;
        };
    }
}
