package io.mevkit.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One backup taken: where it is, when, and the row count of every table in the read transaction it was copied from.
 *
 * @param path the backup (a SQLite file, or a directory of COPY files for PostgreSQL)
 * @param takenAt when it was taken
 * @param counts rows per table, as of the backup's snapshot
 */
public record BackupResult(Path path, Instant takenAt, Map<String, Long> counts) {
    public BackupResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(takenAt, "takenAt");
        counts = Map.copyOf(counts);
    }
}
