package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.RiskState;
import io.mevkit.core.bundle.RiskStateStore;
import io.mevkit.store.Amounts;
import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.MevStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/**
 * {@link RiskStateStore} on one row of {@code risk_policy_state}, keyed by scope, and the scope's recent spends in
 * {@code risk_policy_spends}, one row each in saved order. A save is one write transaction: insert the row, or lock it
 * (PostgreSQL; SQLite's single writer needs no lock) and update it, replace the scope's spends, and append an audit
 * event when the kill switch trips or is re-armed. A load is one statement (the row joined to its spends), so it sees
 * one save, never parts of two. Times are stored as epoch seconds plus nanoseconds, so a load returns exactly the saved
 * {@link Instant}s. Thread-safe: it holds no state of its own.
 */
public final class JdbiRiskStateStore implements RiskStateStore {
    private static final String COLUMNS = "scope, day, realized_loss, tripped_s, tripped_ns, updated_ms";
    private static final String JOINED = "SELECT r.day, r.realized_loss, r.tripped_s, r.tripped_ns, p.seq, p.at_s,"
            + " p.at_ns, p.wei FROM risk_policy_state r LEFT JOIN risk_policy_spends p ON p.scope = r.scope"
            + " WHERE r.scope = :scope ORDER BY p.seq";

    private final MevStore store;
    private final String scope;

    /**
     * The state of {@code scope} in {@code store}.
     *
     * @throws ValidationException if {@code scope} is not 1 to 64 printable characters
     */
    public JdbiRiskStateStore(MevStore store, String scope) {
        this.store = Objects.requireNonNull(store, "store");
        this.scope = Validate.label("scope", scope, 64);
    }

    @Override
    public Optional<RiskState> load() {
        return store.read(t -> selectWithSpends(Transaction.context(t)));
    }

    /**
     * {@inheritDoc}
     *
     * @throws ValidationException if the day is outside the years 0000 to 9999, or the loss or a spend exceeds a
     *     {@code uint256}
     */
    @Override
    public void save(RiskState state) {
        Validate.required("state", state);
        if (state.day().getYear() < 0 || state.day().getYear() > 9999) {
            throw new ValidationException("day", state.day(), "must be in the years 0000 to 9999 to be stored");
        }
        Amounts.requireU256("realizedLoss", state.realizedLoss());
        for (int i = 0; i < state.recentSpends().size(); i++) {
            Amounts.requireU256(
                    "recentSpends[" + i + "].wei", state.recentSpends().get(i).wei());
        }
        store.useTransaction(t -> write(Transaction.context(t), state));
    }

    private void write(TxContext tx, RiskState state) {
        long now = tx.now();
        int inserted = tx.handle
                .createUpdate("INSERT INTO risk_policy_state (" + COLUMNS + ")"
                        + " VALUES (:scope, :day, :loss, :s, :ns, :now) ON CONFLICT (scope) DO NOTHING")
                .bindMap(row(state, now))
                .execute();
        Optional<Instant> before = Optional.empty();
        if (inserted == 0) {
            // the row exists, rows are never deleted; on PostgreSQL a concurrent first save's INSERT made ours wait for
            // its commit, so the locked read below sees it
            before = select(tx, true).orElseThrow().trippedAt();
            tx.handle
                    .createUpdate("UPDATE risk_policy_state SET day = :day, realized_loss = :loss, tripped_s = :s,"
                            + " tripped_ns = :ns, updated_ms = :now WHERE scope = :scope")
                    .bindMap(row(state, now))
                    .execute();
        }
        // the row is ours (inserted or locked) until commit, so replacing its spends cannot interleave with another
        // save
        tx.handle
                .createUpdate("DELETE FROM risk_policy_spends WHERE scope = :scope")
                .bind("scope", scope)
                .execute();
        if (!state.recentSpends().isEmpty()) {
            PreparedBatch batch = tx.handle.prepareBatch("INSERT INTO risk_policy_spends (scope, seq, at_s, at_ns, wei)"
                    + " VALUES (:scope, :seq, :s, :ns, :wei)");
            for (int i = 0; i < state.recentSpends().size(); i++) {
                RiskState.Spend spend = state.recentSpends().get(i);
                batch.add(Map.of(
                        "scope",
                        scope,
                        "seq",
                        i,
                        "s",
                        spend.at().getEpochSecond(),
                        "ns",
                        spend.at().getNano(),
                        "wei",
                        spend.wei()));
            }
            batch.execute();
        }
        if (before.isPresent() != state.tripped()) {
            Optional<Instant> trippedAt = state.tripped() ? state.trippedAt() : before;
            tx.event(
                    now,
                    EntityType.RISK,
                    null,
                    null,
                    state.tripped() ? EventKind.RISK_KILL_SWITCH_TRIPPED : EventKind.RISK_KILL_SWITCH_RESET,
                    Detail.of("policyScope", scope)
                            .and("day", state.day())
                            .and("realizedLoss", state.realizedLoss())
                            .and("trippedAt", trippedAt.orElseThrow())
                            .toString());
        }
    }

    /** The row's values, named as the statements' parameters; a null trip time binds as SQL NULL. */
    private Map<String, @Nullable Object> row(RiskState state, long now) {
        Map<String, @Nullable Object> row = new HashMap<>();
        row.put("scope", scope);
        row.put("day", state.day().toString());
        row.put("loss", state.realizedLoss());
        row.put("s", state.trippedAt().map(Instant::getEpochSecond).orElse(null));
        row.put("ns", state.trippedAt().map(Instant::getNano).orElse(null));
        row.put("now", now);
        return row;
    }

    private Optional<RiskState> select(TxContext tx, boolean lock) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM risk_policy_state WHERE scope = :scope"
                        + (lock ? tx.forUpdate() : ""))
                .bind("scope", scope)
                .map((rs, ctx) -> map(tx, rs))
                .findOne();
    }

    /** The scope's state with its spends, read by one statement. */
    private Optional<RiskState> selectWithSpends(TxContext tx) {
        List<Joined> rows = tx.handle
                .createQuery(JOINED)
                .bind("scope", scope)
                .map((rs, ctx) -> joined(tx, rs))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<RiskState.Spend> spends = new ArrayList<>();
        for (Joined row : rows) {
            row.spend().ifPresent(spends::add);
        }
        RiskState first = rows.get(0).state();
        return Optional.of(new RiskState(first.day(), first.realizedLoss(), first.trippedAt(), spends));
    }

    /** One row of the join: the state's columns (without spends) and the spend of that row, if any. */
    private record Joined(RiskState state, Optional<RiskState.Spend> spend) {}

    private static Joined joined(TxContext tx, ResultSet rs) throws SQLException {
        RiskState state = map(tx, rs);
        rs.getInt("seq");
        if (rs.wasNull()) {
            return new Joined(state, Optional.empty());
        }
        long seconds = rs.getLong("at_s");
        int nanos = rs.getInt("at_ns");
        return new Joined(
                state,
                Optional.of(new RiskState.Spend(
                        Instant.ofEpochSecond(seconds, nanos), tx.codec.requiredInteger(rs, "wei"))));
    }

    private static RiskState map(TxContext tx, ResultSet rs) throws SQLException {
        long seconds = rs.getLong("tripped_s");
        boolean armed = rs.wasNull();
        int nanos = rs.getInt("tripped_ns");
        return new RiskState(
                LocalDate.parse(rs.getString("day")),
                tx.codec.requiredInteger(rs, "realized_loss"),
                armed ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds, nanos)));
    }

    @Override
    public String toString() {
        return "JdbiRiskStateStore[" + store.dialect() + ", scope=" + scope + "]";
    }
}
