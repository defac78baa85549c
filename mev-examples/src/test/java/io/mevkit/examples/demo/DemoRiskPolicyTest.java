package io.mevkit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.examples.demo.internal.DemoRiskPolicy;
import io.mevkit.examples.demo.internal.DemoRiskPolicy.Reason;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AssetKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoRiskPolicyTest {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private final DemoRiskPolicy policy =
            new DemoRiskPolicy(ETHER.multiply(BigInteger.valueOf(100)), new BigDecimal("5"));

    private static AggregatedPrice price(String lower, boolean confident) {
        BigDecimal low = new BigDecimal(lower);
        return new AggregatedPrice(
                new AssetKey(31337, Address.of("0x" + "11".repeat(20))),
                low.add(BigDecimal.TEN),
                BigDecimal.ONE,
                low,
                low.add(BigDecimal.valueOf(20)),
                confident ? 1.0 : 0.5,
                confident,
                Instant.EPOCH,
                List.of(),
                List.of());
    }

    @Test
    void aProfitWorthTheMinimumAtTheLowerBoundPasses() {
        // 0.002 ETH at a lower bound of 2500 USD is exactly 5 USD
        BigInteger profit = ETHER.divide(BigInteger.valueOf(500));
        assertEquals(Optional.empty(), policy.check(ETHER, profit, price("2500", true)));
        assertEquals(
                Optional.of(Reason.PROFIT_BELOW_MIN_USD),
                policy.check(ETHER, profit.subtract(BigInteger.ONE), price("2500", true)));
    }

    @Test
    void eachReasonIsTyped() {
        assertEquals(
                Optional.of(Reason.POSITION_ABOVE_CAP),
                policy.check(ETHER.multiply(BigInteger.valueOf(100)).add(BigInteger.ONE), ETHER, price("3000", true)));
        assertEquals(Optional.of(Reason.PRICE_NOT_CONFIDENT), policy.check(ETHER, ETHER, price("3000", false)));
    }

    @Test
    void badSettingsNameTheField() {
        ValidationException e =
                assertThrows(ValidationException.class, () -> new DemoRiskPolicy(BigInteger.ZERO, BigDecimal.ONE));
        assertEquals("maxPositionWei", e.field());
        assertEquals(
                "minProfitUsd",
                assertThrows(ValidationException.class, () -> new DemoRiskPolicy(ETHER, new BigDecimal("-1")))
                        .field());
    }
}
