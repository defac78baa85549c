package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits a bundle must pass before it is signed: largest position, highest gas price, minimum profit, allowed
 * tokens and pools, worst-case loss per bundle, bundles in flight, gas and bribe spent per hour, price confidence, and
 * a daily realized-loss limit whose kill switch, once tripped, stays tripped across restarts until {@link #rearm()}.
 * The day's loss, the kill switch and the spends of the last hour are kept in a {@link RiskStateStore}, so a restart
 * neither re-arms the switch nor starts a new hour. A refusal is a {@link RiskDecision.Rejected} with a typed reason.
 * Unset limits do not apply; the daily-loss limit is required. Days are UTC days and hours are sliding hours of the
 * injected {@link Clock}. Thread-safe.
 */
public final class RiskPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RiskPolicy.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final Optional<BigInteger> maxPosition;
    private final Optional<BigInteger> maxGasPrice;
    private final Optional<BigInteger> minProfit;
    private final Optional<Set<Address>> allowedTokens;
    private final Optional<Set<Address>> allowedPools;
    private final Optional<BigInteger> maxBundleLoss;
    private final BigInteger maxDailyLoss;
    private final int maxInFlight;
    private final Optional<BigInteger> maxSpendPerHour;
    private final int minPriceConfidenceBps;
    private final Clock clock;
    private final RiskStateStore store;

    private RiskState state;
    private int inFlight;

    private RiskPolicy(Builder b) {
        this.maxPosition = Optional.ofNullable(b.maxPosition);
        this.maxGasPrice = Optional.ofNullable(b.maxGasPrice);
        this.minProfit = Optional.ofNullable(b.minProfit);
        this.allowedTokens = Optional.ofNullable(b.allowedTokens).map(Set::copyOf);
        this.allowedPools = Optional.ofNullable(b.allowedPools).map(Set::copyOf);
        this.maxBundleLoss = Optional.ofNullable(b.maxBundleLoss);
        this.maxDailyLoss = b.maxDailyLoss;
        this.maxInFlight = b.maxInFlight;
        this.maxSpendPerHour = Optional.ofNullable(b.maxSpendPerHour);
        this.minPriceConfidenceBps = b.minPriceConfidenceBps;
        this.clock = b.clock;
        this.store = b.store;
        this.state = store.load().orElseGet(() -> RiskState.fresh(today()));
        if (state.tripped()) {
            LOG.warn(
                    "risk kill switch is tripped since {}: no bundle will be approved",
                    state.trippedAt().get());
        }
    }

    /** A builder; the daily-loss limit and the state store are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Checks {@code bundle} against every limit; the first broken one is the answer. */
    public synchronized RiskDecision check(RiskCheck bundle) {
        Objects.requireNonNull(bundle, "bundle");
        rollDay();
        if (state.tripped()) {
            return reject(RiskDecision.Reason.KILL_SWITCH_TRIPPED, state.realizedLoss(), maxDailyLoss);
        }
        if (maxPosition.isPresent() && bundle.input().compareTo(maxPosition.get()) > 0) {
            return reject(RiskDecision.Reason.POSITION_TOO_LARGE, bundle.input(), maxPosition.get());
        }
        if (maxGasPrice.isPresent() && bundle.maxFeePerGas().compareTo(maxGasPrice.get()) > 0) {
            return reject(RiskDecision.Reason.GAS_PRICE_TOO_HIGH, bundle.maxFeePerGas(), maxGasPrice.get());
        }
        if (minProfit.isPresent() && bundle.expectedProfitWei().compareTo(minProfit.get()) < 0) {
            return reject(RiskDecision.Reason.PROFIT_TOO_LOW, bundle.expectedProfitWei(), minProfit.get());
        }
        if (allowedTokens.isPresent()) {
            Set<Address> all = new HashSet<>(bundle.tokens());
            all.add(bundle.capitalToken());
            for (Address t : all) {
                if (!allowedTokens.get().contains(t)) {
                    return reject(RiskDecision.Reason.TOKEN_NOT_ALLOWED, new BigInteger(1, t.bytes()), BigInteger.ZERO);
                }
            }
        }
        if (allowedPools.isPresent()) {
            for (Address p : bundle.pools()) {
                if (!allowedPools.get().contains(p)) {
                    return reject(RiskDecision.Reason.POOL_NOT_ALLOWED, new BigInteger(1, p.bytes()), BigInteger.ZERO);
                }
            }
        }
        if (maxBundleLoss.isPresent() && bundle.worstCaseLossWei().compareTo(maxBundleLoss.get()) > 0) {
            return reject(RiskDecision.Reason.BUNDLE_LOSS_TOO_HIGH, bundle.worstCaseLossWei(), maxBundleLoss.get());
        }
        BigInteger dayWorst = state.realizedLoss().add(bundle.worstCaseLossWei());
        if (dayWorst.compareTo(maxDailyLoss) > 0) {
            return reject(RiskDecision.Reason.DAILY_LOSS_LIMIT, dayWorst, maxDailyLoss);
        }
        if (inFlight >= maxInFlight) {
            return reject(
                    RiskDecision.Reason.TOO_MANY_IN_FLIGHT,
                    BigInteger.valueOf(inFlight),
                    BigInteger.valueOf(maxInFlight));
        }
        if (maxSpendPerHour.isPresent()) {
            BigInteger hour = spentLastHour().add(bundle.maxGasAndBribeWei());
            if (hour.compareTo(maxSpendPerHour.get()) > 0) {
                return reject(RiskDecision.Reason.HOURLY_SPEND_LIMIT, hour, maxSpendPerHour.get());
            }
        }
        if (bundle.priceConfidenceBps().isPresent()
                && bundle.priceConfidenceBps().getAsInt() < minPriceConfidenceBps) {
            return reject(
                    RiskDecision.Reason.PRICE_CONFIDENCE_TOO_LOW,
                    BigInteger.valueOf(bundle.priceConfidenceBps().getAsInt()),
                    BigInteger.valueOf(minPriceConfidenceBps));
        }
        return new RiskDecision.Approved();
    }

    /** Counts a bundle as in flight (call after an approved bundle was submitted). */
    public synchronized void submitted() {
        inFlight++;
    }

    /**
     * Settles a bundle that was in flight: its realized net result in wei (negative for a loss; zero when it was
     * not included) and the gas and bribe it paid. A loss that takes the day over the limit trips the kill switch;
     * the new state, with this spend among the last hour's, is saved before this returns.
     */
    public synchronized void settled(BigInteger realizedPnlWei, BigInteger gasAndBribePaidWei) {
        Objects.requireNonNull(realizedPnlWei, "realizedPnlWei");
        Checks.requireNonNegative("gasAndBribePaidWei", gasAndBribePaidWei);
        if (inFlight == 0) {
            throw new ValidationException("inFlight", 0, "settled without a submitted bundle");
        }
        inFlight--;
        rollDay();
        List<RiskState.Spend> spends = new ArrayList<>(state.recentSpends());
        if (gasAndBribePaidWei.signum() > 0) {
            spends.add(new RiskState.Spend(clock.instant(), gasAndBribePaidWei));
        }
        BigInteger loss = state.realizedLoss().subtract(realizedPnlWei).max(BigInteger.ZERO);
        Optional<Instant> tripped = state.trippedAt();
        if (tripped.isEmpty() && loss.compareTo(maxDailyLoss) > 0) {
            tripped = Optional.of(clock.instant());
            LOG.warn("daily realized loss {} wei exceeds {} wei: kill switch tripped", loss, maxDailyLoss);
        }
        save(state.day(), loss, tripped, spends);
    }

    /** Re-arms a tripped kill switch (an operator's decision); today's realized loss is kept. */
    public synchronized void rearm() {
        save(state.day(), state.realizedLoss(), Optional.empty(), state.recentSpends());
        LOG.warn("risk kill switch re-armed");
    }

    /** The current state (today's loss, the kill switch, the spends saved within the last hour). */
    public synchronized RiskState state() {
        rollDay();
        return state;
    }

    /** Bundles submitted and not yet settled. */
    public synchronized int inFlight() {
        return inFlight;
    }

    private BigInteger spentLastHour() {
        Instant cutoff = clock.instant().minus(HOUR);
        return state.recentSpends().stream()
                .filter(s -> s.at().isAfter(cutoff))
                .map(RiskState.Spend::wei)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    private void rollDay() {
        LocalDate today = today();
        if (today.isAfter(state.day())) {
            save(today, BigInteger.ZERO, state.trippedAt(), state.recentSpends());
        }
    }

    /** Saves, then adopts, a state whose spends are those of {@code spends} still within the hour. */
    private void save(LocalDate day, BigInteger loss, Optional<Instant> trippedAt, List<RiskState.Spend> spends) {
        RiskState next = new RiskState(day, loss, trippedAt, withinTheHour(spends, clock.instant()));
        store.save(next);
        state = next;
    }

    /**
     * The spends after {@code now} minus an hour, oldest first (a clock set back may have recorded some out of order),
     * with the oldest merged when there are more than {@link RiskState#MAX_RECENT_SPENDS}: a merged spend is counted at
     * the time of the newest it holds, so it stays in the window at least as long as each part would have.
     */
    private static List<RiskState.Spend> withinTheHour(List<RiskState.Spend> spends, Instant now) {
        Instant cutoff = now.minus(HOUR);
        List<RiskState.Spend> kept = new ArrayList<>();
        for (RiskState.Spend s : spends) {
            if (s.at().isAfter(cutoff)) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparing(RiskState.Spend::at));
        int excess = kept.size() - RiskState.MAX_RECENT_SPENDS;
        if (excess <= 0) {
            return kept;
        }
        List<RiskState.Spend> merged = kept.subList(0, excess + 1);
        BigInteger wei = merged.stream().map(RiskState.Spend::wei).reduce(BigInteger.ZERO, BigInteger::add);
        Instant at = merged.get(excess).at();
        merged.clear();
        kept.add(0, new RiskState.Spend(at, wei));
        LOG.debug(
                "{} spends within the hour exceed {}: the oldest {} merged",
                excess + RiskState.MAX_RECENT_SPENDS,
                RiskState.MAX_RECENT_SPENDS,
                excess + 1);
        return kept;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static RiskDecision reject(RiskDecision.Reason reason, BigInteger value, BigInteger limit) {
        LOG.debug("bundle rejected by risk: {} ({} vs {})", reason, value, limit);
        return new RiskDecision.Rejected(reason, value, limit);
    }

    /** Configures a {@link RiskPolicy}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private BigInteger maxPosition;
        private BigInteger maxGasPrice;
        private BigInteger minProfit;
        private Set<Address> allowedTokens;
        private Set<Address> allowedPools;
        private BigInteger maxBundleLoss;
        private BigInteger maxDailyLoss;
        private int maxInFlight = Integer.MAX_VALUE;
        private BigInteger maxSpendPerHour;
        private int minPriceConfidenceBps;
        private Clock clock = Clock.systemUTC();
        private RiskStateStore store;

        private Builder() {}

        /** The largest input per trade, in the capital token's smallest unit. */
        public Builder maxPosition(BigInteger units) {
            this.maxPosition = Checks.requirePositive("maxPosition", units);
            return this;
        }

        /** The highest fee cap per gas, in wei. */
        public Builder maxGasPrice(BigInteger wei) {
            this.maxGasPrice = Checks.requirePositive("maxGasPrice", wei);
            return this;
        }

        /** The least expected net profit, in wei. */
        public Builder minProfit(BigInteger wei) {
            this.minProfit = Checks.requireNonNegative("minProfit", wei);
            return this;
        }

        /** Only these tokens may be traded (the capital token included). */
        public Builder allowedTokens(Set<Address> tokens) {
            this.allowedTokens = Set.copyOf(tokens);
            return this;
        }

        /** Only these pools may be traded. */
        public Builder allowedPools(Set<Address> pools) {
            this.allowedPools = Set.copyOf(pools);
            return this;
        }

        /** The largest worst-case loss of one bundle, in wei. */
        public Builder maxBundleLoss(BigInteger wei) {
            this.maxBundleLoss = Checks.requireNonNegative("maxBundleLoss", wei);
            return this;
        }

        /** The daily realized loss, in wei, beyond which the kill switch trips (required). */
        public Builder maxDailyLoss(BigInteger wei) {
            this.maxDailyLoss = Checks.requireNonNegative("maxDailyLoss", wei);
            return this;
        }

        /** The most bundles in flight at once. */
        public Builder maxInFlight(int count) {
            if (count < 1) {
                throw new ValidationException("maxInFlight", count, "must be positive");
            }
            this.maxInFlight = count;
            return this;
        }

        /**
         * The most gas and bribe spent in any sliding hour, in wei. The spends are saved with the state, so the limit
         * holds across a restart.
         */
        public Builder maxSpendPerHour(BigInteger wei) {
            this.maxSpendPerHour = Checks.requirePositive("maxSpendPerHour", wei);
            return this;
        }

        /** The least price confidence accepted when a non-native profit is valued, in basis points. */
        public Builder minPriceConfidenceBps(int bps) {
            if (bps < 0 || bps > 10_000) {
                throw new ValidationException("minPriceConfidenceBps", bps, "must be 0..10000");
            }
            this.minPriceConfidenceBps = bps;
            return this;
        }

        /** The clock days and hours are read from (default: the system's UTC clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Where the daily loss, the kill switch and the last hour's spends are kept (required; e.g.
         * {@link FileRiskStateStore}).
         */
        public Builder store(RiskStateStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        public RiskPolicy build() {
            if (maxDailyLoss == null) {
                throw new ValidationException("maxDailyLoss", "(unset)", "is required");
            }
            if (store == null) {
                throw new ValidationException("store", "(unset)", "is required");
            }
            return new RiskPolicy(this);
        }
    }
}
