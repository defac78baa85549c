package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskPolicyTest {
    private static final Address WETH = Address.of("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
    private static final Address TOKEN = Address.of("0x6b175474e89094c44da98b954eedeac495271d0f");
    private static final Address OTHER = Address.of("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
    private static final Address POOL = Address.of("0xa478c2975ab1ea89e8196811f51a7b7ade33eb11");
    private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T22:00:00Z"));

    private RiskPolicy.Builder policy(RiskStateStore store) {
        return RiskPolicy.builder()
                .maxPosition(ETH.multiply(BigInteger.TEN))
                .maxGasPrice(GWEI.multiply(BigInteger.valueOf(300)))
                .minProfit(BigInteger.valueOf(1_000_000))
                .allowedTokens(Set.of(WETH, TOKEN))
                .allowedPools(Set.of(POOL))
                .maxBundleLoss(ETH.divide(BigInteger.TEN))
                .maxDailyLoss(ETH)
                .maxInFlight(2)
                .maxSpendPerHour(ETH.divide(BigInteger.TWO))
                .minPriceConfidenceBps(9_000)
                .clock(clock)
                .store(store);
    }

    private static RiskCheck check(BigInteger input, BigInteger maxFee, BigInteger profit, BigInteger worstLoss) {
        return new RiskCheck(
                WETH,
                input,
                List.of(TOKEN),
                List.of(POOL),
                maxFee,
                BigInteger.valueOf(10).pow(16),
                profit,
                worstLoss,
                OptionalInt.empty());
    }

    private static RiskCheck ok() {
        return check(
                ETH,
                GWEI.multiply(BigInteger.valueOf(50)),
                ETH.divide(BigInteger.valueOf(100)),
                BigInteger.TEN.pow(16));
    }

    private static RiskDecision.Reason reason(RiskDecision d) {
        return ((RiskDecision.Rejected) d).reason();
    }

    @Test
    void eachLimitRejectsWithItsTypedReasonAndTheValues() {
        RiskPolicy p = policy(FileRiskStateStore.at(dir.resolve("risk.json"))).build();
        assertTrue(p.check(ok()).approved());
        assertEquals(
                new RiskDecision.Rejected(
                        RiskDecision.Reason.POSITION_TOO_LARGE,
                        ETH.multiply(BigInteger.valueOf(11)),
                        ETH.multiply(BigInteger.TEN)),
                p.check(check(ETH.multiply(BigInteger.valueOf(11)), GWEI, ETH, BigInteger.ZERO)));
        assertEquals(
                RiskDecision.Reason.GAS_PRICE_TOO_HIGH,
                reason(p.check(check(ETH, GWEI.multiply(BigInteger.valueOf(301)), ETH, BigInteger.ZERO))));
        assertEquals(
                new RiskDecision.Rejected(
                        RiskDecision.Reason.PROFIT_TOO_LOW, BigInteger.valueOf(999_999), BigInteger.valueOf(1_000_000)),
                p.check(check(ETH, GWEI, BigInteger.valueOf(999_999), BigInteger.ZERO)));
        assertEquals(
                RiskDecision.Reason.TOKEN_NOT_ALLOWED,
                reason(p.check(new RiskCheck(
                        WETH,
                        ETH,
                        List.of(OTHER),
                        List.of(POOL),
                        GWEI,
                        BigInteger.ONE,
                        ETH,
                        BigInteger.ZERO,
                        OptionalInt.empty()))));
        assertEquals(
                RiskDecision.Reason.POOL_NOT_ALLOWED,
                reason(p.check(new RiskCheck(
                        WETH,
                        ETH,
                        List.of(TOKEN),
                        List.of(OTHER),
                        GWEI,
                        BigInteger.ONE,
                        ETH,
                        BigInteger.ZERO,
                        OptionalInt.empty()))));
        assertEquals(
                RiskDecision.Reason.BUNDLE_LOSS_TOO_HIGH,
                reason(p.check(check(ETH, GWEI, ETH, ETH.divide(BigInteger.TEN).add(BigInteger.ONE)))));
        assertEquals(
                RiskDecision.Reason.PRICE_CONFIDENCE_TOO_LOW,
                reason(p.check(new RiskCheck(
                        WETH,
                        ETH,
                        List.of(TOKEN),
                        List.of(POOL),
                        GWEI,
                        BigInteger.ONE,
                        ETH,
                        BigInteger.ZERO,
                        OptionalInt.of(8_999)))));
        assertTrue(p.check(new RiskCheck(
                        WETH,
                        ETH,
                        List.of(TOKEN),
                        List.of(POOL),
                        GWEI,
                        BigInteger.ONE,
                        ETH,
                        BigInteger.ZERO,
                        OptionalInt.of(9_000)))
                .approved());
    }

    @Test
    void inFlightAndHourlySpendAreCountedAndTheHourSlides() {
        RiskPolicy p = policy(FileRiskStateStore.at(dir.resolve("risk.json"))).build();
        p.submitted();
        p.submitted();
        assertEquals(
                new RiskDecision.Rejected(RiskDecision.Reason.TOO_MANY_IN_FLIGHT, BigInteger.TWO, BigInteger.TWO),
                p.check(ok()));
        BigInteger spent = new BigInteger("495000000000000000");
        p.settled(BigInteger.ZERO, spent);
        assertEquals(1, p.inFlight());
        // 0.495 spent + 0.01 for this bundle > 0.5 per hour
        assertEquals(
                new RiskDecision.Rejected(
                        RiskDecision.Reason.HOURLY_SPEND_LIMIT,
                        spent.add(BigInteger.TEN.pow(16)),
                        ETH.divide(BigInteger.TWO)),
                p.check(ok()));
        clock.advance(Duration.ofMinutes(59));
        assertFalse(p.check(ok()).approved());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(p.check(ok()).approved(), "an hour later the spend has left the window");
        p.settled(BigInteger.ONE, BigInteger.ZERO);
        assertThrows(ValidationException.class, () -> p.settled(BigInteger.ONE, BigInteger.ZERO));
    }

    @Test
    void theDailyLossKillSwitchTripsIsPersistedAndSurvivesARestartAndANewDay() throws IOException {
        Path file = dir.resolve("risk.json");
        RiskPolicy p = policy(FileRiskStateStore.at(file)).maxInFlight(100).build();
        // a worst case that would take the day over the limit is refused before any loss is real
        for (int i = 0; i < 9; i++) {
            p.submitted();
            p.settled(ETH.divide(BigInteger.TEN).negate(), BigInteger.ZERO);
        }
        assertEquals(new BigInteger("900000000000000000"), p.state().realizedLoss());
        BigInteger tenth = ETH.divide(BigInteger.TEN);
        assertTrue(p.check(check(ETH, GWEI, ETH, tenth)).approved(), "exactly at the daily limit is allowed");
        p.submitted();
        p.settled(ETH.divide(BigInteger.valueOf(20)).negate(), BigInteger.ZERO);
        assertEquals(
                new RiskDecision.Rejected(
                        RiskDecision.Reason.DAILY_LOSS_LIMIT, new BigInteger("1050000000000000000"), ETH),
                p.check(check(ETH, GWEI, ETH, tenth)));
        // a profit offsets the loss; a bigger loss takes it over and trips the switch
        p.submitted();
        p.settled(ETH.divide(BigInteger.TEN), BigInteger.ZERO);
        assertEquals(new BigInteger("850000000000000000"), p.state().realizedLoss());
        assertFalse(p.state().tripped());
        p.submitted();
        p.settled(new BigInteger("-150000000000000001"), BigInteger.ZERO);
        assertTrue(p.state().tripped());
        assertEquals(RiskDecision.Reason.KILL_SWITCH_TRIPPED, reason(p.check(ok())));
        assertFalse(Files.exists(dir.resolve("risk.json.tmp")), "the temporary file was moved into place");

        // restart: a new policy over the same file starts tripped
        RiskPolicy restarted = policy(FileRiskStateStore.at(file)).build();
        assertEquals(
                new RiskState(
                        LocalDate.of(2026, 3, 1),
                        new BigInteger("1000000000000000001"),
                        Optional.of(Instant.parse("2026-03-01T22:00:00Z"))),
                restarted.state());
        assertEquals(RiskDecision.Reason.KILL_SWITCH_TRIPPED, reason(restarted.check(ok())));

        // a new UTC day clears the loss but not the switch
        clock.advance(Duration.ofHours(3));
        assertEquals(BigInteger.ZERO, restarted.state().realizedLoss());
        assertEquals(LocalDate.of(2026, 3, 2), restarted.state().day());
        assertEquals(RiskDecision.Reason.KILL_SWITCH_TRIPPED, reason(restarted.check(ok())));
        restarted.rearm();
        assertTrue(restarted.check(ok()).approved());
        assertFalse(FileRiskStateStore.at(file).load().orElseThrow().tripped());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"day\" : \"2026-03-02\""), text);
    }

    @Test
    void aDamagedStateFileIsAnErrorNotAFreshStart() throws IOException {
        Path file = dir.resolve("risk.json");
        Files.writeString(file, "{\"version\":1,\"day\":\"2026-03-01\",\"realizedLoss\":\"12x\"}");
        MevException e = assertThrows(
                MevException.class, () -> policy(FileRiskStateStore.at(file)).build());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        Files.writeString(file, "[]");
        assertThrows(MevException.class, () -> FileRiskStateStore.at(file).load());
        assertEquals(
                Optional.empty(),
                FileRiskStateStore.at(dir.resolve("none.json")).load());
    }

    @Test
    void builderRequiresTheDailyLimitAndAStore() {
        assertEquals(
                "maxDailyLoss",
                assertThrows(ValidationException.class, () -> RiskPolicy.builder()
                                .store(FileRiskStateStore.at(dir.resolve("x.json")))
                                .build())
                        .field());
        assertEquals(
                "store",
                assertThrows(
                                ValidationException.class,
                                () -> RiskPolicy.builder().maxDailyLoss(ETH).build())
                        .field());
    }
}
