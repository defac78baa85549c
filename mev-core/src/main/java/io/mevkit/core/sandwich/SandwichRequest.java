package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import java.util.List;

/**
 * One opportunity to size: the victim swap, the pools along its path at the current head, the capital on hand, the
 * per-leg gas estimates, the base fee and tip for the target block, and what is needed to value the result. Built
 * with {@link #builder()}, validated at {@link Builder#build()}; immutable and thread-safe.
 */
public final class SandwichRequest extends SandwichTerms {
    private final VictimSwap victim;
    private final List<V2Pool> pools;

    private SandwichRequest(Builder b) {
        super(b);
        this.victim = b.victim;
        this.pools = b.pools;
    }

    public static Builder builder() {
        return new Builder();
    }

    public VictimSwap victim() {
        return victim;
    }

    /** {@code pools.get(i)} is the pair of hop i of the victim's path, at the head block. */
    public List<V2Pool> pools() {
        return pools;
    }

    /** Builds a {@link SandwichRequest}; not thread-safe. */
    public static final class Builder extends SandwichTerms.TermsBuilder<Builder> {
        private VictimSwap victim;
        private List<V2Pool> pools;

        private Builder() {
            super(256);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder victim(VictimSwap victim) {
            this.victim = Checks.requireNonNull("victim", victim);
            return this;
        }

        /** The pair of each hop of the victim's path, in path order, read at {@link #headBlock}. */
        public Builder pools(List<V2Pool> pools) {
            this.pools = List.copyOf(Checks.requireNonNull("pools", pools));
            return this;
        }

        public SandwichRequest build() {
            Checks.requireNonNull("victim", victim);
            Checks.requireNonNull("pools", pools);
            requireTerms();
            long headBlock = head();
            V2Math.requireRoute(victim.path(), pools);
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).blockNumber() > headBlock) {
                    throw new ValidationException(
                            "pools[" + i + "].blockNumber",
                            pools.get(i).blockNumber(),
                            "must not be after headBlock=" + headBlock);
                }
            }
            return new SandwichRequest(this);
        }
    }
}
