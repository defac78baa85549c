package io.mevkit.store;

import static io.mevkit.store.RiskStateStoreContract.RiskValues.DAY;
import static io.mevkit.store.RiskStateStoreContract.RiskValues.ETH;
import static io.mevkit.store.RiskStateStoreContract.RiskValues.POOL;
import static io.mevkit.store.RiskStateStoreContract.RiskValues.TOKEN;
import static io.mevkit.store.RiskStateStoreContract.RiskValues.WETH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.RiskCheck;
import io.mevkit.core.bundle.RiskDecision;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.core.bundle.RiskState;
import io.mevkit.core.bundle.RiskStateStore;
import io.mevkit.testing.MutableClock;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link MevStore#riskStateStore(String)}: the core {@link RiskPolicy}'s state in the store's database. Mixed into
 * {@link StoreContract}, so it runs unchanged against SQLite and PostgreSQL.
 */
interface RiskStateStoreContract {
    /** The contract's values, in a class of their own so that they do not shadow names of the classes mixing it in. */
    final class RiskValues {
        static final BigInteger ETH = BigInteger.TEN.pow(18);
        static final LocalDate DAY = LocalDate.of(2026, 3, 1);
        static final Address WETH = Address.of("0x" + "11".repeat(20));
        static final Address TOKEN = Address.of("0x" + "22".repeat(20));
        static final Address POOL = Address.of("0x" + "33".repeat(20));

        private RiskValues() {}
    }

    /** The store the running test opened on a fresh database. */
    MevStore currentStore();

    /** A new store on the database of {@link #currentStore()}, as after a restart. */
    MevStore reopenedStore();

    /** The clock every store of the running test reads. */
    MutableClock testClock();

    /** A store on a fresh database restored from a backup of {@link #currentStore()} taken now. */
    MevStore backedUpAndRestored();

    @Test
    default void aScopeNeverSavedLoadsEmpty() {
        assertEquals(Optional.empty(), currentStore().riskStateStore("sandwich").load());
        assertEquals(0, currentStore().rowCounts().get("risk_policy_state"));
        assertEquals(0, currentStore().rowCounts().get("risk_policy_spends"));
    }

    @Test
    default void recentSpendsLoadExactlyInTheirOrderToTheNanosecondAndTheLastWei() {
        RiskStateStore states = currentStore().riskStateStore("sandwich");
        Instant t = Instant.parse("2026-03-01T12:00:00.000000001Z");
        List<RiskState.Spend> full = new ArrayList<>();
        for (int i = 0; i < RiskState.MAX_RECENT_SPENDS; i++) {
            full.add(new RiskState.Spend(
                    t.plusNanos(i / 2), BigInteger.valueOf(i + 1).multiply(ETH)));
        }
        List<List<RiskState.Spend>> samples = List.of(
                List.of(new RiskState.Spend(t, BigInteger.ONE)),
                List.of(
                        new RiskState.Spend(Instant.MIN, Amounts.U256_MAX),
                        new RiskState.Spend(Instant.ofEpochSecond(-1, 999_999_999), BigInteger.TWO),
                        new RiskState.Spend(Instant.ofEpochSecond(-1, 999_999_999), BigInteger.ONE),
                        new RiskState.Spend(Instant.EPOCH, ETH.add(BigInteger.ONE)),
                        new RiskState.Spend(Instant.MAX, Amounts.U256_MAX)),
                full,
                List.of(new RiskState.Spend(t, BigInteger.TEN)),
                List.of());
        for (List<RiskState.Spend> spends : samples) {
            RiskState state = new RiskState(DAY, ETH, Optional.of(t), spends);
            states.save(state);
            assertEquals(Optional.of(state), states.load());
            assertEquals(spends.size(), currentStore().rowCounts().get("risk_policy_spends"));
            assertEquals(1, currentStore().rowCounts().get("risk_policy_state"));
        }
        RiskState one = new RiskState(
                DAY, ETH, Optional.empty(), List.of(new RiskState.Spend(t.plusSeconds(1), BigInteger.valueOf(7))));
        states.save(one);
        List<Map<String, Object>> rows = currentStore().read(tx -> tx.handle()
                .createQuery("SELECT scope, seq, at_s, at_ns, wei FROM risk_policy_spends")
                .mapToMap()
                .list());
        assertEquals(1, rows.size());
        assertEquals("sandwich", rows.get(0).get("scope"));
        assertEquals(0, ((Number) rows.get(0).get("seq")).intValue());
        assertEquals(1_772_366_401L, ((Number) rows.get(0).get("at_s")).longValue());
        assertEquals(1, ((Number) rows.get(0).get("at_ns")).intValue());
        assertEquals("7", rows.get(0).get("wei").toString());
    }

