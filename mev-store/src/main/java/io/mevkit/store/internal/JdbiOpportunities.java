package io.mevkit.store.internal;

import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.NewOpportunity;
import io.mevkit.store.NotFoundException;
import io.mevkit.store.Opportunity;
import io.mevkit.store.OpportunityRepository;
import io.mevkit.store.OpportunityStatus;
import io.mevkit.store.Plan;
import io.mevkit.store.StateTransitionException;
import io.mevkit.store.StoreException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Opportunities and their transitions; each transition writes its event in the same transaction. */
final class JdbiOpportunities implements OpportunityRepository {
    static final String COLUMNS = "id, chain_id, victim_tx_hash, pool_address, strategy, block_number, status,"
            + " skip_reason, amount_in, expected_profit, gas_cost, bribe, claimed_by, claimed_ms, created_ms, updated_ms";
    private static final String INSERT = "INSERT INTO opportunities"
            + " (chain_id, victim_tx_hash, pool_address, strategy, block_number, status, created_ms, updated_ms)"
            + " VALUES (:chainId, :victimTx, :pool, :strategy, :block, 'SEEN', :now, :now)"
            + " ON CONFLICT (chain_id, victim_tx_hash, pool_address, strategy) DO NOTHING";
    /** Rows per statement when recording many (well under SQLite's bound-variable limit). */
    private static final int CHUNK = 500;

    private final TxContext tx;

    JdbiOpportunities(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public Opportunity record(NewOpportunity o) {
        Objects.requireNonNull(o, "opportunity");
        long now = tx.now();
        // findFirst: the insert is done by the first step; reading on to the end would only cost another step
        Optional<Long> inserted = tx.handle
                .createQuery(INSERT + " RETURNING id")
                .bind("chainId", o.chainId())
                .bind("victimTx", o.victimTx())
                .bind("pool", o.pool())
                .bind("strategy", o.strategy())
                .bind("block", o.blockNumber())
                .bind("now", now)
                .mapTo(Long.class)
                .findFirst();
        if (inserted.isEmpty()) {
            return findByKey(o.chainId(), o.victimTx(), o.pool(), o.strategy())
                    .orElseThrow(() -> new StoreException("opportunity vanished during its upsert: " + o));
        }
        long id = inserted.get();
        tx.event(now, EntityType.OPPORTUNITY, id, id, EventKind.OPPORTUNITY_SEEN, seenDetail(o));
        return seen(id, o, now);
    }

    @Override
    public List<Opportunity> recordAll(List<NewOpportunity> opportunities) {
        Objects.requireNonNull(opportunities, "opportunities");
        List<Opportunity> result = new ArrayList<>(opportunities.size());
        for (int from = 0; from < opportunities.size(); from += CHUNK) {
            result.addAll(recordChunk(opportunities.subList(from, Math.min(opportunities.size(), from + CHUNK))));
        }
        return result;
    }

    private List<Opportunity> recordChunk(List<NewOpportunity> chunk) {
        long now = tx.now();
        PreparedBatch insert = tx.handle.prepareBatch(INSERT);
        for (NewOpportunity o : chunk) {
            Objects.requireNonNull(o, "opportunity");
            insert.bind("chainId", o.chainId())
                    .bind("victimTx", o.victimTx())
                    .bind("pool", o.pool())
                    .bind("strategy", o.strategy())
                    .bind("block", o.blockNumber())
                    .bind("now", now)
                    .add();
        }
        int[] counts = insert.execute();
        Set<String> hashes = new LinkedHashSet<>();
        chunk.forEach(o -> hashes.add(o.victimTx()));
        Map<Key, Opportunity> stored = new HashMap<>();
        tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM opportunities WHERE victim_tx_hash IN (<hashes>)")
                .bindList("hashes", new ArrayList<>(hashes))
                .map((rs, ctx) -> map(rs))
                .forEach(o -> stored.put(new Key(o.chainId(), o.victimTx(), o.pool(), o.strategy()), o));
        PreparedBatch events = tx.handle.prepareBatch(
                "INSERT INTO events (occurred_ms, entity, entity_id, opportunity_id, kind, detail)"
                        + " VALUES (:now, 'OPPORTUNITY', :id, :id, 'OPPORTUNITY_SEEN', :detail)");
        List<Opportunity> result = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            NewOpportunity o = chunk.get(i);
            Opportunity row = stored.get(new Key(o.chainId(), o.victimTx(), o.pool(), o.strategy()));
            if (row == null) {
                throw new StoreException("opportunity vanished during its upsert: " + o);
            }
            if (counts[i] == Statement.SUCCESS_NO_INFO || counts[i] < 0) {
                throw new StoreException("the JDBC driver did not report which rows it inserted");
            }
            if (counts[i] == 1) {
                events.bind("now", now)
                        .bind("id", row.id())
                        .bind("detail", seenDetail(o))
                        .add();
            }
            result.add(row);
        }
        if (events.size() > 0) {
            events.execute();
        }
        return result;
    }

