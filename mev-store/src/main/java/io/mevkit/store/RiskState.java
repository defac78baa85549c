package io.mevkit.store;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One day of {@link RiskRepository}'s ledger: the realized result and the switch of one scope (a strategy, a wallet,
 * or the whole bot) on one UTC day. Not the core's {@link io.mevkit.core.bundle.RiskState}, which
 * {@link MevStore#riskStateStore(String)} keeps.
 *
 * @param scope what the limit applies to
 * @param day the UTC day
 * @param realizedPnl the day's realized profit and loss in wei, negative for a loss
 * @param lossLimit the loss at which trading stops, in wei
 * @param killed whether the switch has tripped
 * @param killReason why it tripped, when it has
 * @param updatedAt when it last changed
 */
public record RiskState(
        String scope,
        LocalDate day,
        BigInteger realizedPnl,
        BigInteger lossLimit,
        boolean killed,
        @Nullable String killReason,
        Instant updatedAt) {
    public RiskState {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(lossLimit, "lossLimit");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