    @Test
    default void aSavedStateLoadsExactlyToTheNanosecondAndTheLastWei() {
        RiskStateStore states = currentStore().riskStateStore("sandwich");
        List<RiskState> samples = List.of(
                new RiskState(DAY, Amounts.U256_MAX, Optional.of(Instant.parse("2026-03-01T23:59:59.123456789Z"))),
                new RiskState(DAY, BigInteger.ONE, Optional.of(Instant.ofEpochSecond(-1, 999_999_999))),
                new RiskState(LocalDate.of(0, 1, 1), BigInteger.ZERO, Optional.of(Instant.MIN)),
                new RiskState(LocalDate.of(9999, 12, 31), ETH.add(BigInteger.ONE), Optional.of(Instant.MAX)),
                new RiskState(DAY, ETH, Optional.of(Instant.EPOCH)),
                RiskState.fresh(DAY));
        for (RiskState s : samples) {
            states.save(s);
            assertEquals(Optional.of(s), states.load());
        }
        // the trip time is stored as Instant holds it, not rounded to a coarser unit
        RiskState nanos = new RiskState(DAY, ETH, Optional.of(Instant.parse("2026-03-01T12:00:00.000000001Z")));
        states.save(nanos);
        assertEquals(Optional.of(nanos), states.load());
        List<Map<String, Object>> rows = currentStore().read(tx -> tx.handle()
                .createQuery("SELECT tripped_s, tripped_ns, updated_ms FROM risk_policy_state")
                .mapToMap()
                .list());
        assertEquals(1, rows.size());
        assertEquals(1_772_366_400L, ((Number) rows.get(0).get("tripped_s")).longValue());
        assertEquals(1, ((Number) rows.get(0).get("tripped_ns")).intValue());
        assertEquals(testClock().millis(), ((Number) rows.get(0).get("updated_ms")).longValue());
    }

    @Test
    default void aSaveReplacesTheScopesStateAndKeepsOneRow() {
        RiskStateStore states = currentStore().riskStateStore("sandwich");
        RiskState loss = new RiskState(DAY, ETH, Optional.empty());
        RiskState tripped =
                new RiskState(DAY, ETH.multiply(BigInteger.TWO), Optional.of(Instant.parse("2026-03-01T13:00:00Z")));
        RiskState rearmed = new RiskState(DAY.plusDays(1), BigInteger.ZERO, Optional.empty());
        for (RiskState s : List.of(loss, tripped, rearmed, tripped)) {
            states.save(s);
            assertEquals(Optional.of(s), states.load());
        }
        assertEquals(1, currentStore().rowCounts().get("risk_policy_state"));
        // a second handle on the same scope sees the same row
        assertEquals(
                Optional.of(tripped), currentStore().riskStateStore("sandwich").load());
    }

    @Test
    default void scopesAreIsolated() {
        RiskStateStore sandwich = currentStore().riskStateStore("sandwich");
        RiskStateStore arbitrage = currentStore().riskStateStore("arbitrage");
        RiskState a =
                withSpends(ETH, Optional.of(Instant.parse("2026-03-01T13:00:00Z")), spend("2026-03-01T12:30:00Z", ETH));
        RiskState b = withSpends(
                BigInteger.TEN,
                Optional.empty(),
                spend("2026-03-01T12:31:00Z", BigInteger.ONE),
                spend("2026-03-01T12:32:00Z", BigInteger.TWO));
        sandwich.save(a);
        assertEquals(Optional.empty(), arbitrage.load());
        arbitrage.save(b);
        assertEquals(Optional.of(a), sandwich.load());
        assertEquals(Optional.of(b), arbitrage.load());
        RiskState c = RiskState.fresh(DAY.plusDays(1));
        sandwich.save(c);
        assertEquals(Optional.of(c), sandwich.load());
        assertEquals(Optional.of(b), arbitrage.load());
        // scopes are compared exactly: case and spaces make another scope
        assertEquals(Optional.empty(), currentStore().riskStateStore("Sandwich").load());
        assertEquals(
                Optional.empty(), currentStore().riskStateStore("sandwich ").load());
        assertEquals(2, currentStore().rowCounts().get("risk_policy_state"));
        assertEquals(2, currentStore().rowCounts().get("risk_policy_spends"));
    }

