package io.mevkit.core.bundle;

import java.math.BigInteger;
import java.util.Objects;

/** {@link RiskPolicy}'s answer: go ahead, or a typed reason not to. Immutable. */
public sealed interface RiskDecision {

    /** Why a bundle is refused. */
    enum Reason {
        /** The daily-loss kill switch has tripped; nothing is approved until it is re-armed. */
        KILL_SWITCH_TRIPPED,
        /** The input exceeds the largest position allowed. */
        POSITION_TOO_LARGE,
        /** A fee cap exceeds the highest gas price allowed. */
        GAS_PRICE_TOO_HIGH,
        /** The expected net profit is below the minimum. */
        PROFIT_TOO_LOW,
        /** A token outside the allowed list. */
        TOKEN_NOT_ALLOWED,
        /** A pool outside the allowed list. */
        POOL_NOT_ALLOWED,
        /** The bundle's worst-case loss exceeds the per-bundle limit. */
        BUNDLE_LOSS_TOO_HIGH,
        /** Today's realized loss plus this bundle's worst case would exceed the daily limit. */
        DAILY_LOSS_LIMIT,
        /** As many bundles are in flight as allowed. */
        TOO_MANY_IN_FLIGHT,
        /** The gas and bribe spent in the last hour plus this bundle's would exceed the hourly budget. */
        HOURLY_SPEND_LIMIT,
        /** The price valuing the profit is less certain than required. */
        PRICE_CONFIDENCE_TOO_LOW
    }

    /** The bundle may be signed. */
    record Approved() implements RiskDecision {}

    /**
     * The bundle must not be signed.
     *
     * @param reason why
     * @param value the offending value (wei, units, count or basis points; for a token or pool, its address as a
     *     number)
     * @param limit the limit it broke
     */
    record Rejected(Reason reason, BigInteger value, BigInteger limit) implements RiskDecision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(limit, "limit");
        }
    }

    /** Whether the bundle may be signed. */
    default boolean approved() {
        return this instanceof Approved;
    }
}
