package io.mevkit.examples.demo;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.core.bundle.RiskStateStore;
import io.mevkit.oracle.AggregatedPrice;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Objects;

/**
 * The demo searcher's risk limits. All but the last are the core {@link RiskPolicy}'s, built by
 * {@link #policy(RiskStateStore, Clock)}: the largest input per trade, the most bundles in flight, the most gas and
 * bribe spent per hour (the hour's spends are kept in the state store, so a rerun on the same database continues the
 * hour), the least price confidence, and the daily realized loss beyond which the kill switch trips (kept in the state
 * store until re-armed). The last is a rule of the demo's own, checked after the policy approved: a
 * least net profit in USD, valued at the oracle's lower bound (the policy's minimum profit is in wei, and the demo
 * leaves it unset). Immutable.
 *
 * @param maxInputWei the largest front-run input, in wei of the capital token (WETH)
 * @param maxBundlesInFlight the most bundles submitted and not yet settled
 * @param maxGasAndBribePerHourWei the most gas and bribe spent in any hour, in wei
 * @param minPriceConfidenceBps the least confidence of the ETH/USD price valuing the profit, in basis points (the
 *     oracle's score × 10 000)
 * @param maxDailyLossWei the day's realized net loss, in wei, beyond which the kill switch trips
 * @param minProfitUsd the least net profit, in USD at the price's lower bound
 */
public record RiskSettings(
        BigInteger maxInputWei,
        int maxBundlesInFlight,
        BigInteger maxGasAndBribePerHourWei,
        int minPriceConfidenceBps,
        BigInteger maxDailyLossWei,
        BigDecimal minProfitUsd) {

    /** The reason the demo's own rule gives, as stored and counted next to the policy's typed reasons. */
    public static final String PROFIT_BELOW_MIN_USD = "PROFIT_BELOW_MIN_USD";

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);

    public RiskSettings {
        Checks.requirePositive("maxInputWei", maxInputWei);
        if (maxBundlesInFlight < 1) {
            throw new ValidationException("maxBundlesInFlight", maxBundlesInFlight, "must be >= 1");
        }
        Checks.requirePositive("maxGasAndBribePerHourWei", maxGasAndBribePerHourWei);
        if (minPriceConfidenceBps < 0 || minPriceConfidenceBps > 10_000) {
            throw new ValidationException("minPriceConfidenceBps", minPriceConfidenceBps, "must be 0..10000");
        }
        Checks.requireNonNegative("maxDailyLossWei", maxDailyLossWei);
        if (minProfitUsd == null || minProfitUsd.signum() < 0) {
            throw new ValidationException("minProfitUsd", minProfitUsd, "must be >= 0");
        }
    }

    /**
     * The demo's limits: 150 WETH per trade (half its capital), 2 bundles in flight (it submits one per block and
     * settles it on the next head), 1 ETH of gas and bribe per hour (a sandwich costs about 0.001 ETH on the demo's
     * chain), a confidence of 7 000 bps (the oracle's own minimum score, 0.7), a daily loss of 1 ETH, and 5 USD of
     * profit.
     */
    public static RiskSettings defaults() {
        return new RiskSettings(ETHER.multiply(BigInteger.valueOf(150)), 2, ETHER, 7_000, ETHER, new BigDecimal("5"));
    }

    /** The core policy with these limits, its day's loss and kill switch kept in {@code state}. */
    public RiskPolicy policy(RiskStateStore state, Clock clock) {
        return RiskPolicy.builder()
                .maxPosition(maxInputWei)
                .maxInFlight(maxBundlesInFlight)
                .maxSpendPerHour(maxGasAndBribePerHourWei)
                .minPriceConfidenceBps(minPriceConfidenceBps)
                .maxDailyLoss(maxDailyLossWei)
                .store(Objects.requireNonNull(state, "state"))
                .clock(clock)
                .build();
    }

    /**
     * The price's confidence score in basis points, rounded down (a score is a ratio, not money: the one place a
     * double is read).
     */
    public static int confidenceBps(AggregatedPrice price) {
        return (int) Math.floor(Math.max(0, Math.min(1, price.score())) * 10_000);
    }

    /** Whether {@code netProfitWei} (of ETH or WETH) is worth less than {@link #minProfitUsd} at the price's lower bound. */
    public boolean profitBelowMinUsd(BigInteger netProfitWei, AggregatedPrice nativeUsd) {
        BigDecimal usd = new BigDecimal(netProfitWei, 18).multiply(nativeUsd.lower());
        return usd.compareTo(minProfitUsd) < 0;
    }
}
