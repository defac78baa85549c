package io.mevkit.store;

import static io.mevkit.store.Fixtures.CHAIN;
import static io.mevkit.store.Fixtures.POOL;
import static io.mevkit.store.Fixtures.hash;
import static io.mevkit.store.Fixtures.opportunity;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.SignedTx;
import io.mevkit.testing.MutableClock;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The store's behaviour, run unchanged against SQLite ({@code SqliteStoreTest}) and PostgreSQL ({@code
 * PostgresStoreIT}), together with the contracts mixed in ({@link RiskStateStoreContract}). Subclasses say only where
 * the database is.
 */
abstract class StoreContract implements RiskStateStoreContract {
    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path temp;

    final MutableClock clock = new MutableClock(START);
    private final List<MevStore> opened = new ArrayList<>();
    MevStore store;

    /** Points {@code builder} at a new, empty database ({@code fresh}) or at the one the last fresh call made. */
    abstract MevStore.Builder target(MevStore.Builder builder, boolean fresh);

    /** Opens a store holding what {@code backup} holds (a fresh database). */
    abstract MevStore restore(BackupResult backup, MevStore.Builder builder);

    @BeforeEach
    void openStore() {
        store = open(true, b -> b);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(MevStore::close);
    }

    MevStore open(boolean fresh, java.util.function.UnaryOperator<MevStore.Builder> options) {
        MevStore s =
                options.apply(target(MevStore.builder().clock(clock), fresh)).build();
        opened.add(s);
        return s;
    }

    @Override
    public MevStore currentStore() {
        return store;
    }

    @Override
    public MevStore reopenedStore() {
        return open(false, b -> b);
    }

    @Override
    public MutableClock testClock() {
        return clock;
    }

    @Override
    public MevStore backedUpAndRestored() {
        BackupResult backup =
                store.backupTo(temp.resolve("risk-backup" + (store.dialect() == Dialect.SQLITE ? ".db" : "")));
        return track(restore(backup, MevStore.builder().clock(clock)));
    }

    MevStore track(MevStore s) {
        opened.add(s);
        return s;
    }

    Opportunity seeded(long n) {
        return store.inTransaction(tx -> {
            Fixtures.seed(tx);
            return tx.opportunities().record(opportunity(n));
        });
    }

    static Plan plan() {
        return new Plan(
                new BigInteger("5000000000000000000"),
                new BigInteger("12345678901234567"),
                new BigInteger("6300000000000000"),
                new BigInteger("1000000000000000"));
    }

    @Test
    void migratesEveryTableEmpty() {
        Map<String, Long> counts = store.rowCounts();
        assertEquals(16, counts.size(), counts.toString());
        assertTrue(counts.values().stream().allMatch(n -> n == 0), counts.toString());
        assertEquals("5", store.schemaVersion());
        // the quick check of migrate(false) knows the newest migration Flyway found
        assertEquals(io.mevkit.store.internal.Migrations.LATEST, store.schemaVersion());
        assertEquals("5", open(false, b -> b.migrate(false)).schemaVersion());
        StoreException empty = assertThrows(StoreException.class, () -> open(true, b -> b.migrate(false)));
        assertTrue(empty.getMessage().contains("schema history"), empty.getMessage());
    }

