package io.mevkit.store.internal;

import java.nio.file.Path;
import java.util.Map;

/** How one dialect takes, verifies and deletes a backup. */
public interface BackupMethod {
    /** The backup's file-name suffix ({@code .db} for a SQLite file, empty for a directory). */
    String suffix();

    /** Takes a consistent backup into {@code target} (which must not exist) and writes its manifest. */
    Manifest take(Path target, String schema, java.time.Instant takenAt);

    /** The manifest written when {@code backup} was taken. */
    Manifest manifest(Path backup);

    /**
     * Checks {@code backup} (integrity, foreign keys where the format allows) and returns the row counts it holds of
     * every table of schema version {@code schema} (the version its manifest records; a later migration's tables are
     * not expected).
     *
     * @throws io.mevkit.store.BackupVerificationException describing the first problem found, naming the table at fault
     */
    Map<String, Long> verify(Path backup, String schema);

    /** Deletes the backup and its manifest. */
    void delete(Path backup);
}
