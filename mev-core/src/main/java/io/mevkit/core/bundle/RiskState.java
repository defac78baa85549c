package io.mevkit.core.bundle;

import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RiskPolicy} must not forget across a restart: the realized loss of the current UTC day and whether the
 * daily-loss kill switch has tripped (it stays tripped, whatever the day, until re-armed by an operator). Immutable.
 *
 * @param day the UTC day {@code realizedLoss} belongs to
 * @param realizedLoss the day's net realized loss in wei (zero when the day is in profit)
 * @param trippedAt when the kill switch tripped, empty while it is armed
 */
public record RiskState(LocalDate day, BigInteger realizedLoss, Optional<Instant> trippedAt) {
    public RiskState {
        Objects.requireNonNull(day, "day");
        Checks.requireNonNegative("realizedLoss", realizedLoss);
        Objects.requireNonNull(trippedAt, "trippedAt");
    }

    /** A fresh day with no loss and the switch armed. */
    public static RiskState fresh(LocalDate day) {
        return new RiskState(day, BigInteger.ZERO, Optional.empty());
    }

    /** Whether the kill switch has tripped. */
    public boolean tripped() {
        return trippedAt.isPresent();
    }
}