    @Test
    default void badScopesAndUnstorableStatesAreTypedErrorsThatChangeNothing() {
        for (String scope : new String[] {null, "", "   ", "a".repeat(65), "line\nbreak"}) {
            ValidationException e =
                    assertThrows(ValidationException.class, () -> currentStore().riskStateStore(scope));
            assertEquals("scope", e.field());
            assertEquals(scope == null ? "null" : "\"" + scope + "\"", e.value());
        }
        assertEquals(
                Optional.empty(), currentStore().riskStateStore("a".repeat(64)).load());

        RiskStateStore states = currentStore().riskStateStore("sandwich");
        RiskState kept = new RiskState(
                DAY, ETH, Optional.empty(), List.of(new RiskState.Spend(Instant.parse("2026-03-01T12:00:00Z"), ETH)));
        states.save(kept);
        BigInteger tooLarge = Amounts.U256_MAX.add(BigInteger.ONE);
        ValidationException spend = assertThrows(
                ValidationException.class,
                () -> states.save(new RiskState(
                        DAY,
                        ETH,
                        Optional.empty(),
                        List.of(
                                new RiskState.Spend(Instant.parse("2026-03-01T12:00:00Z"), BigInteger.ONE),
                                new RiskState.Spend(Instant.parse("2026-03-01T12:00:01Z"), tooLarge)))));
        assertEquals("recentSpends[1].wei", spend.field());
        assertEquals(tooLarge.toString(), spend.value());
        ValidationException loss = assertThrows(
                ValidationException.class, () -> states.save(new RiskState(DAY, tooLarge, Optional.empty())));
        assertEquals("realizedLoss", loss.field());
        assertEquals(tooLarge.toString(), loss.value());
        LocalDate farAway = LocalDate.of(10_000, 1, 1);
        ValidationException day = assertThrows(ValidationException.class, () -> states.save(RiskState.fresh(farAway)));
        assertEquals("day", day.field());
        assertEquals("+10000-01-01", day.value());
        ValidationException negativeYear =
                assertThrows(ValidationException.class, () -> states.save(RiskState.fresh(LocalDate.of(-1, 12, 31))));
        assertEquals("day", negativeYear.field());
        ValidationException none = assertThrows(ValidationException.class, () -> states.save(null));
        assertEquals("state", none.field());
        assertEquals("null", none.value());
        assertEquals(Optional.of(kept), states.load());
        assertEquals(1, currentStore().rowCounts().get("risk_policy_spends"));
        assertEquals(0, currentStore().rowCounts().get("events"));
    }

