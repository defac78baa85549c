package io.mevkit.core.bundle;

import io.mevkit.core.Hash;
import java.time.Duration;
import java.util.Objects;

/**
 * A stage or the end of an opportunity's life in {@link BundleTracker}. Final outcomes end tracking: {@link Included},
 * {@link Reverted}, {@link VictimMinedElsewhere}, {@link NonceTooLow}, {@link Cancelled}, {@link TimedOut},
 * {@link RejectedByRisk}; {@link Submitted}, {@link NotIncluded} and {@link Replaced} are stages. Immutable.
 */
public sealed interface BundleOutcome {

    /** Whether tracking ends with this outcome. */
    default boolean isFinal() {
        return !(this instanceof Submitted || this instanceof NotIncluded || this instanceof Replaced);
    }

    /** A bundle was handed to the builder for {@code block}. */
    record Submitted(long block, Hash bundleHash, int attempt) implements BundleOutcome {
        public Submitted {
            Objects.requireNonNull(bundleHash, "bundleHash");
        }
    }

    /** Every bundle transaction is in {@code block}, consecutive and in order from {@code position}, and succeeded. */
    record Included(long block, int position, Hash bundleHash) implements BundleOutcome {
        public Included {
            Objects.requireNonNull(bundleHash, "bundleHash");
        }
    }

    /** The bundle is in {@code block} but {@code txHash} in it reverted. */
    record Reverted(long block, Hash txHash) implements BundleOutcome {
        public Reverted {
            Objects.requireNonNull(txHash, "txHash");
        }
    }

    /** {@code block} was built without the bundle. */
    record NotIncluded(long block) implements BundleOutcome {}

    /** The victim was mined in {@code block} without our bundle around it. */
    record VictimMinedElsewhere(long block, Hash victim) implements BundleOutcome {
        public VictimMinedElsewhere {
            Objects.requireNonNull(victim, "victim");
        }
    }

    /** A transaction of ours lost its nonce to another transaction of the same account by {@code block}. */
    record NonceTooLow(long block, long nonce) implements BundleOutcome {}

    /** The bundle for the next block differs from the last one (re-planned or re-priced) and replaces it. */
    record Replaced(Hash previous, Hash next) implements BundleOutcome {
        public Replaced {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(next, "next");
        }
    }

    /** Re-validation found the opportunity gone: {@code kind} names why, {@code reason} says it in words. */
    record Cancelled(StopReason kind, String reason) implements BundleOutcome {
        public Cancelled {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** A cancellation of kind {@link StopReason#OTHER}. */
        public Cancelled(String reason) {
            this(StopReason.OTHER, reason);
        }
    }

    /** The deadline passed: {@code blocks} target blocks tried, {@code age} since tracking began. */
    record TimedOut(int blocks, Duration age) implements BundleOutcome {
        public TimedOut {
            Objects.requireNonNull(age, "age");
        }
    }

    /** The risk policy refused the re-planned bundle. */
    record RejectedByRisk(RiskDecision.Rejected rejection) implements BundleOutcome {
        public RejectedByRisk {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
