package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;
import io.mevkit.store.Bundle;
import io.mevkit.store.BundleRepository;
import io.mevkit.store.BundleStatus;
import io.mevkit.store.BundleTx;
import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.NewBundle;
import io.mevkit.store.NotFoundException;
import io.mevkit.store.Opportunity;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.store.StateTransitionException;
import io.mevkit.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.web3j.crypto.Hash;

/** Signed bundles and their transactions. */
final class JdbiBundles implements BundleRepository {
    private static final String COLUMNS = "id, opportunity_id, bundle_hash, first_block, last_block, replacement_uuid,"
            + " status, created_ms, updated_ms";

    private final TxContext tx;
    private final JdbiOpportunities opportunities;

    JdbiBundles(TxContext tx, JdbiOpportunities opportunities) {
        this.tx = tx;
        this.opportunities = opportunities;
    }

    @Override
    public Bundle recordSigned(NewBundle b) {
        Objects.requireNonNull(b, "bundle");
        Optional<Bundle> existing = findByHash(b.bundleHash());
        if (existing.isPresent()) {
            return sameOpportunity(existing.get(), b);
        }
        Opportunity opportunity = opportunities.require(b.opportunityId());
        if (opportunity.status() != OpportunityStatus.PLANNED && opportunity.status() != OpportunityStatus.SUBMITTED) {
            throw new StateTransitionException(
                    EntityType.OPPORTUNITY,
                    opportunity.id(),
                    opportunity.status().name(),
                    "a signed bundle");
        }
        long now = tx.now();
        Optional<Long> inserted = tx.handle
                .createQuery("INSERT INTO bundles (opportunity_id, bundle_hash, first_block, last_block,"
                        + " replacement_uuid, status, created_ms, updated_ms)"
                        + " VALUES (:opportunityId, :hash, :first, :last, :uuid, 'SIGNED', :now, :now)"
                        + " ON CONFLICT (bundle_hash) DO NOTHING RETURNING id")
                .bind("opportunityId", b.opportunityId())
                .bind("hash", b.bundleHash())
                .bind("first", b.firstBlock())
                .bind("last", b.lastBlock())
                .bindByType("uuid", b.replacementUuid(), String.class)
                .bind("now", now)
                .mapTo(Long.class)
                .findFirst();
        if (inserted.isEmpty()) {
            // another instance recorded the same bundle since our look-up (PostgreSQL)
            return sameOpportunity(findByHash(b.bundleHash()).orElseThrow(), b);
        }
        long id = inserted.get();
        PreparedBatch txs = tx.handle.prepareBatch("INSERT INTO bundle_txs (bundle_id, position, tx_hash, raw_tx)"
                + " VALUES (:bundleId, :position, :txHash, :rawTx)");
        List<BundleTx> stored = new ArrayList<>(b.rawTxs().size());
        for (int i = 0; i < b.rawTxs().size(); i++) {
            String raw = b.rawTxs().get(i);
            String txHash = Hash.sha3(raw);
            stored.add(new BundleTx(txHash, raw));
            txs.bind("bundleId", id)
                    .bind("position", i)
                    .bind("txHash", txHash)
                    .bind("rawTx", raw)
                    .add();
        }
        txs.execute();
        tx.event(
                now,
                EntityType.BUNDLE,
                id,
                b.opportunityId(),
                EventKind.BUNDLE_SIGNED,
                Detail.of("bundleHash", b.bundleHash())
                        .and("blocks", b.firstBlock() + ".." + b.lastBlock())
                        .and("txs", b.rawTxs().size())
                        .and("replacementUuid", b.replacementUuid())
                        .toString());
        return new Bundle(
                id,
                b.opportunityId(),
                b.bundleHash(),
                b.firstBlock(),
                b.lastBlock(),
                b.replacementUuid(),
                BundleStatus.SIGNED,
                stored,
                TxContext.instant(now),
                TxContext.instant(now));
    }