    @Test
    default void concurrentSavesLeaveOneSavedStateNeverAMixOfTwo() throws Exception {
        RiskStateStore states = currentStore().riskStateStore("sandwich");
        int writers = 4;
        int savesEach = 25;
        int loads = 100;
        Set<RiskState> saved = new HashSet<>();
        Set<RiskState> lastOfEachWriter = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < savesEach; i++) {
                saved.add(distinct(w * 1000 + i));
            }
            lastOfEachWriter.add(distinct(w * 1000 + savesEach - 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Optional<RiskState>>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < savesEach; i++) {
                        states.save(distinct(writer * 1000 + i));
                    }
                    return List.of();
                }));
            }
            futures.add(pool.submit(() -> {
                start.await();
                List<Optional<RiskState>> seen = new ArrayList<>();
                for (int i = 0; i < loads; i++) {
                    seen.add(states.load());
                }
                return seen;
            }));
            start.countDown();
            List<Optional<RiskState>> seen = new ArrayList<>();
            for (Future<List<Optional<RiskState>>> f : futures) {
                seen.addAll(f.get(2, TimeUnit.MINUTES));
            }
            assertEquals(loads, seen.size());
            for (Optional<RiskState> s : seen) {
                assertTrue(s.isEmpty() || saved.contains(s.get()), "a load saw a state nobody saved: " + s);
            }
            RiskState last = states.load().orElseThrow();
            assertTrue(lastOfEachWriter.contains(last), "the final state is some writer's last save: " + last);
            assertEquals(1, currentStore().rowCounts().get("risk_policy_state"));
            assertEquals(last.recentSpends().size(), currentStore().rowCounts().get("risk_policy_spends"));
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }

    /**
     * A state whose every field, spends included (one to three of them), is derived from {@code k}, so a mix of two
     * saves would be none of them.
     */
    private static RiskState distinct(int k) {
        List<RiskState.Spend> spends = new ArrayList<>();
        for (int j = 0; j <= k % 3; j++) {
            spends.add(new RiskState.Spend(Instant.ofEpochSecond(1_700_000_000L + k, j), BigInteger.valueOf(k + 1)));
        }
        return new RiskState(
                DAY.plusDays(k),
                ETH.multiply(BigInteger.valueOf(k)).add(BigInteger.valueOf(k)),
                k % 2 == 0 ? Optional.empty() : Optional.of(Instant.ofEpochSecond(1_700_000_000L + k, k)),
                spends);
    }

    @Test
    default void aSavedStateSurvivesClosingAndReopeningTheStore() {
        MevStore first = currentStore();
        RiskState s =
                new RiskState(DAY, Amounts.U256_MAX, Optional.of(Instant.parse("2026-03-01T12:34:56.789012345Z")));
        RiskStateStore before = first.riskStateStore("sandwich");
        before.save(s);
        first.close();
        assertThrows(StoreException.class, before::load);
        assertThrows(StoreException.class, () -> before.save(RiskState.fresh(DAY)));
        assertThrows(StoreException.class, () -> first.riskStateStore("sandwich"));

        MevStore second = reopenedStore();
        assertEquals(Optional.of(s), second.riskStateStore("sandwich").load());
        assertEquals(Optional.empty(), second.riskStateStore("arbitrage").load());
    }

    @Test
    default void aBackupCarriesTheStateOfEveryScope() {
        RiskState tripped = new RiskState(DAY, ETH, Optional.of(Instant.parse("2026-03-01T12:34:56.789012345Z")));
        RiskState armed = withSpends(
                Amounts.U256_MAX,
                Optional.empty(),
                spend("2026-03-01T12:34:56.000000001Z", Amounts.U256_MAX),
                spend("2026-03-01T12:34:57Z", BigInteger.ONE));
        currentStore().riskStateStore("sandwich").save(tripped);
        currentStore().riskStateStore("arbitrage").save(armed);
        MevStore restored = backedUpAndRestored();
        assertEquals(Optional.of(tripped), restored.riskStateStore("sandwich").load());
        assertEquals(Optional.of(armed), restored.riskStateStore("arbitrage").load());
        assertEquals(2, restored.rowCounts().get("risk_policy_state"));
        assertEquals(2, restored.rowCounts().get("risk_policy_spends"));
    }

    @Test
    default void aTrippedRiskPolicyStaysTrippedAcrossARestartUntilRearmed() {
        BigInteger limit = ETH.divide(BigInteger.TEN);
        MevStore first = currentStore();
        RiskPolicy policy = policy(first.riskStateStore("sandwich-eth"));
        RiskPolicy other = policy(first.riskStateStore("arb-usdc"));
        assertTrue(policy.check(ok()).approved());
        policy.submitted();
        policy.settled(ETH.divide(BigInteger.valueOf(20)).negate(), BigInteger.TEN.pow(15));
        assertFalse(policy.state().tripped());
        policy.submitted();
        policy.settled(new BigInteger("-50000000000000001"), BigInteger.ZERO);
        BigInteger dayLoss = new BigInteger("100000000000000001");
        RiskDecision tripped = new RiskDecision.Rejected(RiskDecision.Reason.KILL_SWITCH_TRIPPED, dayLoss, limit);
        assertEquals(tripped, policy.check(ok()));
        assertTrue(other.check(ok()).approved(), "another scope's policy is not stopped");
        Instant trippedAt = testClock().instant();
        first.close();

        // restart: a new policy on the reopened store starts tripped, with the day's loss
        MevStore second = reopenedStore();
        RiskPolicy restarted = policy(second.riskStateStore("sandwich-eth"));
        assertEquals(
                new RiskState(
                        DAY,
                        dayLoss,
                        Optional.of(trippedAt),
                        List.of(new RiskState.Spend(trippedAt, BigInteger.TEN.pow(15)))),
                restarted.state());
        assertEquals(tripped, restarted.check(ok()));
        assertTrue(policy(second.riskStateStore("arb-usdc")).check(ok()).approved());

        // a new UTC day starts the loss at zero but leaves the switch tripped; only re-arming lets bundles through
        testClock().advance(Duration.ofDays(1));
        assertEquals(
                new RiskDecision.Rejected(RiskDecision.Reason.KILL_SWITCH_TRIPPED, BigInteger.ZERO, limit),
                restarted.check(ok()));
        restarted.rearm();
        assertTrue(restarted.check(ok()).approved());
        second.close();

        MevStore third = reopenedStore();
        assertEquals(
                Optional.of(RiskState.fresh(DAY.plusDays(1))),
                third.riskStateStore("sandwich-eth").load());
        assertTrue(policy(third.riskStateStore("sandwich-eth")).check(ok()).approved());
        List<StoreEvent> events = third.read(tx -> tx.events().after(0, 100));
        assertEquals(
                List.of(EventKind.RISK_KILL_SWITCH_TRIPPED, EventKind.RISK_KILL_SWITCH_RESET),
                events.stream().map(StoreEvent::kind).toList());
        assertEquals(
                "policyScope=sandwich-eth day=2026-03-01 realizedLoss=100000000000000001"
                        + " trippedAt=2026-03-01T12:00:00Z",
                events.get(0).detail());
        assertEquals(
                "policyScope=sandwich-eth day=2026-03-02 realizedLoss=0 trippedAt=2026-03-01T12:00:00Z",
                events.get(1).detail());
        assertEquals(trippedAt, events.get(0).occurredAt());
    }

    @Test
    default void theHourlySpendLimitHoldsAcrossARestartOfTheStoreAndThePolicy() {
        BigInteger hourly = ETH.divide(BigInteger.valueOf(100));
        BigInteger spent = new BigInteger("9000000000000001");
        MevStore first = currentStore();
        RiskPolicy policy = hourly(first.riskStateStore("sandwich-eth"), hourly);
        assertTrue(policy.check(ok()).approved());
        policy.submitted();
        policy.settled(BigInteger.ZERO, spent);
        Instant spentAt = testClock().instant();
        first.close();

        // a crash loop: restarted every ten minutes, the bot may not spend the hour's limit again
        RiskDecision over = new RiskDecision.Rejected(
                RiskDecision.Reason.HOURLY_SPEND_LIMIT, spent.add(BigInteger.TEN.pow(15)), hourly);
        MevStore store = null;
        for (int restart = 0; restart < 5; restart++) {
            testClock().advance(Duration.ofMinutes(10));
            store = reopenedStore();
            RiskPolicy restarted = hourly(store.riskStateStore("sandwich-eth"), hourly);
            assertEquals(
                    List.of(new RiskState.Spend(spentAt, spent)),
                    restarted.state().recentSpends());
            assertEquals(over, restarted.check(ok()), "restart " + restart);
            assertTrue(
                    hourly(store.riskStateStore("arb-usdc"), hourly).check(ok()).approved(),
                    "another scope's hour is its own");
            store.close();
        }
        // fifty minutes after the spend it still counts; at sixty it has left the window
        testClock().advance(Duration.ofMinutes(9).plusSeconds(59));
        store = reopenedStore();
        RiskPolicy restarted = hourly(store.riskStateStore("sandwich-eth"), hourly);
        assertEquals(over, restarted.check(ok()));
        testClock().advance(Duration.ofSeconds(1));
        assertTrue(restarted.check(ok()).approved());
        // the next save prunes it from the table
        restarted.submitted();
        restarted.settled(BigInteger.ZERO, BigInteger.ONE);
        assertEquals(
                List.of(new RiskState.Spend(testClock().instant(), BigInteger.ONE)),
                store.riskStateStore("sandwich-eth").load().orElseThrow().recentSpends());
        assertEquals(1, store.rowCounts().get("risk_policy_spends"));
        store.close();
    }

    private RiskPolicy hourly(RiskStateStore states, BigInteger maxSpendPerHour) {
        return RiskPolicy.builder()
                .maxDailyLoss(ETH)
                .maxSpendPerHour(maxSpendPerHour)
                .clock(testClock())
                .store(states)
                .build();
    }

    /** A state of {@link RiskValues#DAY} with these spends. */
    private static RiskState withSpends(BigInteger loss, Optional<Instant> trippedAt, RiskState.Spend... spends) {
        return new RiskState(DAY, loss, trippedAt, List.of(spends));
    }

    private static RiskState.Spend spend(String at, BigInteger wei) {
        return new RiskState.Spend(Instant.parse(at), wei);
    }

    private RiskPolicy policy(RiskStateStore states) {
        return RiskPolicy.builder()
                .maxDailyLoss(ETH.divide(BigInteger.TEN))
                .maxBundleLoss(ETH.divide(BigInteger.TEN))
                .clock(testClock())
                .store(states)
                .build();
    }

    private static RiskCheck ok() {
        return new RiskCheck(
                WETH,
                ETH,
                List.of(TOKEN),
                List.of(POOL),
                BigInteger.TEN.pow(10),
                BigInteger.TEN.pow(15),
                BigInteger.TEN.pow(16),
                BigInteger.ZERO,
                OptionalInt.empty());
    }
}
