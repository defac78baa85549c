package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.testing.MutableClock;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T22:00:00Z"));

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

    private static RiskCheck withSpend(BigInteger gasAndBribe) {
        return new RiskCheck(
                WETH,
                ETH,
                List.of(TOKEN),
                List.of(POOL),
                GWEI.multiply(BigInteger.valueOf(50)),
                gasAndBribe,
                ETH.divide(BigInteger.valueOf(100)),
                BigInteger.TEN.pow(16),
                OptionalInt.empty());
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

    /** A store in memory that counts its saves, as a database would keep the state between two policies. */
    static final class MemoryStore implements RiskStateStore {
        private Optional<RiskState> saved = Optional.empty();
        private int saves;

        @Override
        public synchronized Optional<RiskState> load() {
            return saved;
        }

        @Override
        public synchronized void save(RiskState state) {
            saved = Optional.of(state);
            saves++;
        }
    }

    @Test
    void theHourlySpendLimitHoldsAcrossARestart() {
        Path file = dir.resolve("risk.json");
        RiskPolicy p = policy(FileRiskStateStore.at(file)).build();
        BigInteger spent = new BigInteger("495000000000000000");
        p.submitted();
        p.settled(BigInteger.ZERO, spent);
        Instant spentAt = clock.instant();
        assertEquals(
                List.of(new RiskState.Spend(spentAt, spent)),
                FileRiskStateStore.at(file).load().orElseThrow().recentSpends());

        // a crash loop: every minute a new policy on the same file; the spend is still in the hour each time
        RiskDecision overLimit = new RiskDecision.Rejected(
                RiskDecision.Reason.HOURLY_SPEND_LIMIT, spent.add(BigInteger.TEN.pow(16)), ETH.divide(BigInteger.TWO));
        for (int restart = 0; restart < 3; restart++) {
            clock.advance(Duration.ofMinutes(1));
            RiskPolicy restarted = policy(FileRiskStateStore.at(file)).build();
            assertEquals(
                    List.of(new RiskState.Spend(spentAt, spent)),
                    restarted.state().recentSpends());
            assertEquals(overLimit, restarted.check(ok()));
        }
        // a bundle that still fits is allowed: 0.495 + 0.005 is exactly the limit
        RiskPolicy restarted = policy(FileRiskStateStore.at(file)).build();
        assertTrue(
                restarted.check(withSpend(new BigInteger("5000000000000000"))).approved());
        assertEquals(
                new RiskDecision.Rejected(
                        RiskDecision.Reason.HOURLY_SPEND_LIMIT,
                        ETH.divide(BigInteger.TWO).add(BigInteger.ONE),
                        ETH.divide(BigInteger.TWO)),
                restarted.check(withSpend(new BigInteger("5000000000000001"))));

        // an hour after the spend it has left the window, for the running policy and for a new one
        clock.advance(Duration.ofMinutes(56));
        assertEquals(overLimit, restarted.check(ok()));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(spentAt.plus(Duration.ofHours(1)), clock.instant());
        assertTrue(restarted.check(ok()).approved());
        assertTrue(policy(FileRiskStateStore.at(file)).build().check(ok()).approved());

        // the next save drops it: only the new spend is written
        restarted.submitted();
        restarted.settled(BigInteger.ZERO, BigInteger.TEN.pow(16));
        assertEquals(
                List.of(new RiskState.Spend(clock.instant(), BigInteger.TEN.pow(16))),
                FileRiskStateStore.at(file).load().orElseThrow().recentSpends());
    }

    @Test
    void everySaveKeepsOnlyTheSpendsOfTheLastHour() {
        MemoryStore store = new MemoryStore();
        RiskPolicy p = policy(store).maxInFlight(100).maxSpendPerHour(ETH).build();
        Instant start = clock.instant(); // 22:00
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                clock.advance(Duration.ofMinutes(20));
            }
            p.submitted();
            p.settled(BigInteger.ZERO, BigInteger.valueOf(1000 + i));
        }
        // the 4th save (at 23:00) dropped the first spend: exactly an hour old is out of the window
        assertEquals(
                List.of(
                        new RiskState.Spend(start.plus(Duration.ofMinutes(20)), BigInteger.valueOf(1001)),
                        new RiskState.Spend(start.plus(Duration.ofMinutes(40)), BigInteger.valueOf(1002)),
                        new RiskState.Spend(start.plus(Duration.ofMinutes(60)), BigInteger.valueOf(1003))),
                store.load().orElseThrow().recentSpends());
        // a settlement without a spend prunes too (23:21)
        clock.advance(Duration.ofMinutes(21));
        p.submitted();
        p.settled(BigInteger.ONE, BigInteger.ZERO);
        assertEquals(2, store.load().orElseThrow().recentSpends().size());
        // and a re-arm (23:41)
        clock.advance(Duration.ofMinutes(20));
        p.rearm();
        assertEquals(
                List.of(new RiskState.Spend(start.plus(Duration.ofMinutes(60)), BigInteger.valueOf(1003))),
                store.load().orElseThrow().recentSpends());
        assertEquals(store.load().orElseThrow(), p.state());
        p.submitted();
        p.settled(BigInteger.ZERO, BigInteger.valueOf(7));
        // a new UTC day (00:01) is saved with the spends still in the hour: the hour spans midnight
        clock.advance(Duration.ofMinutes(20));
        assertEquals(LocalDate.of(2026, 3, 2), p.state().day());
        assertEquals(
                new RiskState(
                        LocalDate.of(2026, 3, 2),
                        BigInteger.ZERO,
                        Optional.empty(),
                        List.of(new RiskState.Spend(start.plus(Duration.ofMinutes(101)), BigInteger.valueOf(7)))),
                store.load().orElseThrow());
        assertEquals(8, store.saves);
    }

    @Test
    void beyondTheCapTheOldestSpendsMergeAtTheLaterTimeSoTheHourNeverCountsLess() {
        MemoryStore store = new MemoryStore();
        int cap = RiskState.MAX_RECENT_SPENDS;
        RiskPolicy p = policy(store)
                .maxInFlight(cap + 10)
                .maxSpendPerHour(BigInteger.valueOf(cap + 5))
                .build();
        Instant start = clock.instant();
        for (int i = 0; i < cap + 2; i++) {
            p.submitted();
            p.settled(BigInteger.ZERO, BigInteger.ONE);
            clock.advance(Duration.ofMillis(1));
        }
        List<RiskState.Spend> saved = store.load().orElseThrow().recentSpends();
        assertEquals(cap, saved.size());
        // the three oldest (at +0, +1, +2 ms) became one of 3 wei at +2 ms; none was dropped
        assertEquals(new RiskState.Spend(start.plusMillis(2), BigInteger.valueOf(3)), saved.get(0));
        assertEquals(new RiskState.Spend(start.plusMillis(3), BigInteger.ONE), saved.get(1));
        assertEquals(
                BigInteger.valueOf(cap + 2),
                saved.stream().map(RiskState.Spend::wei).reduce(BigInteger.ZERO, BigInteger::add));
        // cap + 2 spent, so 3 more wei fit and 4 do not, after a restart too
        RiskPolicy restarted =
                policy(store).maxSpendPerHour(BigInteger.valueOf(cap + 5)).build();
        assertTrue(restarted.check(withSpend(BigInteger.valueOf(3))).approved());
        assertEquals(RiskDecision.Reason.HOURLY_SPEND_LIMIT, reason(restarted.check(withSpend(BigInteger.valueOf(4)))));
        // one hour after the oldest spend the merged spend still counts all 3 wei (it leaves at +2 ms + 1 h)
        clock.advance(Duration.between(
                clock.instant(), start.plus(Duration.ofHours(1)).plusMillis(1)));
        assertEquals(RiskDecision.Reason.HOURLY_SPEND_LIMIT, reason(restarted.check(withSpend(BigInteger.valueOf(4)))));
        clock.advance(Duration.ofMillis(1));
        assertTrue(restarted.check(withSpend(BigInteger.valueOf(6))).approved());
    }

    @Test
    void aClockSetBackStillSavesTheSpendsOldestFirst() {
        MemoryStore store = new MemoryStore();
        RiskPolicy p = policy(store).build();
        Instant first = clock.instant();
        p.submitted();
        p.settled(BigInteger.ZERO, BigInteger.TWO);
        clock.advance(Duration.ofMinutes(-5));
        p.submitted();
        p.settled(BigInteger.ZERO, BigInteger.ONE);
        assertEquals(
                List.of(
                        new RiskState.Spend(first.minus(Duration.ofMinutes(5)), BigInteger.ONE),
                        new RiskState.Spend(first, BigInteger.TWO)),
                store.load().orElseThrow().recentSpends());
    }

    @Test
    void riskStateValidatesItsSpends() {
        LocalDate day = LocalDate.of(2026, 3, 1);
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        assertEquals(
                new RiskState(day, BigInteger.ONE, Optional.empty(), List.of()),
                new RiskState(day, BigInteger.ONE, Optional.empty()));
        assertEquals(List.of(), RiskState.fresh(day).recentSpends());
        List<RiskState.Spend> list = new java.util.ArrayList<>(List.of(new RiskState.Spend(t, BigInteger.ONE)));
        RiskState s = new RiskState(day, BigInteger.ZERO, Optional.empty(), list);
        list.add(new RiskState.Spend(t, BigInteger.TWO));
        assertEquals(1, s.recentSpends().size(), "the state keeps a copy");
        assertThrows(UnsupportedOperationException.class, () -> s.recentSpends().clear());
        assertEquals(
                "recentSpends",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskState(day, BigInteger.ZERO, Optional.empty(), null))
                        .field());
        List<RiskState.Spend> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertEquals(
                "recentSpends[0]",
                assertThrows(
                                ValidationException.class,
                                () -> new RiskState(day, BigInteger.ZERO, Optional.empty(), withNull))
                        .field());
        ValidationException order = assertThrows(
                ValidationException.class,
                () -> new RiskState(
                        day,
                        BigInteger.ZERO,
                        Optional.empty(),
                        List.of(
                                new RiskState.Spend(t, BigInteger.ONE),
                                new RiskState.Spend(t.minusNanos(1), BigInteger.ONE))));
        assertEquals("recentSpends[1].at", order.field());
        List<RiskState.Spend> tooMany =
                java.util.Collections.nCopies(RiskState.MAX_RECENT_SPENDS + 1, new RiskState.Spend(t, BigInteger.ONE));
        ValidationException cap = assertThrows(
                ValidationException.class, () -> new RiskState(day, BigInteger.ZERO, Optional.empty(), tooMany));
        assertEquals("recentSpends", cap.field());
        assertEquals(
                RiskState.MAX_RECENT_SPENDS,
                new RiskState(day, BigInteger.ZERO, Optional.empty(), tooMany.subList(0, RiskState.MAX_RECENT_SPENDS))
                        .recentSpends()
                        .size());
        assertEquals(
                "wei",
                assertThrows(ValidationException.class, () -> new RiskState.Spend(t, BigInteger.ZERO))
                        .field());
        assertThrows(NullPointerException.class, () -> new RiskState.Spend(null, BigInteger.ONE));
    }

    @Test
    void aStateFileRoundTripsItsSpendsExactlyAndAVersion1FileLoadsWithNone() throws IOException {
        Path file = dir.resolve("risk.json");
        FileRiskStateStore store = FileRiskStateStore.at(file);
        RiskState state = new RiskState(
                LocalDate.of(2026, 3, 1),
                BigInteger.TEN,
                Optional.of(Instant.parse("2026-03-01T12:00:00.000000001Z")),
                List.of(
                        new RiskState.Spend(Instant.parse("2026-03-01T11:59:59.999999999Z"), BigInteger.ONE),
                        new RiskState.Spend(Instant.parse("2026-03-01T11:59:59.999999999Z"), BigInteger.ONE),
                        new RiskState.Spend(
                                Instant.parse("2026-03-01T12:00:00.123456789Z"),
                                BigInteger.TWO.pow(256).subtract(BigInteger.ONE))));
        store.save(state);
        assertEquals(Optional.of(state), FileRiskStateStore.at(file).load());
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"version\" : 2"), text);
        assertTrue(text.contains("\"at\" : \"2026-03-01T12:00:00.123456789Z\""), text);
        assertFalse(Files.exists(dir.resolve("risk.json.tmp")));

        // as written before spends were kept
        Files.writeString(
                file,
                "{\n  \"version\" : 1,\n  \"day\" : \"2026-03-01\",\n  \"realizedLoss\" : \"12\",\n"
                        + "  \"trippedAt\" : \"2026-03-01T22:00:00Z\"\n}",
                StandardCharsets.UTF_8);
        RiskState old = new RiskState(
                LocalDate.of(2026, 3, 1), BigInteger.valueOf(12), Optional.of(Instant.parse("2026-03-01T22:00:00Z")));
        assertEquals(Optional.of(old), store.load());
        assertEquals(List.of(), store.load().orElseThrow().recentSpends());
        RiskPolicy p = policy(store).build();
        assertEquals(old, p.state());
        // a version-2 file must list its spends; a damaged spend is an error, never an empty hour
        for (String spends : List.of(
                "",
                ", \"recentSpends\" : {}",
                ", \"recentSpends\" : [ { \"at\" : \"x\" } ]",
                ", \"recentSpends\" : [ { \"at\" : \"2026-03-01T12:00:00Z\", \"wei\" : \"-1\" } ]")) {
            Files.writeString(
                    file,
                    "{ \"version\" : 2, \"day\" : \"2026-03-01\", \"realizedLoss\" : \"0\", \"trippedAt\" : null"
                            + spends + " }",
                    StandardCharsets.UTF_8);
            MevException e = assertThrows(MevException.class, store::load, spends);
            assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
        }
        Files.writeString(file, "{ \"version\" : 3 }", StandardCharsets.UTF_8);
        assertThrows(MevException.class, store::load);
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
