package io.mevkit.examples.demo.internal;

import io.mevkit.core.Checks;
import io.mevkit.oracle.AggregatedPrice;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The demo's minimal risk policy: refuses a sandwich whose position exceeds a cap, whose price is not confident, or
 * whose net profit is worth less than a minimum in USD (valued at the aggregate's lower bound). Money stays in wei;
 * the USD comparison is the only decimal step. Immutable and thread-safe.
 */
public final class DemoRiskPolicy {
    /** Typed rejection reasons, as stored and counted. */
    public enum Reason {
        POSITION_ABOVE_CAP,
        PRICE_NOT_CONFIDENT,
        PROFIT_BELOW_MIN_USD
    }

    private static final BigDecimal WEI_PER_ETHER = BigDecimal.TEN.pow(18);
    private final BigInteger maxPositionWei;
    private final BigDecimal minProfitUsd;

    public DemoRiskPolicy(BigInteger maxPositionWei, BigDecimal minProfitUsd) {
        this.maxPositionWei = Checks.requirePositive("maxPositionWei", maxPositionWei);
        if (minProfitUsd == null || minProfitUsd.signum() < 0) {
            throw new io.mevkit.core.ValidationException("minProfitUsd", minProfitUsd, "must be >= 0");
        }
        this.minProfitUsd = minProfitUsd;
    }

    public Optional<Reason> check(BigInteger positionWei, BigInteger netProfitWei, AggregatedPrice nativeUsd) {
        if (positionWei.compareTo(maxPositionWei) > 0) {
            return Optional.of(Reason.POSITION_ABOVE_CAP);
        }
        if (!nativeUsd.confident()) {
            return Optional.of(Reason.PRICE_NOT_CONFIDENT);
        }
        BigDecimal usd =
                new BigDecimal(netProfitWei).multiply(nativeUsd.lower()).divide(WEI_PER_ETHER);
        return usd.compareTo(minProfitUsd) < 0 ? Optional.of(Reason.PROFIT_BELOW_MIN_USD) : Optional.empty();
    }
}
