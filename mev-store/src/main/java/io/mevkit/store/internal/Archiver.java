package io.mevkit.store.internal;

import io.mevkit.store.ArchiveResult;
import io.mevkit.store.StoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves rows older than a cutoff from the append-heavy tables (events; price snapshots with their quotes) into their
 * {@code _archive} tables, in batches of at most {@code batchSize} parent rows, one transaction per batch: copy, then
 * delete exactly the copied rows, and roll back unless both touched the same number of rows. Live plus archive counts
 * are unchanged by a pass.
 */
public final class Archiver {
    private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);

    private static final String EVENT_COLUMNS = "id, occurred_ms, entity, entity_id, opportunity_id, kind, detail";
    private static final String SNAPSHOT_COLUMNS = "id, base, quote, price, confidence, observed_ms, recorded_ms";
    private static final String QUOTE_COLUMNS =
            "id, snapshot_id, source, price, confidence, observed_ms, included, exclusion_reason";

    private final HandleRunner writer;
    private final int batchSize;

    public Archiver(HandleRunner writer, int batchSize) {
        this.writer = writer;
        this.batchSize = batchSize;
    }

    public ArchiveResult archive(Instant cutoff) {
        long cutoffMs = cutoff.toEpochMilli();
        Map<String, Long> moved = new LinkedHashMap<>();
        moved.put("events", 0L);
        moved.put("price_snapshots", 0L);
        moved.put("price_quotes", 0L);
        int batches = 0;
        while (true) {
            long[] n = writer.inTransaction(h -> eventBatch(h, cutoffMs));
            if (n[0] == 0) {
                break;
            }
            batches++;
            moved.merge("events", n[0], Long::sum);
            if (n[0] < batchSize) {
                break;
            }
        }
        while (true) {
            long[] n = writer.inTransaction(h -> priceBatch(h, cutoffMs));
            if (n[0] == 0) {
                break;
            }
            batches++;
            moved.merge("price_snapshots", n[0], Long::sum);
            moved.merge("price_quotes", n[1], Long::sum);
            if (n[0] < batchSize) {
                break;
            }
        }
        ArchiveResult result = new ArchiveResult(cutoff, moved, batches);
        if (result.total() > 0) {
            LOG.debug("archived {} rows older than {} in {} batches: {}", result.total(), cutoff, batches, moved);
        }
        return result;
    }

    private long[] eventBatch(Handle h, long cutoffMs) {
        List<Long> ids = h.createQuery(
                        "SELECT id FROM events WHERE occurred_ms < :cutoff" + " ORDER BY occurred_ms, id LIMIT :limit")
                .bind("cutoff", cutoffMs)
                .bind("limit", batchSize)
                .mapTo(Long.class)
                .list();
        if (ids.isEmpty()) {
            return new long[] {0};
        }
        move(h, "events", EVENT_COLUMNS, "id", ids, ids.size());
        return new long[] {ids.size()};
    }

    private long[] priceBatch(Handle h, long cutoffMs) {
        List<Long> ids = h.createQuery("SELECT id FROM price_snapshots WHERE observed_ms < :cutoff"
                        + " ORDER BY observed_ms, id LIMIT :limit")
                .bind("cutoff", cutoffMs)
                .bind("limit", batchSize)
                .mapTo(Long.class)
                .list();
        if (ids.isEmpty()) {
            return new long[] {0, 0};
        }
        // children first: price_quotes references price_snapshots
        long quotes = move(h, "price_quotes", QUOTE_COLUMNS, "snapshot_id", ids, -1);
        move(h, "price_snapshots", SNAPSHOT_COLUMNS, "id", ids, ids.size());
        return new long[] {ids.size(), quotes};
    }

    /** Copies the rows whose {@code keyColumn} is in {@code keys} to the archive, then deletes exactly those. */
    private static long move(Handle h, String table, String columns, String keyColumn, List<Long> keys, int expected) {
        int copied = h.createUpdate("INSERT INTO " + table + "_archive (" + columns + ") SELECT " + columns + " FROM "
                        + table + " WHERE " + keyColumn + " IN (<keys>)")
                .bindList("keys", keys)
                .execute();
        int deleted = h.createUpdate("DELETE FROM " + table + " WHERE " + keyColumn + " IN (<keys>)")
                .bindList("keys", keys)
                .execute();
        if (copied != deleted || (expected >= 0 && copied != expected)) {
            throw new StoreException("archiving " + table + " copied " + copied + " rows but deleted " + deleted
                    + (expected >= 0 ? " (expected " + expected + ")" : "") + "; the batch was rolled back");
        }
        return copied;
    }
}
