package io.mevkit.core.bundle;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RiskPolicy} must not forget across a restart: the realized loss of the current UTC day, whether the
 * daily-loss kill switch has tripped (it stays tripped, whatever the day, until re-armed by an operator), and the gas
 * and bribe spent in the last hour, so that a restart does not start a new hour. Immutable.
 *
 * @param day the UTC day {@code realizedLoss} belongs to
 * @param realizedLoss the day's net realized loss in wei (zero when the day is in profit)
 * @param trippedAt when the kill switch tripped, empty while it is armed
 * @param recentSpends the spends of the last hour as {@link RiskPolicy} saved them, oldest first; at most
 *     {@link #MAX_RECENT_SPENDS}
 */
public record RiskState(LocalDate day, BigInteger realizedLoss, Optional<Instant> trippedAt, List<Spend> recentSpends) {
    /**
     * The most spends a state holds. {@link RiskPolicy} merges its oldest spends when more fall within the hour, counting
     * the merged amount at the later time, so the hourly sum is never lower than the true one (a merged spend leaves the
     * window late, never early). It bounds what every save writes.
     */
    public static final int MAX_RECENT_SPENDS = 1024;

    public RiskState {
        Objects.requireNonNull(day, "day");
        Checks.requireNonNegative("realizedLoss", realizedLoss);
        Objects.requireNonNull(trippedAt, "trippedAt");
        if (recentSpends == null) {
            throw new ValidationException("recentSpends", null, "is required (empty when nothing was spent)");
        }
        if (recentSpends.size() > MAX_RECENT_SPENDS) {
            throw new ValidationException(
                    "recentSpends", recentSpends.size() + " spends", "must hold at most " + MAX_RECENT_SPENDS);
        }
        Instant previous = Instant.MIN;
        for (int i = 0; i < recentSpends.size(); i++) {
            Spend s = recentSpends.get(i);
            if (s == null) {
                throw new ValidationException("recentSpends[" + i + "]", null, "must not be null");
            }
            if (s.at().isBefore(previous)) {
                throw new ValidationException("recentSpends[" + i + "].at", s.at(), "must not be before " + previous);
            }
            previous = s.at();
        }
        recentSpends = List.copyOf(recentSpends);
    }

    /** A state without recent spends (as saved before spends were kept). */
    public RiskState(LocalDate day, BigInteger realizedLoss, Optional<Instant> trippedAt) {
        this(day, realizedLoss, trippedAt, List.of());
    }

    /** A fresh day with no loss, the switch armed, and nothing spent. */
    public static RiskState fresh(LocalDate day) {
        return new RiskState(day, BigInteger.ZERO, Optional.empty(), List.of());
    }

    /** Whether the kill switch has tripped. */
    public boolean tripped() {
        return trippedAt.isPresent();
    }

    /**
     * Gas and bribe one settled bundle paid, and when it was settled. Immutable.
     *
     * @param at when the spend was recorded, by the policy's clock
     * @param wei what was paid, in wei (positive)
     */
    public record Spend(Instant at, BigInteger wei) {
        public Spend {
            Objects.requireNonNull(at, "at");
            Checks.requirePositive("wei", wei);
        }
    }
}
