package io.mevkit.store;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The daily loss kill switch. Obtained from a {@link StoreTransaction}; valid only inside its callback. Updates lock
 * the row on PostgreSQL, so instances sharing it add up exactly.
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
