package io.mevkit.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The state of the store's backups, for health checks: the latest backup and whether it was verified (integrity and
 * foreign-key checks, row counts equal to those recorded when it was taken).
 *
 * @param state where things stand
 * @param latest the latest backup, if any
 * @param takenAt when it was taken
 * @param verifiedAt when it was last verified successfully
 * @param counts its row counts per table
 * @param problem what failed last, when {@code FAILED}
 * @param taken backups taken since the store opened
 * @param failures backups or verifications that failed since the store opened
 */
public record BackupStatus(
        State state,
        @Nullable Path latest,
        @Nullable Instant takenAt,
        @Nullable Instant verifiedAt,
        Map<String, Long> counts,
        @Nullable String problem,
        long taken,
        long failures) {
    /** Where the latest backup stands. */
    public enum State {
        /** No backup has been taken. */
        NONE,
        /** The latest backup was taken and not yet verified. */
        TAKEN,
        /** The latest backup was verified. */
        VERIFIED,
        /** The latest backup or its verification failed; {@code problem} says how. */
        FAILED
    }

    public BackupStatus {
        Objects.requireNonNull(state, "state");
        counts = Map.copyOf(counts);
    }

    /** False only when the latest backup or its verification failed. */
    public boolean healthy() {
        return state != State.FAILED;
    }
}
