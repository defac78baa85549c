package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One opportunity to size: the victim swap, the pools along its path at the current head, the capital on hand, the
 * per-leg gas estimates, the base fee and tip for the target block, and what is needed to value the result. Built
 * with {@link #builder()}, validated at {@link Builder#build()}; immutable and thread-safe.
 */
public final class SandwichRequest {
    private final VictimSwap victim;
    private final List<V2Pool> pools;
    private final Address capitalToken;
    private final BigInteger capital;
    private final Address wrappedNative;
    private final Optional<ExactPrice> capitalTokenPrice;
    private final LegGas legGas;
    private final BigInteger baseFee;
    private final BigInteger tip;
    private final long headBlock;
    private final long targetTimestamp;
    private final Set<Address> feeOnTransferTokens;

    private SandwichRequest(Builder b) {
        this.victim = b.victim;
        this.pools = b.pools;
        this.capitalToken = b.capitalToken;
        this.capital = b.capital;
        this.wrappedNative = b.wrappedNative;
        this.capitalTokenPrice = Optional.ofNullable(b.capitalTokenPrice);
        this.legGas = b.legGas;
        this.baseFee = b.baseFee;
        this.tip = b.tip;
        this.headBlock = b.headBlock;
        this.targetTimestamp = b.targetTimestamp;
        this.feeOnTransferTokens = Set.copyOf(b.feeOnTransferTokens);
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

    public Address capitalToken() {
        return capitalToken;
    }

    /** The most of the capital token a front-run may spend, in its smallest unit. */
    public BigInteger capital() {
        return capital;
    }

    public Address wrappedNative() {
        return wrappedNative;
    }

    /** Wei per smallest unit of the capital token; required unless the capital token is the wrapped native one. */
    public Optional<ExactPrice> capitalTokenPrice() {
        return capitalTokenPrice;
    }

    public LegGas legGas() {
        return legGas;
    }

    /** The target block's base fee per gas, in wei. */
    public BigInteger baseFee() {
        return baseFee;
    }

    /** The priority fee per gas paid on both legs, in wei: the builder payment. */
    public BigInteger tip() {
        return tip;
    }

    public long headBlock() {
        return headBlock;
    }

    /** The timestamp of the block the sandwich targets, in seconds; the victim's deadline is checked against it. */
    public long targetTimestamp() {
        return targetTimestamp;
    }

    /** Tokens known to take a fee on transfer; a victim touching one is refused. */
    public Set<Address> feeOnTransferTokens() {
        return feeOnTransferTokens;
    }

    /** Builds a {@link SandwichRequest}; not thread-safe. */
    public static final class Builder {
        private VictimSwap victim;
        private List<V2Pool> pools;
        private Address capitalToken;
        private BigInteger capital;
        private Address wrappedNative;
        private ExactPrice capitalTokenPrice;
        private LegGas legGas;
        private BigInteger baseFee;
        private BigInteger tip = BigInteger.ZERO;
        private Long headBlock;
        private Long targetTimestamp;
        private Set<Address> feeOnTransferTokens = new HashSet<>();

        private Builder() {}

        public Builder victim(VictimSwap victim) {
            this.victim = Checks.requireNonNull("victim", victim);
            return this;
        }

        /** The pair of each hop of the victim's path, in path order, read at {@link #headBlock}. */
        public Builder pools(List<V2Pool> pools) {
            this.pools = List.copyOf(Checks.requireNonNull("pools", pools));
            return this;
        }

        /** The token the front-run spends and the profit is made in, and how much of it is available. */
        public Builder capital(Address token, BigInteger amount) {
            this.capitalToken = Checks.requireNonNull("capitalToken", token);
            this.capital = Checks.requireUint("capital", amount, 256);
            return this;
        }

        /** The chain's wrapped native token (WETH on Ethereum): a profit in it is a profit in wei. */
        public Builder wrappedNative(Address token) {
            this.wrappedNative = Checks.requireNonNull("wrappedNative", token);
            return this;
        }

        /** The exact price of the capital token in wei per unit; needed when it is not the wrapped native token. */
        public Builder capitalTokenPrice(ExactPrice price) {
            this.capitalTokenPrice = Checks.requireNonNull("capitalTokenPrice", price);
            return this;
        }

        public Builder legGas(LegGas legGas) {
            this.legGas = Checks.requireNonNull("legGas", legGas);
            return this;
        }

        public Builder baseFee(BigInteger weiPerGas) {
            this.baseFee = Checks.requireNonNegative("baseFee", weiPerGas);
            return this;
        }

        /** The priority fee per gas on both legs (default 0). */
        public Builder tip(BigInteger weiPerGas) {
            this.tip = Checks.requireNonNegative("tip", weiPerGas);
            return this;
        }

        /** The block the pool state is expected to be from (the current head). */
        public Builder headBlock(long block) {
            this.headBlock = Checks.requireNonNegative("headBlock", block);
            return this;
        }

        public Builder targetTimestamp(long epochSeconds) {
            this.targetTimestamp = Checks.requireNonNegative("targetTimestamp", epochSeconds);
            return this;
        }

        public Builder feeOnTransferTokens(Set<Address> tokens) {
            this.feeOnTransferTokens = new HashSet<>(Checks.requireNonNull("feeOnTransferTokens", tokens));
            return this;
        }

        public SandwichRequest build() {
            Checks.requireNonNull("victim", victim);
            Checks.requireNonNull("pools", pools);
            Checks.requireNonNull("capitalToken", capitalToken);
            Checks.requireNonNull("wrappedNative", wrappedNative);
            Checks.requireNonNull("legGas", legGas);
            Checks.requireNonNull("baseFee", baseFee);
            Checks.requireNonNull("headBlock", headBlock);
            Checks.requireNonNull("targetTimestamp", targetTimestamp);
            V2Math.requireRoute(victim.path(), pools);
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).blockNumber() > headBlock) {
                    throw new ValidationException(
                            "pools[" + i + "].blockNumber",
                            pools.get(i).blockNumber(),
                            "must not be after headBlock=" + headBlock);
                }
            }
            Objects.requireNonNull(tip, "tip");
            return new SandwichRequest(this);
        }
    }
}
