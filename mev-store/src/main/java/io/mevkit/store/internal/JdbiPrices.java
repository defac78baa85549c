package io.mevkit.store.internal;

import io.mevkit.store.PriceRepository;
import io.mevkit.store.PriceSnapshot;
import io.mevkit.store.SourceQuote;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Aggregate prices with their per-source quotes. */
final class JdbiPrices implements PriceRepository {
    private final TxContext tx;

    JdbiPrices(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public long record(PriceSnapshot s) {
        Objects.requireNonNull(s, "snapshot");
        long now = tx.now();
        long observed = s.observedAt().toEpochMilli();
        Optional<Long> inserted = tx.handle
                .createQuery("INSERT INTO price_snapshots (base, quote, price, confidence, observed_ms, recorded_ms)"
                        + " VALUES (:base, :quote, :price, :confidence, :observed, :now)"
                        + " ON CONFLICT (base, quote, observed_ms) DO NOTHING RETURNING id")
                .bind("base", s.base())
                .bind("quote", s.quote())
                .bindByType("price", s.price(), BigDecimal.class)
                .bindByType("confidence", s.confidence(), BigDecimal.class)
                .bind("observed", observed)
                .bind("now", now)
                .mapTo(Long.class)
                .findFirst();
        if (inserted.isEmpty()) {
            return tx.handle
                    .createQuery("SELECT id FROM price_snapshots"
                            + " WHERE base = :base AND quote = :quote AND observed_ms = :observed")
                    .bind("base", s.base())
                    .bind("quote", s.quote())
                    .bind("observed", observed)
                    .mapTo(Long.class)
                    .one();
        }
        long id = inserted.get();
        if (!s.quotes().isEmpty()) {
            PreparedBatch quotes = tx.handle.prepareBatch("INSERT INTO price_quotes (snapshot_id, source, price,"
                    + " confidence, observed_ms, included, exclusion_reason)"
                    + " VALUES (:id, :source, :price, :confidence, :observed, :included, :reason)");
            for (SourceQuote q : s.quotes()) {
                quotes.bind("id", id)
                        .bind("source", q.source())
                        .bindByType("price", q.price(), BigDecimal.class)
                        .bindByType("confidence", q.confidence(), BigDecimal.class)
                        .bind("observed", q.observedAt().toEpochMilli())
                        .bind("included", q.included())
                        .bindByType("reason", q.exclusionReason(), String.class)
                        .add();
            }
            quotes.execute();
        }
        return id;
    }

    @Override
    public Optional<PriceSnapshot> latest(String base, String quote) {
        List<PriceSnapshot> found = history(base, quote, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public List<PriceSnapshot> history(String base, String quote, int limit) {
        List<Row> rows = tx.handle
                .createQuery("SELECT id, base, quote, price, confidence, observed_ms FROM price_snapshots"
                        + " WHERE base = :base AND quote = :quote ORDER BY observed_ms DESC, id DESC LIMIT :limit")
                .bind("base", Validate.label("base", base, 64))
                .bind("quote", Validate.label("quote", quote, 64))
                .bind("limit", Limits.check(limit))
                .map((rs, ctx) -> new Row(
                        rs.getLong("id"),
                        rs.getString("base"),
                        rs.getString("quote"),
                        tx.codec.requiredDecimal(rs, "price"),
                        tx.codec.decimal(rs, "confidence"),
                        rs.getLong("observed_ms")))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<SourceQuote>> quotes = new HashMap<>();
        tx.handle
                .createQuery("SELECT snapshot_id, source, price, confidence, observed_ms, included, exclusion_reason"
                        + " FROM price_quotes WHERE snapshot_id IN (<ids>) ORDER BY snapshot_id, id")
                .bindList("ids", rows.stream().map(Row::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong("snapshot_id"), quote(rs)))
                .forEach(e -> quotes.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        List<PriceSnapshot> snapshots = new ArrayList<>(rows.size());
        for (Row r : rows) {
            snapshots.add(new PriceSnapshot(
                    r.base,
                    r.quote,
                    r.price,
                    r.confidence,
                    Instant.ofEpochMilli(r.observedMs),
                    quotes.getOrDefault(r.id, List.of())));
        }
        return snapshots;
    }

    private SourceQuote quote(ResultSet rs) throws SQLException {
        return new SourceQuote(
                rs.getString("source"),
                tx.codec.requiredDecimal(rs, "price"),
                tx.codec.decimal(rs, "confidence"),
                Instant.ofEpochMilli(rs.getLong("observed_ms")),
                rs.getBoolean("included"),
                rs.getString("exclusion_reason"));
    }

    private record Row(
            long id,
            String base,
            String quote,
            BigDecimal price,
            @org.jspecify.annotations.Nullable BigDecimal confidence,
            long observedMs) {}
}
