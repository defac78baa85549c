package io.mevkit.core.bundle;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;

/**
 * How much of a bundle's expected gross profit goes to the builder at each successive target block: {@code startBps}
 * at the first, {@code stepBps} more at each later one, never above {@code maxBps} (the cap as a fraction of profit).
 * Paid as priority fee: the tip per gas is the builder's share divided by the legs' gas, rounded down, so the payment
 * never exceeds the share. Immutable.
 *
 * @param startBps the share at the first target block, in basis points of the gross profit
 * @param stepBps the increase per later block
 * @param maxBps the largest share ever paid
 */
public record BribeSchedule(int startBps, int stepBps, int maxBps) {
    public BribeSchedule {
        if (startBps < 0 || stepBps < 0 || maxBps > 10_000 || startBps > maxBps) {
            throw new ValidationException(
                    "bribeSchedule",
                    startBps + "/" + stepBps + "/" + maxBps,
                    "needs 0 ≤ start ≤ max ≤ 10000, step ≥ 0");
        }
    }

    /** The share at attempt {@code attempt} (0 for the first target block), in basis points. */
    public int shareBps(int attempt) {
        if (attempt < 0) {
            throw new ValidationException("attempt", attempt, "must not be negative");
        }
        long bps = startBps + (long) stepBps * attempt;
        return (int) Math.min(bps, maxBps);
    }

    /** The builder's share of {@code grossProfitWei} at {@code attempt}, rounded down. */
    public BigInteger payment(int attempt, BigInteger grossProfitWei) {
        Checks.requireNonNegative("grossProfitWei", grossProfitWei);
        return grossProfitWei.multiply(BigInteger.valueOf(shareBps(attempt))).divide(BigInteger.valueOf(10_000));
    }

    /** The priority fee per gas that pays {@link #payment} over {@code gasUsed} gas, rounded down. */
    public BigInteger tipPerGas(int attempt, BigInteger grossProfitWei, long gasUsed) {
        Checks.requirePositive("gasUsed", gasUsed);
        return payment(attempt, grossProfitWei).divide(BigInteger.valueOf(gasUsed));
    }
}
