package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a V2 and a V3 sandwich request share besides the victim and its pools: the capital, how a profit is valued, the
 * gas and fees of the target block. Immutable and thread-safe; its builder is not.
 */
abstract class SandwichTerms {
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

    SandwichTerms(TermsBuilder<?> b) {
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

    /** The shared part of both requests' builders; {@code B} is the concrete builder, returned for chaining. */
    abstract static class TermsBuilder<B extends TermsBuilder<B>> {
        private final int capitalBits;
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

        /** {@code capitalBits}: the widest capital the pool math of the request takes. */
        TermsBuilder(int capitalBits) {
            this.capitalBits = capitalBits;
        }

        abstract B self();

        /** The token the front-run spends and the profit is made in, and how much of it is available. */
        public B capital(Address token, BigInteger amount) {
            this.capitalToken = Checks.requireNonNull("capitalToken", token);
            this.capital = Checks.requireUint("capital", amount, capitalBits);
            return self();
        }

        /** The chain's wrapped native token (WETH on Ethereum): a profit in it is a profit in wei. */
        public B wrappedNative(Address token) {
            this.wrappedNative = Checks.requireNonNull("wrappedNative", token);
            return self();
        }

        /** The exact price of the capital token in wei per unit; needed when it is not the wrapped native token. */
        public B capitalTokenPrice(ExactPrice price) {
            this.capitalTokenPrice = Checks.requireNonNull("capitalTokenPrice", price);
            return self();
        }

        public B legGas(LegGas legGas) {
            this.legGas = Checks.requireNonNull("legGas", legGas);
            return self();
        }

        public B baseFee(BigInteger weiPerGas) {
            this.baseFee = Checks.requireNonNegative("baseFee", weiPerGas);
            return self();
        }

        /** The priority fee per gas on both legs (default 0). */
        public B tip(BigInteger weiPerGas) {
            this.tip = Checks.requireNonNegative("tip", weiPerGas);
            return self();
        }

        /** The block the pool state is expected to be from (the current head). */
        public B headBlock(long block) {
            this.headBlock = Checks.requireNonNegative("headBlock", block);
            return self();
        }

        public B targetTimestamp(long epochSeconds) {
            this.targetTimestamp = Checks.requireNonNegative("targetTimestamp", epochSeconds);
            return self();
        }

        public B feeOnTransferTokens(Set<Address> tokens) {
            this.feeOnTransferTokens = new HashSet<>(Checks.requireNonNull("feeOnTransferTokens", tokens));
            return self();
        }

        /** The head block set, for the pool checks of {@code build()}; call after {@link #requireTerms()}. */
        final long head() {
            return headBlock;
        }

        /** The checks of {@code build()} every request shares, after its victim and pools are checked present. */
        final void requireTerms() {
            Checks.requireNonNull("capitalToken", capitalToken);
            Checks.requireNonNull("wrappedNative", wrappedNative);
            Checks.requireNonNull("legGas", legGas);
            Checks.requireNonNull("baseFee", baseFee);
            Checks.requireNonNull("headBlock", headBlock);
            Checks.requireNonNull("targetTimestamp", targetTimestamp);
        }
    }
}
