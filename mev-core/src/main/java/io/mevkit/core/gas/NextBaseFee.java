package io.mevkit.core.gas;

import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The base fee of a block not yet built, and how it was obtained. Immutable.
 *
 * @param blockNumber the block the base fee is for (the parent's number + 1)
 * @param baseFee wei
 * @param source whether it was computed, is zero by the chain's rule, or was reported by the node
 * @param step the rule's working when {@code source} is {@link Source#FORMULA}
 */
public record NextBaseFee(long blockNumber, BigInteger baseFee, Source source, Optional<BaseFeeRule.Step> step) {

    /** Where a next base fee came from. */
    public enum Source {
        /** Computed with the EIP-1559 rule and the chain's parameters. */
        FORMULA,
        /** The chain's base fee is always zero. */
        ZERO,
        /** Reported by the node ({@code eth_feeHistory}, or the pending block). */
        NODE
    }

    public NextBaseFee {
        Checks.requireNonNegative("blockNumber", blockNumber);
        Checks.requireNonNegative("baseFee", baseFee);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(step, "step");
        if (step.isPresent() != (source == Source.FORMULA)) {
            throw new io.mevkit.core.ValidationException("step", step, "must be present exactly for FORMULA");
        }
        if (step.isPresent() && !step.get().baseFee().equals(baseFee)) {
            throw new io.mevkit.core.ValidationException("step", step.get(), "must give baseFee " + baseFee);
        }
    }
}