    private record Key(long chainId, String victimTx, String pool, String strategy) {}

    private static String seenDetail(NewOpportunity o) {
        return Detail.of("chain", o.chainId())
                .and("victimTx", o.victimTx())
                .and("pool", o.pool())
                .and("strategy", o.strategy())
                .and("block", o.blockNumber())
                .toString();
    }

    private static Opportunity seen(long id, NewOpportunity o, long now) {
        return new Opportunity(
                id,
                o.chainId(),
                o.victimTx(),
                o.pool(),
                o.strategy(),
                o.blockNumber(),
                OpportunityStatus.SEEN,
                null,
                null,
                null,
                null,
                TxContext.instant(now),
                TxContext.instant(now));
    }

    @Override
    public Optional<Opportunity> find(long id) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM opportunities WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    Opportunity require(long id) {
        return find(id).orElseThrow(() -> new NotFoundException(EntityType.OPPORTUNITY, id));
    }

    @Override
    public Optional<Opportunity> findByKey(long chainId, String victimTx, String pool, String strategy) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM opportunities WHERE chain_id = :chainId"
                        + " AND victim_tx_hash = :victimTx AND pool_address = :pool AND strategy = :strategy")
                .bind("chainId", chainId)
                .bind("victimTx", Validate.hash("victimTx", victimTx))
                .bind("pool", Validate.address("pool", pool))
                .bind("strategy", strategy)
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    @Override
    public List<Opportunity> byVictimTx(String victimTx) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM opportunities WHERE victim_tx_hash = :victimTx ORDER BY id")
                .bind("victimTx", Validate.hash("victimTx", victimTx))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public List<Opportunity> byStatus(OpportunityStatus status, int limit) {
        Objects.requireNonNull(status, "status");
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM opportunities WHERE status = :status"
                        + " ORDER BY created_ms, id LIMIT :limit")
                .bind("status", status.name())
                .bind("limit", Limits.check(limit))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public boolean claim(long opportunityId, String instance) {
        String claimant = Validate.label("instance", instance, 128);
        long now = tx.now();
        int won = tx.handle
                .createUpdate("UPDATE opportunities SET claimed_by = :instance, claimed_ms = :now, updated_ms = :now"
                        + " WHERE id = :id AND claimed_by IS NULL")
                .bind("instance", claimant)
                .bind("now", now)
                .bind("id", opportunityId)
                .execute();
        if (won == 1) {
            tx.event(
                    now,
                    EntityType.OPPORTUNITY,
                    opportunityId,
                    opportunityId,
                    EventKind.OPPORTUNITY_CLAIMED,
                    Detail.of("instance", claimant).toString());
            return true;
        }
        Optional<String> owner = tx.handle
                .createQuery("SELECT claimed_by FROM opportunities WHERE id = :id")
                .bind("id", opportunityId)
                .mapTo(String.class)
                .findOne();
        if (owner.isEmpty()) {
            throw new NotFoundException(EntityType.OPPORTUNITY, opportunityId);
        }
        return claimant.equals(owner.get());
    }

    @Override
    public Opportunity skip(long opportunityId, String reason) {
        String why = Validate.label("reason", reason, 1000);
        Opportunity current = require(opportunityId);
        check(current, OpportunityStatus.SKIPPED);
        long now = tx.now();
        int updated = tx.handle
                .createUpdate("UPDATE opportunities SET status = 'SKIPPED', skip_reason = :reason, updated_ms = :now"
                        + " WHERE id = :id AND status = :from")
                .bind("reason", why)
                .bind("now", now)
                .bind("id", opportunityId)
                .bind("from", current.status().name())
                .execute();
        requireUpdated(updated, current, OpportunityStatus.SKIPPED);
        tx.event(
                now,
                EntityType.OPPORTUNITY,
                opportunityId,
                opportunityId,
                EventKind.OPPORTUNITY_SKIPPED,
                Detail.of("reason", why).toString());
        return require(opportunityId);
    }

    @Override
    public Opportunity plan(long opportunityId, Plan plan) {
        Objects.requireNonNull(plan, "plan");
        Opportunity current = require(opportunityId);
        check(current, OpportunityStatus.PLANNED);
        long now = tx.now();
        int updated = tx.handle
                .createUpdate("UPDATE opportunities SET status = 'PLANNED', amount_in = :amountIn,"
                        + " expected_profit = :expectedProfit, gas_cost = :gasCost, bribe = :bribe, updated_ms = :now"
                        + " WHERE id = :id AND status = :from")
                .bindByType("amountIn", plan.amountIn(), BigInteger.class)
                .bindByType("expectedProfit", plan.expectedProfit(), BigInteger.class)
                .bindByType("gasCost", plan.gasCost(), BigInteger.class)
                .bindByType("bribe", plan.bribe(), BigInteger.class)
                .bind("now", now)
                .bind("id", opportunityId)
                .bind("from", current.status().name())
                .execute();
        requireUpdated(updated, current, OpportunityStatus.PLANNED);
        tx.event(
                now,
                EntityType.OPPORTUNITY,
                opportunityId,
                opportunityId,
                EventKind.OPPORTUNITY_PLANNED,
                Detail.of("amountIn", plan.amountIn())
                        .and("expectedProfit", plan.expectedProfit())
                        .and("gasCost", plan.gasCost())
                        .and("bribe", plan.bribe())
                        .toString());
        return require(opportunityId);
    }

    /**
     * Moves an opportunity to {@code to} on behalf of its bundle or submission, with its event; nothing if it is
     * already there, and nothing if {@code onlyFrom} is given and it is elsewhere.
     */
    void moveTo(long opportunityId, OpportunityStatus to, String detail, OpportunityStatus... onlyFrom) {
        Opportunity current = require(opportunityId);
        if (current.status() == to) {
            return;
        }
        if (onlyFrom.length > 0 && !List.of(onlyFrom).contains(current.status())) {
            return;
        }
        check(current, to);
        long now = tx.now();
        int updated = tx.handle
                .createUpdate(
                        "UPDATE opportunities SET status = :to, updated_ms = :now WHERE id = :id AND status = :from")
                .bind("to", to.name())
                .bind("now", now)
                .bind("id", opportunityId)
                .bind("from", current.status().name())
                .execute();
        requireUpdated(updated, current, to);
        tx.event(now, EntityType.OPPORTUNITY, opportunityId, opportunityId, EventKind.of(to), detail);
    }

    private static void check(Opportunity current, OpportunityStatus to) {
        if (!current.status().canMoveTo(to)) {
            throw new StateTransitionException(
                    EntityType.OPPORTUNITY, current.id(), current.status().name(), to.name());
        }
    }

    private void requireUpdated(int updated, Opportunity current, OpportunityStatus to) {
        if (updated != 1) {
            // another instance moved it between our read and our write (PostgreSQL); the caller's transaction rolls
            // back
            String now = find(current.id()).map(o -> o.status().name()).orElse("deleted");
            throw new StateTransitionException(EntityType.OPPORTUNITY, current.id(), now, to.name());
        }
    }

    Opportunity map(ResultSet rs) throws SQLException {
        BigInteger amountIn = tx.codec.integer(rs, "amount_in");
        Plan plan = amountIn == null
                ? null
                : new Plan(
                        amountIn,
                        tx.codec.requiredInteger(rs, "expected_profit"),
                        tx.codec.requiredInteger(rs, "gas_cost"),
                        tx.codec.requiredInteger(rs, "bribe"));
        long claimedMs = rs.getLong("claimed_ms");
        boolean claimed = !rs.wasNull();
        return new Opportunity(
                rs.getLong("id"),
                rs.getLong("chain_id"),
                rs.getString("victim_tx_hash"),
                rs.getString("pool_address"),
                rs.getString("strategy"),
                rs.getLong("block_number"),
                status(rs.getString("status")),
                rs.getString("skip_reason"),
                plan,
                rs.getString("claimed_by"),
                claimed ? TxContext.instant(claimedMs) : null,
                TxContext.instant(rs.getLong("created_ms")),
                TxContext.instant(rs.getLong("updated_ms")));
    }

    private static OpportunityStatus status(String text) {
        try {
            return OpportunityStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown opportunity status in the database: " + text, e);
        }
    }
}
