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
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link RiskStateStore} on one row of {@code risk_policy_state}, keyed by scope. A save is one write transaction:
 * insert the row, or lock it (PostgreSQL; SQLite's single writer needs no lock) and update it, and append an audit
 * event when the kill switch trips or is re-armed. The trip time is stored as epoch seconds plus nanoseconds, so a load
 * returns exactly the saved {@link Instant}. Thread-safe: it holds no state of its own.
 */
public final class JdbiRiskStateStore implements RiskStateStore {
    private static final String COLUMNS = "scope, day, realized_loss, tripped_s, tripped_ns, updated_ms";

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
        return store.read(t -> select(Transaction.context(t), false));
    }

    /**
     * {@inheritDoc}
     *
     * @throws ValidationException if the day is outside the years 0000 to 9999 or the loss exceeds a {@code uint256}
     */
    @Override
    public void save(RiskState state) {
        Validate.required("state", state);
        if (state.day().getYear() < 0 || state.day().getYear() > 9999) {
            throw new ValidationException("day", state.day(), "must be in the years 0000 to 9999 to be stored");
        }
        Amounts.requireU256("realizedLoss", state.realizedLoss());
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
