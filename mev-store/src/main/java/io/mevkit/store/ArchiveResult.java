package io.mevkit.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What one archiving pass moved from live tables into their {@code _archive} tables.
 *
 * @param cutoff rows older than this were moved
 * @param moved rows moved per live table
 * @param batches transactions used (each moved at most the batch size of parent rows)
 */
public record ArchiveResult(Instant cutoff, Map<String, Long> moved, int batches) {
    public ArchiveResult {
        Objects.requireNonNull(cutoff, "cutoff");
        moved = Map.copyOf(moved);
    }

    /** Rows moved in all tables. */
    public long total() {
        return moved.values().stream().mapToLong(Long::longValue).sum();
    }
}
