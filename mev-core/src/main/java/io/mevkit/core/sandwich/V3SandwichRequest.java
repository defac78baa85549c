package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3PoolState;
import java.util.List;

/**
 * One V3 opportunity to size: the victim swap, the pool of each hop of its route at the current head, the capital on
 * hand, the per-leg gas estimates, the base fee and tip for the target block, and what is needed to value the result
 * (the V3 counterpart of {@link SandwichRequest}). Built with {@link #builder()}, validated at {@link Builder#build()};
 * immutable and thread-safe.
 */
public final class V3SandwichRequest extends SandwichTerms {
    private final V3VictimSwap victim;
    private final List<V3PoolState> pools;

    private V3SandwichRequest(Builder b) {
        super(b);
        this.victim = b.victim;
        this.pools = b.pools;
    }

    public static Builder builder() {
        return new Builder();
    }

    public V3VictimSwap victim() {
        return victim;
    }

    /** {@code pools.get(i)} is the pool of hop i of the victim's route, at the head block. */
    public List<V3PoolState> pools() {
        return pools;
    }

    /** Builds a {@link V3SandwichRequest}; not thread-safe. */
    public static final class Builder extends SandwichTerms.TermsBuilder<Builder> {
        private V3VictimSwap victim;
        private List<V3PoolState> pools;

        private Builder() {
            super(255);
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder victim(V3VictimSwap victim) {
            this.victim = Checks.requireNonNull("victim", victim);
            return this;
        }

        /** The pool of each hop of the victim's route, in route order, read at {@link #headBlock}. */
        public Builder pools(List<V3PoolState> pools) {
            this.pools = List.copyOf(Checks.requireNonNull("pools", pools));
            return this;
        }

        public V3SandwichRequest build() {
            Checks.requireNonNull("victim", victim);
            Checks.requireNonNull("pools", pools);
            requireTerms();
            long headBlock = head();
            List<V3PathHop> path = victim.path();
            if (pools.size() != path.size()) {
                throw new ValidationException(
                        "pools",
                        pools.size(),
                        "must give one pool per hop of the victim's route (" + path.size() + ")");
            }
            for (int i = 0; i < pools.size(); i++) {
                V3PoolState pool = pools.get(i);
                if (pool.fee() != path.get(i).fee()) {
                    throw new ValidationException(
                            "pools[" + i + "].fee",
                            pool.fee(),
                            "must be the fee of hop " + i + " (" + path.get(i).fee() + ")");
                }
                if (pool.blockNumber() > headBlock) {
                    throw new ValidationException(
                            "pools[" + i + "].blockNumber",
                            pool.blockNumber(),
                            "must not be after headBlock=" + headBlock);
                }
            }
            return new V3SandwichRequest(this);
        }
    }
}
