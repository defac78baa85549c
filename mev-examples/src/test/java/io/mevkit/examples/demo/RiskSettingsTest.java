package io.mevkit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.RiskCheck;
import io.mevkit.core.bundle.RiskDecision;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AssetKey;
import io.mevkit.store.MevStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's risk settings: the core policy they build, its state kept in the demo's SQLite store across store
 * instances, and the demo's own USD rule on top.
 */
class RiskSettingsTest {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final Address WETH = Address.of("0x" + "11".repeat(20));
    private static final Address USDC = Address.of("0x" + "22".repeat(20));
    private static final Address POOL = Address.of("0x" + "33".repeat(20));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final RiskSettings DEMO = RiskSettings.defaults();

    @TempDir
    Path dir;

    private static AggregatedPrice price(String lower, double score) {
        BigDecimal low = new BigDecimal(lower);
        return new AggregatedPrice(
                new AssetKey(31337, WETH),
                low.add(BigDecimal.TEN),
                BigDecimal.ONE,
                low,
                low.add(BigDecimal.valueOf(20)),
                score,
                score >= 0.7,
                Instant.EPOCH,
                List.of(),
                List.of());
    }

    /** A sandwich as the searcher presents it: 300 000 gas at a 10 gwei cap, 0.05 ETH expected. */
    private static RiskCheck sandwich(BigInteger input, int confidenceBps) {
        BigInteger cost = GWEI.multiply(BigInteger.valueOf(3_000_000));
        return new RiskCheck(
                WETH,
                input,
                List.of(WETH, USDC),
                List.of(POOL),
                GWEI.multiply(BigInteger.TEN),
                cost,
                ETHER.divide(BigInteger.valueOf(20)),
                cost,
                OptionalInt.of(confidenceBps));
    }

    private static RiskDecision.Reason reason(RiskDecision d) {
        assertTrue(d instanceof RiskDecision.Rejected, d.toString());
        return ((RiskDecision.Rejected) d).reason();
    }

    @Test
    void theDefaultsApproveATypicalDemoSandwich() {
        try (MevStore store = MevStore.builder().sqlite(dir.resolve("d.db")).build()) {
            RiskPolicy policy = DEMO.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), CLOCK);
            assertEquals(new RiskDecision.Approved(), policy.check(sandwich(ETHER.multiply(BigInteger.TEN), 9_500)));
            assertFalse(DEMO.profitBelowMinUsd(ETHER.divide(BigInteger.valueOf(20)), price("2900", 0.95)));
        }
    }

    @Test
    void eachCoreLimitOfTheSettingsRefusesWithItsTypedReason() {
        try (MevStore store = MevStore.builder().sqlite(dir.resolve("d.db")).build()) {
            RiskPolicy policy = DEMO.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), CLOCK);
            BigInteger cap = ETHER.multiply(BigInteger.valueOf(150));
            assertEquals(new RiskDecision.Approved(), policy.check(sandwich(cap, 7_000)));
            assertEquals(
                    RiskDecision.Reason.POSITION_TOO_LARGE,
                    reason(policy.check(sandwich(cap.add(BigInteger.ONE), 7_000))));
            assertEquals(RiskDecision.Reason.PRICE_CONFIDENCE_TOO_LOW, reason(policy.check(sandwich(ETHER, 6_999))));

            // two bundles in flight at most; a settlement releases one
            policy.submitted();
            policy.submitted();
            assertEquals(RiskDecision.Reason.TOO_MANY_IN_FLIGHT, reason(policy.check(sandwich(ETHER, 9_000))));
            policy.settled(ETHER.divide(BigInteger.valueOf(20)), GWEI.multiply(BigInteger.valueOf(3_000_000)));
            assertEquals(1, policy.inFlight());
            assertEquals(new RiskDecision.Approved(), policy.check(sandwich(ETHER, 9_000)));

            // the hour's gas and bribe: 1 ETH spent leaves no room for another bundle's cost
            policy.settled(BigInteger.ZERO, ETHER.subtract(GWEI.multiply(BigInteger.valueOf(3_000_000))));
            assertEquals(RiskDecision.Reason.HOURLY_SPEND_LIMIT, reason(policy.check(sandwich(ETHER, 9_000))));
        }
    }

    @Test
    void aTrippedKillSwitchRefusesInTheNextStoreInstanceOnTheSameFileUntilReArmed() {
        Path db = dir.resolve("demo.db");
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            RiskPolicy policy = DEMO.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), CLOCK);
            policy.submitted();
            policy.settled(DEMO.maxDailyLossWei().add(BigInteger.ONE).negate(), GWEI);
            assertEquals(RiskDecision.Reason.KILL_SWITCH_TRIPPED, reason(policy.check(sandwich(ETHER, 9_000))));
        }
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            RiskPolicy policy = DEMO.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), CLOCK);
            assertTrue(policy.state().tripped(), policy.state().toString());
            assertEquals(
                    DEMO.maxDailyLossWei().add(BigInteger.ONE), policy.state().realizedLoss());
            assertEquals(RiskDecision.Reason.KILL_SWITCH_TRIPPED, reason(policy.check(sandwich(ETHER, 9_000))));
            // another scope in the same database has a state of its own
            RiskPolicy other = DEMO.policy(store.riskStateStore("other"), CLOCK);
            assertEquals(new RiskDecision.Approved(), other.check(sandwich(ETHER, 9_000)));
            policy.rearm();
        }
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            RiskPolicy policy = DEMO.policy(store.riskStateStore(DemoRunner.RISK_SCOPE), CLOCK);
            assertFalse(policy.state().tripped(), policy.state().toString());
            // re-armed, with the day's loss kept: the next bundle's worst case no longer fits in the daily limit
            assertEquals(RiskDecision.Reason.DAILY_LOSS_LIMIT, reason(policy.check(sandwich(ETHER, 9_000))));
        }
    }

    @Test
    void theUsdMinimumIsWorthTheMinimumAtTheLowerBound() {
        // 0.002 ETH at a lower bound of 2500 USD is exactly 5 USD
        BigInteger profit = ETHER.divide(BigInteger.valueOf(500));
        assertFalse(DEMO.profitBelowMinUsd(profit, price("2500", 1.0)));
        assertTrue(DEMO.profitBelowMinUsd(profit.subtract(BigInteger.ONE), price("2500", 1.0)));
        assertTrue(DEMO.profitBelowMinUsd(BigInteger.ONE.negate(), price("2500", 1.0)));
    }

    @Test
    void confidenceIsTheScoreInBasisPointsRoundedDown() {
        assertEquals(10_000, RiskSettings.confidenceBps(price("1", 1.0)));
        assertEquals(7_000, RiskSettings.confidenceBps(price("1", 0.7)));
        assertEquals(6_999, RiskSettings.confidenceBps(price("1", 0.69995)));
        assertEquals(0, RiskSettings.confidenceBps(price("1", 0.0)));
    }

    @Test
    void badSettingsNameTheField() {
        assertEquals(
                "maxInputWei",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskSettings(BigInteger.ZERO, 1, ETHER, 0, ETHER, BigDecimal.ONE))
                        .field());
        assertEquals(
                "maxBundlesInFlight",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskSettings(ETHER, 0, ETHER, 0, ETHER, BigDecimal.ONE))
                        .field());
        assertEquals(
                "minPriceConfidenceBps",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskSettings(ETHER, 1, ETHER, 10_001, ETHER, BigDecimal.ONE))
                        .field());
        assertEquals(
                "minProfitUsd",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskSettings(ETHER, 1, ETHER, 0, ETHER, new BigDecimal("-1")))
                        .field());
    }
}