    private static Bundle sameOpportunity(Bundle existing, NewBundle b) {
        if (existing.opportunityId() != b.opportunityId()) {
            throw new ValidationException(
                    "bundleHash", b.bundleHash(), "is already recorded for opportunity " + existing.opportunityId());
        }
        return existing;
    }

    @Override
    public Optional<Bundle> find(long id) {
        return one("id = :key", id);
    }

    Bundle require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(EntityType.BUNDLE, id));
    }

    @Override
    public Optional<Bundle> findByHash(String bundleHash) {
        return one("bundle_hash = :key", Validate.hash("bundleHash", bundleHash));
    }

    @Override
    public List<Bundle> byTxHash(String txHash) {
        return many("id IN (SELECT bundle_id FROM bundle_txs WHERE tx_hash = :key)", Validate.hash("txHash", txHash));
    }

    @Override
    public List<Bundle> forOpportunity(long opportunityId) {
        return many("opportunity_id = :key", opportunityId);
    }

    private Optional<Bundle> one(String where, Object key) {
        List<Bundle> found = many(where, key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<Bundle> many(String where, Object key) {
        List<Row> rows = tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM bundles WHERE " + where + " ORDER BY id")
                .bind("key", key)
                .map((rs, ctx) -> row(rs))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<BundleTx>> txs = new HashMap<>();
        tx.handle
                .createQuery("SELECT bundle_id, tx_hash, raw_tx FROM bundle_txs WHERE bundle_id IN (<ids>)"
                        + " ORDER BY bundle_id, position")
                .bindList("ids", rows.stream().map(Row::id).toList())
                .map((rs, ctx) -> Map.entry(
                        rs.getLong("bundle_id"), new BundleTx(rs.getString("tx_hash"), rs.getString("raw_tx"))))
                .forEach(e ->
                        txs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Bundle> bundles = new ArrayList<>(rows.size());
        for (Row r : rows) {
            bundles.add(new Bundle(
                    r.id,
                    r.opportunityId,
                    r.hash,
                    r.first,
                    r.last,
                    r.uuid,
                    r.status,
                    txs.getOrDefault(r.id, List.of()),
                    TxContext.instant(r.createdMs),
                    TxContext.instant(r.updatedMs)));
        }
        return bundles;
    }

    private record Row(
            long id,
            long opportunityId,
            String hash,
            long first,
            long last,
            @org.jspecify.annotations.Nullable String uuid,
            BundleStatus status,
            long createdMs,
            long updatedMs) {}

    private static Row row(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        BundleStatus parsed;
        try {
            parsed = BundleStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown bundle status in the database: " + status, e);
        }
        return new Row(
                rs.getLong("id"),
                rs.getLong("opportunity_id"),
                rs.getString("bundle_hash"),
                rs.getLong("first_block"),
                rs.getLong("last_block"),
                rs.getString("replacement_uuid"),
                parsed,
                rs.getLong("created_ms"),
                rs.getLong("updated_ms"));
    }

    /** Moves a bundle to {@code to} with its event; nothing if it is already there or (given) not in {@code onlyFrom}. */
    void moveTo(Bundle current, BundleStatus to, String detail, BundleStatus... onlyFrom) {
        if (current.status() == to || (onlyFrom.length > 0 && !List.of(onlyFrom).contains(current.status()))) {
            return;
        }
        if (!current.status().canMoveTo(to)) {
            throw new StateTransitionException(
                    EntityType.BUNDLE, current.id(), current.status().name(), to.name());
        }
        long now = tx.now();
        int updated = tx.handle
                .createUpdate("UPDATE bundles SET status = :to, updated_ms = :now WHERE id = :id AND status = :from")
                .bind("to", to.name())
                .bind("now", now)
                .bind("id", current.id())
                .bind("from", current.status().name())
                .execute();
        if (updated != 1) {
            String actual = find(current.id()).map(x -> x.status().name()).orElse("deleted");
            throw new StateTransitionException(EntityType.BUNDLE, current.id(), actual, to.name());
        }
        tx.event(now, EntityType.BUNDLE, current.id(), current.opportunityId(), EventKind.of(to), detail);
    }
}
