package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;
import io.mevkit.store.Amounts;
import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.NotFoundException;
import io.mevkit.store.RiskRepository;
import io.mevkit.store.RiskState;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/** The daily loss kill switch, read-modify-write under a row lock (PostgreSQL) or the single writer (SQLite). */
final class JdbiRisk implements RiskRepository {
    private static final String COLUMNS = "scope, day, realized_pnl, loss_limit, killed, kill_reason, updated_ms";

    private final TxContext tx;

    JdbiRisk(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public RiskState recordPnl(String scope, LocalDate day, BigInteger pnlDelta, BigInteger dailyLossLimit) {
        String name = Validate.label("scope", scope, 64);
        Validate.required("day", day);
        Amounts.requireI256("pnlDelta", pnlDelta);
        Amounts.requireU256("dailyLossLimit", dailyLossLimit);
        if (dailyLossLimit.signum() == 0) {
            throw new ValidationException("dailyLossLimit", dailyLossLimit, "must be positive");
        }
        long now = tx.now();
        tx.handle
                .createUpdate("INSERT INTO risk_state (" + COLUMNS + ")"
                        + " VALUES (:scope, :day, :zero, :limit, :killed, NULL, :now)"
                        + " ON CONFLICT (scope, day) DO NOTHING")
                .bind("scope", name)
                .bind("day", day.toString())
                .bindByType("zero", BigInteger.ZERO, BigInteger.class)
                .bindByType("limit", dailyLossLimit, BigInteger.class)
                .bind("killed", false)
                .bind("now", now)
                .execute();
        RiskState current = select(name, day, true).orElseThrow();
        BigInteger pnl = current.realizedPnl().add(pnlDelta);
        if (pnl.compareTo(Amounts.I256_MIN) < 0 || pnl.compareTo(Amounts.I256_MAX) > 0) {
            throw new ValidationException("pnlDelta", pnlDelta, "would take the day's result out of int256 range");
        }
        boolean trips = !current.killed() && pnl.compareTo(dailyLossLimit.negate()) <= 0;
        String reason =
                trips ? "daily loss " + pnl.negate() + " reached the limit " + dailyLossLimit : current.killReason();
        tx.handle
                .createUpdate("UPDATE risk_state SET realized_pnl = :pnl, loss_limit = :limit, killed = :killed,"
                        + " kill_reason = :reason, updated_ms = :now WHERE scope = :scope AND day = :day")
                .bindByType("pnl", pnl, BigInteger.class)
                .bindByType("limit", dailyLossLimit, BigInteger.class)
                .bind("killed", current.killed() || trips)
                .bindByType("reason", reason, String.class)
                .bind("now", now)
                .bind("scope", name)
                .bind("day", day.toString())
                .execute();
        if (trips) {
            tx.event(
                    now,
                    EntityType.RISK,
                    null,
                    null,
                    EventKind.RISK_KILL_SWITCH_TRIPPED,
                    Detail.of("scope", name)
                            .and("day", day)
                            .and("realizedPnl", pnl)
                            .and("lossLimit", dailyLossLimit)
                            .toString());
        }
        return select(name, day, false).orElseThrow();
    }

    @Override
    public Optional<RiskState> state(String scope, LocalDate day) {
        return select(Validate.label("scope", scope, 64), Validate.required("day", day), false);
    }

    @Override
    public boolean killed(String scope, LocalDate day) {
        return state(scope, day).map(RiskState::killed).orElse(false);
    }

    @Override
    public RiskState reset(String scope, LocalDate day, String reason) {
        String name = Validate.label("scope", scope, 64);
        Validate.required("day", day);
        String why = Validate.label("reason", reason, 1000);
        RiskState current =
                select(name, day, true).orElseThrow(() -> new NotFoundException(EntityType.RISK, name + " on " + day));
        if (!current.killed()) {
            return current;
        }
        long now = tx.now();
        tx.handle
                .createUpdate("UPDATE risk_state SET killed = :killed, kill_reason = NULL, updated_ms = :now"
                        + " WHERE scope = :scope AND day = :day")
                .bind("killed", false)
                .bind("now", now)
                .bind("scope", name)
                .bind("day", day.toString())
                .execute();
        tx.event(
                now,
                EntityType.RISK,
                null,
                null,
                EventKind.RISK_KILL_SWITCH_RESET,
                Detail.of("scope", name)
                        .and("day", day)
                        .and("realizedPnl", current.realizedPnl())
                        .and("reason", why)
                        .toString());
        return select(name, day, false).orElseThrow();
    }

    private Optional<RiskState> select(String scope, LocalDate day, boolean lock) {
        Objects.requireNonNull(day, "day");
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM risk_state WHERE scope = :scope AND day = :day"
                        + (lock ? tx.forUpdate() : ""))
                .bind("scope", scope)
                .bind("day", day.toString())
                .map((rs, ctx) -> map(rs))
                .findOne();
    }

    private RiskState map(ResultSet rs) throws SQLException {
        return new RiskState(
                rs.getString("scope"),
                LocalDate.parse(rs.getString("day")),
                tx.codec.requiredInteger(rs, "realized_pnl"),
                tx.codec.requiredInteger(rs, "loss_limit"),
                rs.getBoolean("killed"),
                rs.getString("kill_reason"),
                TxContext.instant(rs.getLong("updated_ms")));
    }
}