    @Test
    void extremeAmountsRoundTripExactly() {
        Opportunity o = seeded(1);
        Plan extreme = new Plan(Amounts.U256_MAX, Amounts.I256_MIN, Amounts.U256_MAX, BigInteger.ZERO);
        store.useTransaction(tx -> tx.opportunities().plan(o.id(), extreme));
        assertEquals(
                extreme,
                store.read(tx -> tx.opportunities().find(o.id()).orElseThrow().plan()));
        assertEquals(
                "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                Amounts.U256_MAX.toString());
        assertEquals(
                "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
                Amounts.I256_MIN.toString());

        Bundle b = store.inTransaction(tx ->
                tx.bundles().recordSigned(new NewBundle(o.id(), hash(900), 10, 12, null, Fixtures.twoSignedTxs())));
        store.useTransaction(tx -> tx.executions()
                .record(new NewExecution(
                        b.id(), ExecutionOutcome.REVERTED, 11L, null, 1, Amounts.U256_MAX, Amounts.I256_MIN)));
        Execution e = store.read(tx -> tx.executions().forBundle(b.id()).orElseThrow());
        assertEquals(Amounts.U256_MAX, e.gasCost());
        assertEquals(Amounts.I256_MIN, e.realizedProfit());
        store.useTransaction(tx -> tx.executions()
                .record(new NewExecution(
                        b.id(), ExecutionOutcome.LANDED, 11L, null, 1, BigInteger.ONE, Amounts.I256_MAX)));
        assertEquals(
                Amounts.I256_MAX,
                store.read(tx -> tx.executions().forBundle(b.id()).orElseThrow().realizedProfit()));
        // the registered jdbi column mapper reads the same exact value in a query of one's own
        assertEquals(Amounts.I256_MAX, store.read(tx -> tx.handle()
                .createQuery("SELECT realized_profit FROM executions")
                .mapTo(BigInteger.class)
                .one()));
    }

    @Test
    void randomAmountsAcrossBothRangesRoundTripExactly() {
        Random random = new Random(256);
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            // every bit length from 0 to 256, with the extremes and their neighbours in between
            BigInteger unsigned = i < 4
                    ? List.of(
                                    BigInteger.ZERO,
                                    BigInteger.ONE,
                                    Amounts.U256_MAX,
                                    Amounts.U256_MAX.subtract(BigInteger.ONE))
                            .get(i)
                    : new BigInteger(random.nextInt(257), random);
            BigInteger signed = i < 4
                    ? List.of(
                                    Amounts.I256_MIN,
                                    Amounts.I256_MAX,
                                    BigInteger.ONE.negate(),
                                    Amounts.I256_MIN.add(BigInteger.ONE))
                            .get(i)
                    : new BigInteger(random.nextInt(256), random)
                            .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            plans.add(new Plan(unsigned, signed, unsigned.shiftRight(random.nextInt(256)), BigInteger.valueOf(i)));
        }
        List<Long> ids = store.inTransaction(tx -> {
            Fixtures.seed(tx);
            List<Long> out = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                Opportunity o = tx.opportunities().record(opportunity(i));
                tx.opportunities().plan(o.id(), plans.get(i));
                out.add(o.id());
            }
            return out;
        });
        List<Plan> read = store.read(tx -> ids.stream()
                .map(id -> tx.opportunities().find(id).orElseThrow().plan())
                .toList());
        assertEquals(plans, read);
    }

    @Test
    void amountsOutOfRangeAreRejectedBeforeWriting() {
        BigInteger twoTo256 = BigInteger.ONE.shiftLeft(256);
        ValidationException tooBig = assertThrows(
                ValidationException.class, () -> new Plan(twoTo256, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE));
        assertEquals("amountIn", tooBig.field());
        assertEquals(twoTo256.toString(), tooBig.value());
        assertTrue(tooBig.getMessage().contains(twoTo256.toString()), tooBig.getMessage());

        ValidationException tooNegative = assertThrows(
                ValidationException.class,
                () -> new Plan(
                        BigInteger.ONE, Amounts.I256_MIN.subtract(BigInteger.ONE), BigInteger.ONE, BigInteger.ONE));
        assertEquals("expectedProfit", tooNegative.field());

        ValidationException negativeUnsigned = assertThrows(
                ValidationException.class,
                () -> new NewExecution(
                        1, ExecutionOutcome.LANDED, 1L, null, 0, BigInteger.valueOf(-1), BigInteger.ONE));
        assertEquals("gasCost", negativeUnsigned.field());
    }

    @Test
    void databaseRejectsAmountsOutOfRangeEvenFromRawSql() {
        Opportunity o = seeded(1);
        for (String bad : List.of(BigInteger.ONE.shiftLeft(256).toString(), "-1")) {
            assertThrows(
                    StoreException.class,
                    () -> store.useTransaction(tx -> tx.handle()
                            .execute("UPDATE opportunities SET amount_in = '" + bad + "' WHERE id = " + o.id())));
        }
        assertThrows(
                StoreException.class,
                () -> store.useTransaction(tx -> tx.handle()
                        .execute("UPDATE opportunities SET expected_profit = '" + BigInteger.ONE.shiftLeft(255)
                                + "' WHERE id = " + o.id())));
        assertNull(
                store.read(tx -> tx.opportunities().find(o.id()).orElseThrow().plan()));
    }

    @Test
    void badHashesAndAddressesAreTypedErrorsNamingFieldAndValue() {
        ValidationException hash =
                assertThrows(ValidationException.class, () -> new NewOpportunity(CHAIN, "0x1234", POOL, "sandwich", 1));
        assertEquals("victimTx", hash.field());
        assertEquals("\"0x1234\"", hash.value());

        String badChecksum = "0xb4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";
        ValidationException address = assertThrows(
                ValidationException.class, () -> new NewOpportunity(CHAIN, hash(1), badChecksum, "sandwich", 1));
        assertEquals("pool", address.field());
        assertTrue(address.getMessage().contains("EIP-55"), address.getMessage());

        ValidationException notHex =
                assertThrows(ValidationException.class, () -> new NewBundle(1, hash(1), 1, 1, null, List.of("0xzz")));
        assertEquals("rawTxs[0]", notHex.field());

        ValidationException blocks =
                assertThrows(ValidationException.class, () -> new NewBundle(1, hash(1), 5, 4, null, List.of("0x01")));
        assertEquals("lastBlock", blocks.field());

        // a valid checksum or a single case is accepted and kept lower-case
        Opportunity o = seeded(1);
        assertEquals(POOL.toLowerCase(Locale.ROOT), o.pool());
        assertEquals(o, store.read(tx -> tx.opportunities()
                .findByKey(
                        CHAIN,
                        o.victimTx().toUpperCase(Locale.ROOT).replace("0X", "0x"),
                        POOL.toUpperCase(Locale.ROOT).replace("0X", "0x"),
                        "sandwich")
                .orElseThrow()));
    }

    @Test
    void failingMultiRowTransactionLeavesNoRows() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> store.useTransaction(tx -> {
                    Fixtures.seed(tx);
                    for (int i = 1; i <= 3; i++) {
                        tx.opportunities().record(opportunity(i));
                    }
                    tx.opportunities().record(new NewOpportunity(CHAIN, "0xnot-a-hash", POOL, "sandwich", 1));
                }));
        assertEquals("victimTx", e.field());
        assertTrue(
                store.rowCounts().values().stream().allMatch(n -> n == 0),
                store.rowCounts().toString());

        // the database's own refusal (a pool that is not stored) rolls back the rows before it too
        String unknownPool = "0x0000000000000000000000000000000000000001";
        assertThrows(
                StoreException.class,
                () -> store.useTransaction(tx -> {
                    Fixtures.seed(tx);
                    tx.opportunities().record(opportunity(1));
                    tx.opportunities().record(new NewOpportunity(CHAIN, hash(2), unknownPool, "sandwich", 1));
                }));
        assertTrue(
                store.rowCounts().values().stream().allMatch(n -> n == 0),
                store.rowCounts().toString());
    }

    @Test
    void upsertsOnUniqueKeysAreIdempotent() {
        Opportunity first = seeded(1);
        Opportunity again = store.inTransaction(tx -> tx.opportunities().record(opportunity(1)));
        assertEquals(first.id(), again.id());
        assertEquals(1L, (long) store.read(tx -> tx.events().count()));

        store.useTransaction(tx -> tx.opportunities().plan(first.id(), plan()));
        NewBundle nb = new NewBundle(first.id(), hash(500), 10, 11, "r-1", Fixtures.twoSignedTxs());
        Bundle b1 = store.inTransaction(tx -> tx.bundles().recordSigned(nb));
        Bundle b2 = store.inTransaction(tx -> tx.bundles().recordSigned(nb));
        assertEquals(b1.id(), b2.id());
        assertEquals(b1.txs(), b2.txs());

        Submission s1 = store.inTransaction(tx -> tx.submissions().recordIntent(b1.id(), "flashbots", 10));
        Submission s2 = store.inTransaction(tx -> tx.submissions().recordIntent(b1.id(), "flashbots", 10));
        assertEquals(s1.id(), s2.id());

        PriceSnapshot p = new PriceSnapshot("ETH", "USD", new BigDecimal("3012.5"), null, START, List.of());
        assertEquals((long) store.inTransaction(tx -> tx.prices().record(p)), (long)
                store.inTransaction(tx -> tx.prices().record(p)));

        store.useTransaction(tx -> tx.tokens().upsert(new Token(CHAIN, Fixtures.WETH, "WETH9", 18, null)));
        assertEquals(
                "WETH9",
                store.read(tx ->
                        tx.tokens().find(CHAIN, Fixtures.WETH).orElseThrow().symbol()));

        // the batch form skips what is stored and records the rest, each new one with its event
        List<Opportunity> batch = store.inTransaction(tx ->
                tx.opportunities().recordAll(List.of(opportunity(1), opportunity(2), opportunity(3), opportunity(2))));
        assertEquals(first.id(), batch.get(0).id());
        assertEquals(batch.get(1).id(), batch.get(3).id());
        Map<String, Long> counts = store.rowCounts();
        assertEquals(3, counts.get("opportunities"));
        assertEquals(1, counts.get("bundles"));
        assertEquals(2, counts.get("bundle_txs"));
        assertEquals(1, counts.get("submissions"));
        assertEquals(1, counts.get("price_snapshots"));
        // SEEN x3, PLANNED, SIGNED, PENDING
        assertEquals(6, counts.get("events"));
    }

    @Test
    void fullLifecycleWritesExactlyTheseEvents() {
        Opportunity o = seeded(42);
        String victim = hash(42);
        String pool = POOL.toLowerCase(Locale.ROOT);
        clock.advance(Duration.ofMillis(5));
        assertTrue(store.claim(o.id(), "bot-a"));
        clock.advance(Duration.ofMillis(5));
        store.useTransaction(tx -> tx.opportunities().plan(o.id(), plan()));
        clock.advance(Duration.ofMillis(5));
        List<String> raw = Fixtures.twoSignedTxs();
        Bundle b = store.inTransaction(
                tx -> tx.bundles().recordSigned(new NewBundle(o.id(), hash(7), 19_000_043, 19_000_044, "uuid-1", raw)));
        assertEquals(Hash.sha3(raw.get(0)), b.txs().get(0).txHash());
        clock.advance(Duration.ofMillis(5));
        // intent first, committed before anything is sent
        Submission fb = store.inTransaction(tx -> tx.submissions().recordIntent(b.id(), "flashbots", 19_000_043));
        Submission bv = store.inTransaction(tx -> tx.submissions().recordIntent(b.id(), "beaverbuild", 19_000_043));
        assertEquals(List.of(fb.id(), bv.id()), store.read(tx -> tx.submissions().pending(10).stream()
                .map(Submission::id)
                .toList()));
        clock.advance(Duration.ofMillis(5));
        store.useTransaction(tx -> tx.submissions()
                .recordOutcome(
                        fb.id(),
                        SubmissionOutcome.accepted("{\"bundleHash\":\"" + hash(7) + "\"}", Duration.ofMillis(42))));
        clock.advance(Duration.ofMillis(5));
        store.useTransaction(tx -> tx.submissions()
                .recordOutcome(bv.id(), SubmissionOutcome.rejected("nonce too low", Duration.ofMillis(17))));
        clock.advance(Duration.ofMillis(5));
        BigInteger gasCost = new BigInteger("6300000000000000");
        BigInteger profit = new BigInteger("-2100000000000000");
        store.useTransaction(tx -> tx.executions()
                .record(new NewExecution(
                        b.id(),
                        ExecutionOutcome.LANDED,
                        19_000_043L,
                        b.txs().get(1).txHash(),
                        180_000,
                        gasCost,
                        profit)));

        long t0 = START.toEpochMilli();
        String landed = "bundleId=" + b.id() + " block=19000043 txHash="
                + b.txs().get(1).txHash() + " gasUsed=180000 gasCost=6300000000000000 realizedProfit=-2100000000000000";
        String sent = "builder=flashbots block=19000043 submissionId=" + fb.id();
        List<String> expected = List.of(
                t0 + " OPPORTUNITY " + o.id() + " OPPORTUNITY_SEEN chain=1 victimTx=" + victim + " pool=" + pool
                        + " strategy=sandwich block=19000042",
                (t0 + 5) + " OPPORTUNITY " + o.id() + " OPPORTUNITY_CLAIMED instance=bot-a",
                (t0 + 10) + " OPPORTUNITY " + o.id() + " OPPORTUNITY_PLANNED amountIn=5000000000000000000"
                        + " expectedProfit=12345678901234567 gasCost=6300000000000000 bribe=1000000000000000",
                (t0 + 15) + " BUNDLE " + b.id() + " BUNDLE_SIGNED bundleHash=" + hash(7)
                        + " blocks=19000043..19000044 txs=2 replacementUuid=uuid-1",
                (t0 + 20) + " SUBMISSION " + fb.id() + " SUBMISSION_PENDING builder=flashbots block=19000043 bundleId="
                        + b.id(),
                (t0 + 20) + " SUBMISSION " + bv.id()
                        + " SUBMISSION_PENDING builder=beaverbuild block=19000043 bundleId=" + b.id(),
                (t0 + 25) + " SUBMISSION " + fb.id()
                        + " SUBMISSION_ACCEPTED builder=flashbots block=19000043 latencyMs=42",
                (t0 + 25) + " BUNDLE " + b.id() + " BUNDLE_SUBMITTED " + sent,
                (t0 + 25) + " OPPORTUNITY " + o.id() + " OPPORTUNITY_SUBMITTED " + sent,
                (t0 + 30) + " SUBMISSION " + bv.id()
                        + " SUBMISSION_REJECTED builder=beaverbuild block=19000043 latencyMs=17 response=nonce too low",
                (t0 + 35) + " BUNDLE " + b.id() + " BUNDLE_LANDED " + landed,
                (t0 + 35) + " OPPORTUNITY " + o.id() + " OPPORTUNITY_LANDED " + landed);
        List<StoreEvent> events = store.read(tx -> tx.events().forOpportunity(o.id()));
        assertEquals(
                expected,
                events.stream()
                        .map(e -> e.occurredAt().toEpochMilli() + " " + e.entity() + " " + e.entityId() + " " + e.kind()
                                + " " + e.detail())
                        .toList());
        assertTrue(events.stream().allMatch(e -> e.opportunityId() == o.id()));
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id());
        }

        Opportunity done = store.read(tx -> tx.opportunities().find(o.id()).orElseThrow());
        assertEquals(OpportunityStatus.LANDED, done.status());
        assertEquals("bot-a", done.claimedBy());
        assertEquals(
                BundleStatus.LANDED,
                store.read(tx -> tx.bundles().find(b.id()).orElseThrow().status()));
        assertEquals(List.of(), store.read(tx -> tx.submissions().pending(10)));
        Submission rejected = store.read(tx -> tx.submissions().find(bv.id()).orElseThrow());
        assertEquals(SubmissionStatus.REJECTED, rejected.status());
        assertEquals("nonce too low", rejected.response());
        assertEquals(Duration.ofMillis(17), rejected.latency());
        for (BundleTx t : b.txs()) {
            assertEquals(List.of(b.id()), store.read(tx -> tx.bundles().byTxHash(t.txHash()).stream()
                    .map(Bundle::id)
                    .toList()));
        }
        assertEquals(
                b.txs(),
                store.read(tx -> tx.bundles().find(b.id()).orElseThrow().txs()));
        assertEquals(List.of(o.id()), store.read(tx -> tx.opportunities().byVictimTx(victim).stream()
                .map(Opportunity::id)
                .toList()));
        assertEquals(profit, store.read(tx -> tx.executions().realizedProfitSince(START)));

        // a reorg turns the landing into a miss: recorded again, with its events
        store.useTransaction(tx -> tx.executions()
                .record(new NewExecution(
                        b.id(), ExecutionOutcome.MISSED, null, null, 0, BigInteger.ZERO, BigInteger.ZERO)));
        assertEquals(
                List.of(EventKind.BUNDLE_MISSED, EventKind.OPPORTUNITY_MISSED),
                store.read(tx -> tx.events().forOpportunity(o.id())).stream()
                        .skip(expected.size())
                        .map(StoreEvent::kind)
                        .toList());
        assertEquals(1, store.rowCounts().get("executions"));
    }

    @Test
    void illegalTransitionsAreRefusedAndWriteNothing() {
        Opportunity o = seeded(1);
        Opportunity skipped = store.inTransaction(tx -> tx.opportunities().skip(o.id(), "profit below gas"));
        assertEquals(OpportunityStatus.SKIPPED, skipped.status());
        assertEquals("profit below gas", skipped.skipReason());
        long events = store.read(tx -> tx.events().count());

        StateTransitionException e = assertThrows(
                StateTransitionException.class,
                () -> store.useTransaction(tx -> tx.opportunities().plan(o.id(), plan())));
        assertEquals("SKIPPED", e.from());
        assertEquals("PLANNED", e.to());
        assertThrows(
                StateTransitionException.class,
                () -> store.useTransaction(tx -> tx.bundles()
                        .recordSigned(new NewBundle(o.id(), hash(3), 1, 1, null, Fixtures.twoSignedTxs()))));
        assertThrows(
                NotFoundException.class,
                () -> store.useTransaction(tx -> tx.opportunities().skip(999_999, "x")));
        assertEquals(events, (long) store.read(tx -> tx.events().count()));
        assertEquals(0, store.rowCounts().get("bundles"));

        Opportunity p = seeded(2);
        store.useTransaction(tx -> tx.opportunities().plan(p.id(), plan()));
        Bundle b = store.inTransaction(
                tx -> tx.bundles().recordSigned(new NewBundle(p.id(), hash(4), 5, 6, null, Fixtures.twoSignedTxs())));
        Submission s = store.inTransaction(tx -> tx.submissions().recordIntent(b.id(), "titan", 5));
        store.useTransaction(
                tx -> tx.submissions().recordOutcome(s.id(), SubmissionOutcome.rejected("no", Duration.ZERO)));
        assertThrows(
                StateTransitionException.class,
                () -> store.useTransaction(tx ->
                        tx.submissions().recordOutcome(s.id(), SubmissionOutcome.accepted("yes", Duration.ZERO))));
        ValidationException outside = assertThrows(
                ValidationException.class,
                () -> store.useTransaction(tx -> tx.submissions().recordIntent(b.id(), "titan", 7)));
        assertEquals("targetBlock", outside.field());
        ValidationException otherOpportunity = assertThrows(
                ValidationException.class,
                () -> store.useTransaction(tx -> tx.bundles()
                        .recordSigned(new NewBundle(o.id(), hash(4), 5, 6, null, Fixtures.twoSignedTxs()))));
        assertEquals("bundleHash", otherOpportunity.field());
    }

    @Test
    void claimHasOneWinnerAndOneEvent() {
        Opportunity o = seeded(1);
        assertTrue(store.claim(o.id(), "bot-a"));
        assertFalse(store.claim(o.id(), "bot-b"));
        assertTrue(store.claim(o.id(), "bot-a"));
        assertEquals(
                1,
                store.read(tx -> tx.events().forOpportunity(o.id())).stream()
                        .filter(e -> e.kind() == EventKind.OPPORTUNITY_CLAIMED)
                        .count());
        assertThrows(NotFoundException.class, () -> store.claim(12345, "bot-a"));
        ValidationException blank = assertThrows(ValidationException.class, () -> store.claim(o.id(), " "));
        assertEquals("instance", blank.field());
    }

    @Test
    void concurrentClaimersFromSeveralInstancesHaveOneWinnerEach() throws Exception {
        int opportunities = 40;
        int claimers = 8;
        List<Long> ids = store.inTransaction(tx -> {
            Fixtures.seed(tx);
            List<Long> list = new ArrayList<>();
            for (int i = 0; i < opportunities; i++) {
                list.add(tx.opportunities().record(opportunity(i)).id());
            }
            return list;
        });
        List<MevStore> instances = new ArrayList<>();
        for (int i = 0; i < claimers; i++) {
            instances.add(open(false, b -> b));
        }
        Map<Long, List<String>> winners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < claimers; c++) {
                MevStore instance = instances.get(c);
                String name = "bot-" + c;
                List<Long> order = new ArrayList<>(ids);
                Collections.shuffle(order, new Random(c));
                done.add(pool.submit(() -> {
                    go.await();
                    for (long id : order) {
                        if (instance.claim(id, name)) {
                            winners.computeIfAbsent(id, k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(name);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(opportunities, winners.size());
        for (long id : ids) {
            List<String> won = winners.get(id);
            assertEquals(1, won.size(), "winners of " + id + ": " + won);
            assertEquals(
                    won.get(0),
                    store.read(tx -> tx.opportunities().find(id).orElseThrow().claimedBy()));
        }
        assertEquals(
                opportunities,
                store.read(tx -> tx.events().after(0, 10_000)).stream()
                        .filter(e -> e.kind() == EventKind.OPPORTUNITY_CLAIMED)
                        .count());
    }

    @Test
    void eventsCannotBeUpdatedOrDeleted() {
        Opportunity o = seeded(1);
        StoreEvent before = store.read(tx -> tx.events().forOpportunity(o.id())).get(0);
        assertThrows(
                StoreException.class,
                () -> store.useTransaction(
                        tx -> tx.handle().execute("UPDATE events SET detail = 'rewritten' WHERE id = " + before.id())));
        assertThrows(
                StoreException.class,
                () -> store.useTransaction(tx -> tx.handle().execute("DELETE FROM events WHERE id = " + before.id())));
        assertEquals(List.of(before), store.read(tx -> tx.events().forOpportunity(o.id())));
    }

    @Test
    void archivingMovesOldRowsInBatchesAndKeepsTotals() {
        MevStore small = open(true, b -> b.archiveBatchSize(3));
        small.useTransaction(Fixtures::seed);
        for (int i = 0; i < 10; i++) {
            long n = i;
            small.useTransaction(tx -> {
                tx.opportunities().record(opportunity(n));
                tx.prices()
                        .record(new PriceSnapshot(
                                "ETH",
                                "USD",
                                new BigDecimal("3000." + n),
                                null,
                                clock.instant(),
                                List.of(
                                        new SourceQuote(
                                                "chainlink",
                                                new BigDecimal("3000.1"),
                                                null,
                                                clock.instant(),
                                                true,
                                                null),
                                        new SourceQuote(
                                                "pyth",
                                                new BigDecimal("2999.9"),
                                                new BigDecimal("0.5"),
                                                clock.instant(),
                                                true,
                                                null))));
            });
            clock.advance(Duration.ofDays(1));
        }
        Map<String, Long> before = small.rowCounts();
        // the first 7 days are older than 3 days: 7 events, 7 snapshots, 14 quotes move
        ArchiveResult result = small.archive(Duration.ofDays(3));
        assertEquals(7, result.moved().get("events"));
        assertEquals(7, result.moved().get("price_snapshots"));
        assertEquals(14, result.moved().get("price_quotes"));
        assertEquals(3 + 3, result.batches());
        Map<String, Long> after = small.rowCounts();
        for (String table : List.of("events", "price_snapshots", "price_quotes")) {
            assertEquals(before.get(table), after.get(table) + after.get(table + "_archive"), table);
        }
        assertEquals(3, after.get("events"));
        assertEquals(before.get("opportunities"), after.get("opportunities"));
        assertEquals(0, small.archive(Duration.ofDays(3)).total());
        assertEquals(after, small.rowCounts());
        // archived events stay append-only
        assertThrows(
                StoreException.class,
                () -> small.useTransaction(tx -> tx.handle().execute("DELETE FROM events_archive")));
        assertThrows(
                StoreException.class,
                () -> small.useTransaction(tx -> tx.handle().execute("UPDATE events_archive SET detail = ''")));
        assertEquals(7, small.rowCounts().get("events_archive"));
        assertEquals(
                new BigDecimal("3000.9"),
                small.read(tx -> tx.prices().latest("ETH", "USD").orElseThrow().price()));
    }

    @Test
    void pricesKeepEveryDigitAndTheirProvenance() {
        Instant at = clock.instant();
        PriceSnapshot snapshot = new PriceSnapshot(
                "WETH",
                "USD",
                new BigDecimal("3012.123456789012345678901234567890"),
                new BigDecimal("0.000000000000000001"),
                at,
                List.of(
                        new SourceQuote("chainlink", new BigDecimal("3012.12"), null, at.minusSeconds(30), true, null),
                        new SourceQuote(
                                "coingecko",
                                new BigDecimal("3100.00"),
                                null,
                                at.minusSeconds(5),
                                false,
                                "outlier: 2.9% from the median")));
        store.useTransaction(tx -> tx.prices().record(snapshot));
        clock.advance(Duration.ofSeconds(1));
        PriceSnapshot newer =
                new PriceSnapshot("WETH", "USD", new BigDecimal("3013"), null, clock.instant(), List.of());
        store.useTransaction(tx -> tx.prices().record(newer));
        assertEquals(newer, store.read(tx -> tx.prices().latest("WETH", "USD").orElseThrow()));
        assertEquals(List.of(newer, snapshot), store.read(tx -> tx.prices().history("WETH", "USD", 5)));
        ValidationException reason = assertThrows(
                ValidationException.class, () -> new SourceQuote("pyth", BigDecimal.ONE, null, at, false, null));
        assertEquals("exclusionReason", reason.field());
    }

    @Test
    void riskKillSwitchTripsAtTheLimitAndStays() {
        LocalDate day = LocalDate.of(2026, 3, 1);
        BigInteger limit = new BigInteger("1000000000000000000");
        BigInteger loss = new BigInteger("-300000000000000001");
        RiskState s1 = store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, loss, limit));
        assertFalse(s1.killed());
        store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, new BigInteger("200000000000000000"), limit));
        store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, loss, limit));
        assertFalse((boolean) store.read(tx -> tx.risk().killed("sandwich", day)));
        RiskState tripped = store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, loss, limit));
        // -0.3..01 + 0.2 - 0.3..01 - 0.3..01 = -0.700000000000000003: not yet; one more loss crosses the limit
        assertFalse(tripped.killed());
        assertEquals(new BigInteger("-700000000000000003"), tripped.realizedPnl());
        RiskState crossed = store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, loss, limit));
        assertTrue(crossed.killed());
        assertEquals(new BigInteger("-1000000000000000004"), crossed.realizedPnl());
        store.inTransaction(tx -> tx.risk().recordPnl("sandwich", day, new BigInteger("5000000000000000000"), limit));
        assertTrue((boolean) store.read(tx -> tx.risk().killed("sandwich", day)));
        assertFalse((boolean) store.read(tx -> tx.risk().killed("sandwich", day.plusDays(1))));
        RiskState reset = store.inTransaction(tx -> tx.risk().reset("sandwich", day, "operator reviewed the losses"));
        assertFalse(reset.killed());
        List<StoreEvent> events = store.read(tx -> tx.events().after(0, 100));
        assertEquals(
                List.of(EventKind.RISK_KILL_SWITCH_TRIPPED, EventKind.RISK_KILL_SWITCH_RESET),
                events.stream().map(StoreEvent::kind).toList());
        assertEquals(
                "scope=sandwich day=2026-03-01 realizedPnl=-1000000000000000004 lossLimit=1000000000000000000",
                events.get(0).detail());
        assertNull(events.get(0).entityId());
    }

    @Test
    void readPathSeesCommittedRowsAndRefusesWrites() {
        Opportunity o = seeded(1);
        assertEquals(o, store.read(tx -> tx.opportunities().find(o.id()).orElseThrow()));
        assertThrows(
                StoreException.class, () -> store.read(tx -> tx.opportunities().record(opportunity(2))));
        assertEquals(1, store.rowCounts().get("opportunities"));
    }

    @Test
    void noSecretEndsUpInAnyRow() {
        // what a searcher holds while recording a full lifecycle: its signing key and its relay auth header
        Credentials searcher = Credentials.create(Fixtures.SEARCHER_KEY);
        String body = "{\"method\":\"eth_sendBundle\"}";
        Sign.SignatureData sig = Sign.signPrefixedMessage(
                Hash.sha3String(body).getBytes(java.nio.charset.StandardCharsets.UTF_8), searcher.getEcKeyPair());
        String authHeader = searcher.getAddress() + ":" + Numeric.toHexString(sig.getR())
                + Numeric.cleanHexPrefix(Numeric.toHexString(sig.getS()));
        Opportunity o = seeded(1);
        store.useTransaction(tx -> tx.opportunities().plan(o.id(), plan()));
        Bundle b = store.inTransaction(
                tx -> tx.bundles().recordSigned(new NewBundle(o.id(), hash(2), 10, 10, null, Fixtures.twoSignedTxs())));
        Submission s = store.inTransaction(tx -> tx.submissions().recordIntent(b.id(), "flashbots", 10));
        store.useTransaction(tx -> tx.submissions()
                .recordOutcome(
                        s.id(),
                        SubmissionOutcome.accepted("{\"bundleHash\":\"" + hash(2) + "\"}", Duration.ofMillis(30))));
        store.useTransaction(tx -> tx.executions()
                .record(new NewExecution(
                        b.id(), ExecutionOutcome.LANDED, 10L, null, 1, BigInteger.ONE, BigInteger.ONE)));

        String key = Numeric.cleanHexPrefix(Fixtures.SEARCHER_KEY).toLowerCase(Locale.ROOT);
        String signature = authHeader.substring(authHeader.indexOf(':') + 3).toLowerCase(Locale.ROOT);
        List<String> cells = store.read(tx -> {
            List<String> all = new ArrayList<>();
            for (String table : store.rowCounts().keySet()) {
                tx.handle()
                        .createQuery("SELECT * FROM " + table)
                        .map((rs, ctx) -> {
                            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                                all.add(String.valueOf(rs.getObject(c)).toLowerCase(Locale.ROOT));
                            }
                            return 0;
                        })
                        .list();
            }
            return all;
        });
        assertTrue(cells.size() > 50, "scanned " + cells.size() + " cells");
        assertTrue(cells.stream()
                .anyMatch(c -> c.contains(Numeric.cleanHexPrefix(b.txs().get(0).rawTx()))));
        assertTrue(cells.stream().noneMatch(c -> c.contains(key)), "the private key is stored somewhere");
        assertTrue(cells.stream().noneMatch(c -> c.contains(signature)), "the auth signature is stored somewhere");
    }

    @Test
    void backupTakenDuringWritesRestoresWithTheCountsOfItsSnapshot() throws Exception {
        store.useTransaction(Fixtures::seed);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                long base = 1_000_000L * (w + 1);
                running.add(writers.submit(() -> {
                    for (long i = 0; i < 5_000 && !stop.get(); i++) {
                        long n = base + i;
                        store.useTransaction(tx -> {
                            Opportunity o = tx.opportunities().record(opportunity(n));
                            tx.opportunities().skip(o.id(), "test load");
                        });
                        written.incrementAndGet();
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written.get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            BackupResult backup =
                    store.backupTo(temp.resolve("during-writes" + (store.dialect() == Dialect.SQLITE ? ".db" : "")));
            long afterBackup = written.get();
            while (written.get() < afterBackup + 50 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            long opportunities = backup.counts().get("opportunities");
            assertTrue(opportunities >= 50, backup.counts().toString());
            assertEquals(2 * opportunities, backup.counts().get("events"));
            assertTrue(store.rowCounts().get("opportunities") > opportunities, "writes went on during the backup");

            MevStore restored = track(restore(backup, MevStore.builder().clock(clock)));
            assertEquals(backup.counts(), restored.rowCounts());
            assertEquals(List.of(), restored.integrityProblems());
            // the restored store works: ids continue after the restored ones
            Opportunity next = restored.inTransaction(tx -> tx.opportunities().record(opportunity(7)));
            assertTrue(next.id() > opportunities);
        } finally {
            stop.set(true);
            writers.shutdownNow();
        }
    }

    @Test
    void scheduledBackupsKeepTheNewestAndVerifyTheLatest() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        Path dir = temp.resolve("backups");
        MevStore s = open(true, b -> b.backups(BackupPolicy.builder(dir)
                        .interval(Duration.ofMinutes(10))
                        .retain(2)
                        .verifyInterval(Duration.ofMinutes(5))
                        .build())
                .scheduler(scheduler));
        assertEquals(BackupStatus.State.NONE, s.backupStatus().state());
        assertEquals(
                io.mevkit.core.health.Health.Status.UP, s.healthCheck().check().status());
        assertEquals(2, scheduler.tasks.size());
        ManualScheduler.Task backupTask = scheduler.tasks.get(0);
        ManualScheduler.Task verifyTask = scheduler.tasks.get(1);
        assertEquals(600_000, backupTask.periodMillis);
        assertEquals(300_000, verifyTask.periodMillis);

        s.useTransaction(Fixtures::seed);
        for (int i = 0; i < 4; i++) {
            long n = i;
            s.useTransaction(tx -> tx.opportunities().record(opportunity(n)));
            backupTask.runOnce();
            clock.advance(Duration.ofMinutes(10));
        }
        List<Path> kept = io.mevkit.store.internal.BackupManager.list(dir);
        assertEquals(2, kept.size(), kept.toString());
        assertEquals(BackupStatus.State.TAKEN, s.backupStatus().state());
        assertEquals(kept.get(1), s.backupStatus().latest());
        assertEquals(4, s.backupStatus().counts().get("opportunities"));
        assertEquals(4, s.backupStatus().taken());

        verifyTask.runOnce();
        BackupStatus verified = s.backupStatus();
        assertEquals(BackupStatus.State.VERIFIED, verified.state(), String.valueOf(verified.problem()));
        assertEquals(clock.instant(), verified.verifiedAt());
        assertTrue(verified.healthy());

        // a damaged latest backup is caught by the next verification, and the schedule goes on
        damage(kept.get(1));
        verifyTask.runOnce();
        BackupStatus failed = s.backupStatus();
        assertEquals(BackupStatus.State.FAILED, failed.state());
        assertFalse(failed.healthy());
        assertTrue(failed.problem() != null
                && failed.problem().contains(kept.get(1).getFileName().toString()));
        assertEquals(1, failed.failures());

        io.mevkit.core.health.Health health = s.healthCheck().check();
        assertEquals(io.mevkit.core.health.Health.Status.DEGRADED, health.status());
        assertEquals("FAILED", health.details().get("backup.state"));
        assertEquals("1", health.details().get("backup.failures"));
        assertEquals(kept.get(1).getFileName().toString(), health.details().get("backup.latest"));
        backupTask.runOnce();
        verifyTask.runOnce();
        assertEquals(
                io.mevkit.core.health.Health.Status.UP, s.healthCheck().check().status());

        s.close();
        assertTrue(backupTask.isCancelled() && verifyTask.isCancelled());
        assertEquals(
                io.mevkit.core.health.Health.Status.DOWN,
                s.healthCheck().check().status());
    }

    /** Damages a backup so that verification must fail. */
    abstract void damage(Path backup) throws Exception;

    @Test
    void slowQueriesAreCountedAboveTheThresholdOnly() {
        MevStore everything = open(false, b -> b.slowQueryThreshold(Duration.ZERO));
        everything.read(tx -> tx.events().count());
        everything.read(tx -> tx.opportunities().find(1));
        assertEquals(2, everything.slowQueries());
        MevStore nothing = open(false, b -> b.slowQueryThreshold(Duration.ofHours(1)));
        nothing.read(tx -> tx.events().count());
        nothing.read(tx -> tx.opportunities().find(1));
        assertEquals(0, nothing.slowQueries());
    }

    @Test
    void refusesToOpenASchemaNewerThanTheCode() {
        store.useTransaction(tx -> tx.handle()
                .execute("INSERT INTO mevkit_schema_history (installed_rank, version, description, type, script,"
                        + " checksum, installed_by, execution_time, success)"
                        + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 0, "
                        + (store.dialect() == Dialect.SQLITE ? "1" : "true") + ")"));
        StoreException e = assertThrows(StoreException.class, () -> open(false, b -> b));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        StoreException quick = assertThrows(StoreException.class, () -> open(false, b -> b.migrate(false)));
        assertTrue(quick.getMessage().contains("newer"), quick.getMessage());
    }

    @Test
    void builderRejectsBadOptionsNamingThem() {
        assertEquals(
                "busyTimeout",
                assertThrows(ValidationException.class, () -> MevStore.builder().busyTimeout(Duration.ZERO))
                        .field());
        assertEquals(
                "busyRetries",
                assertThrows(ValidationException.class, () -> MevStore.builder().busyRetries(101))
                        .field());
        assertEquals(
                "meterRegistry",
                assertThrows(ValidationException.class, () -> MevStore.builder().meterRegistry(null))
                        .field());
        assertEquals(
                "archiveBatchSize",
                assertThrows(ValidationException.class, () -> MevStore.builder().archiveBatchSize(0))
                        .field());
        assertEquals(
                "database",
                assertThrows(ValidationException.class, () -> MevStore.builder().build())
                        .field());
        assertEquals(
                "retain",
                assertThrows(ValidationException.class, () -> BackupPolicy.builder(temp)
                                .retain(0))
                        .field());
        assertEquals(
                "scheduler",
                assertThrows(ValidationException.class, () -> target(MevStore.builder(), false)
                                .scheduler(new ManualScheduler())
                                .build())
                        .field());
        assertThrows(StoreException.class, () -> store.backup());
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThrows(StoreException.class, () -> store.rowCounts());
        assertThrows(StoreException.class, () -> store.useTransaction(Fixtures::seed));
        store.close();
    }

    @Test
    void corePlansAndBundlesRoundTripToTheWei() {
        CoreFixtures.V2 v2 = CoreFixtures.v2Plan();
        CoreFixtures.V3 v3 = CoreFixtures.v3Plan();
        io.mevkit.core.Hash victimV2 = io.mevkit.core.Hash.of(hash(71));
        io.mevkit.core.Hash victimV3 = io.mevkit.core.Hash.of(hash(72));
        SignedTx front = CoreFixtures.signed(7);
        SignedTx back = CoreFixtures.signed(8);
        io.mevkit.core.bundle.Bundle coreBundle = io.mevkit.core.bundle.Bundle.of(List.of(front, back))
                .blockNumber(19_000_001)
                .replacementUuid("6f9619ff-8b86-d011-b42d-00cf4fc964ff")
                .build();
        long[] ids = store.inTransaction(tx -> {
            CoreFixtures.seed(tx, v2.pool(), v3.pool());
            Opportunity a = tx.opportunities().record(CoreMapping.opportunity(CHAIN, victimV2, v2.plan(), 19_000_000));
            Opportunity b = tx.opportunities().record(CoreMapping.opportunity(CHAIN, victimV3, v3.plan(), 19_000_000));
            tx.opportunities().plan(a.id(), CoreMapping.plan(v2.plan()));
            tx.opportunities().plan(b.id(), CoreMapping.plan(v3.plan()));
            Bundle stored = tx.bundles().recordSigned(CoreMapping.bundle(a.id(), coreBundle, 19_000_003));
            return new long[] {a.id(), b.id(), stored.id()};
        });
        store.read(tx -> {
            Opportunity a = tx.opportunities().find(ids[0]).orElseThrow();
            assertEquals(victimV2.hex(), a.victimTx());
            assertEquals(v2.plan().pool().address().hex(), a.pool());
            assertEquals(CoreMapping.SANDWICH_V2, a.strategy());
            Plan p2 = a.plan();
            assertEquals(v2.plan().frontRunIn(), p2.amountIn());
            assertEquals(v2.plan().netProfitWei(), p2.expectedProfit());
            assertEquals(v2.plan().gasCost(), p2.gasCost());
            assertEquals(v2.plan().builderPayment(), p2.bribe());
            Opportunity b = tx.opportunities().find(ids[1]).orElseThrow();
            assertEquals(CoreMapping.SANDWICH_V3, b.strategy());
            assertEquals(CoreFixtures.V3_POOL.hex(), b.pool());
            Plan p3 = b.plan();
            assertEquals(v3.plan().frontRunIn(), p3.amountIn());
            assertEquals(v3.plan().netProfitWei(), p3.expectedProfit());
            assertEquals(v3.plan().gasCost(), p3.gasCost());
            assertEquals(v3.plan().builderPayment(), p3.bribe());
            Bundle stored = tx.bundles().find(ids[2]).orElseThrow();
            assertEquals(coreBundle.bundleHash().hex(), stored.bundleHash());
            assertEquals(19_000_001, stored.firstBlock());
            assertEquals(19_000_003, stored.lastBlock());
            assertEquals(List.of(CoreMapping.bundleTx(front), CoreMapping.bundleTx(back)), stored.txs());
            assertEquals(coreBundle, CoreMapping.toCore(stored));
            assertEquals(coreBundle.bundleHash(), CoreMapping.toCore(stored).bundleHash());
            return null;
        });
        // the sizer's numbers are not trivial: a wei-level slip would show
        assertTrue(v2.plan().frontRunIn().bitLength() > 60
                && v3.plan().frontRunIn().bitLength() > 60);
        assertTrue(v2.plan().netProfitWei().signum() > 0
                && v3.plan().netProfitWei().signum() != 0);
        ValidationException noBlock = assertThrows(
                ValidationException.class,
                () -> CoreMapping.bundle(
                        ids[0], io.mevkit.core.bundle.Bundle.of(List.of(front)).build()));
        assertEquals("bundle.blockNumber", noBlock.field());
    }

    @Test
    void metersCountTransactionsFailuresAndTheirLatency() {
        MockClock ticks = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, ticks);
        MevStore metered = open(true, b -> b.meterRegistry(registry));
        metered.useTransaction(tx -> {
            Fixtures.seed(tx);
            ticks.add(Duration.ofMillis(7));
            // a nested call joins the outer transaction and is not counted on its own
            metered.useTransaction(inner -> inner.opportunities().record(opportunity(1)));
        });
        IllegalStateException boom = new IllegalStateException("boom");
        assertEquals(
                boom,
                assertThrows(
                        IllegalStateException.class,
                        () -> metered.useTransaction(tx -> {
                            tx.opportunities().record(opportunity(2));
                            ticks.add(Duration.ofMillis(3));
                            throw boom;
                        })));
        assertEquals(
                1,
                metered.read(tx -> tx.opportunities().byStatus(OpportunityStatus.SEEN, 10))
                        .size());
        String dialect = metered.dialect().name().toLowerCase(Locale.ROOT);
        assertEquals(
                2.0,
                registry.get("mevkit.store.transactions")
                        .tags("dialect", dialect, "kind", "write")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get("mevkit.store.transaction.failures")
                        .tags("kind", "write")
                        .counter()
                        .count());
        assertEquals(
                1.0,
                registry.get("mevkit.store.transactions")
                        .tags("kind", "read")
                        .counter()
                        .count());
        assertEquals(
                0.0,
                registry.get("mevkit.store.transaction.failures")
                        .tags("kind", "read")
                        .counter()
                        .count());
        assertEquals(0.0, registry.get("mevkit.store.busy.retries").counter().count());
        var writes = registry.get("mevkit.store.transaction.latency")
                .tags("kind", "write")
                .timer();
        assertEquals(2, writes.count());
        assertEquals(10.0, writes.totalTime(TimeUnit.MILLISECONDS));
        assertEquals(7.0, writes.max(TimeUnit.MILLISECONDS));
        // registered up front: transactions, failures and latency per kind, and busy retries
        assertEquals(7, registry.getMeters().size());
    }

    static void truncate(Path file, long size) throws Exception {
        try (var channel = Files.newByteChannel(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
