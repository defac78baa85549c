package io.mevkit.store;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A per-day ledger of realized profit and loss with a switch of its own, for code that keeps its own accounting
 * transactionally with the rest of the store: one row per scope and UTC day, a day's switch tripping at that day's
 * limit and a new day starting armed. Obtained from a {@link StoreTransaction}; valid only inside its callback. Updates
 * lock the row on PostgreSQL, so instances sharing it add up exactly.
 *
 * <p>The core's {@link io.mevkit.core.bundle.RiskPolicy} does not read this ledger: its kill switch, which stays tripped
 * across days until re-armed, is kept through {@link MevStore#riskStateStore(String)} in a table of its own. Recording
 * a result here neither trips nor re-arms a policy.
 */
public interface RiskRepository {
    /**
     * Adds {@code pnlDelta} (negative for a loss) to the day's realized result of {@code scope}, with
     * {@code dailyLossLimit} as the day's limit, and trips the kill switch (with an event) once the loss reaches the
     * limit. A tripped switch stays tripped until {@link #reset}.
     */
    RiskState recordPnl(String scope, LocalDate day, BigInteger pnlDelta, BigInteger dailyLossLimit);

    Optional<RiskState> state(String scope, LocalDate day);

    /** Whether the switch of {@code scope} is tripped on {@code day}. */
    boolean killed(String scope, LocalDate day);

    /**
     * Re-arms a tripped switch (an operator's decision, recorded with its reason as an event).
     *
     * @throws NotFoundException if there is no state for that scope and day
     */
    RiskState reset(String scope, LocalDate day, String reason);
}
