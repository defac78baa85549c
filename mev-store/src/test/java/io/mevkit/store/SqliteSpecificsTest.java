package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only SQLite has: pragmas, the single writer with BEGIN IMMEDIATE, text amounts, file backups. */
class SqliteSpecificsTest {
    @TempDir
    Path temp;

    private MevStore open(String name, Synchronous synchronous) {
        return MevStore.builder()
                .sqlite(temp.resolve(name))
                .synchronous(synchronous)
                .build();
    }

    private static String pragma(MevStore store, String name) {
        return store.inTransaction(tx ->
                tx.handle().createQuery("PRAGMA " + name).mapTo(String.class).one());
    }

    @Test
    void writeConnectionUsesWalBusyTimeoutForeignKeysAndTheChosenSynchronous() {
        try (MevStore normal = open("normal.db", Synchronous.NORMAL);
                MevStore full = open("full.db", Synchronous.FULL)) {
            assertEquals("wal", pragma(normal, "journal_mode"));
            assertEquals("1", pragma(normal, "synchronous"));
            assertEquals("2", pragma(full, "synchronous"));
            assertEquals("1", pragma(normal, "foreign_keys"));
            assertEquals("5000", pragma(normal, "busy_timeout"));
            // reads run on their own read-only connections
            assertEquals("1", readOnlyFlag(normal));
            assertEquals("0", normal.inTransaction(tx -> {
                try {
                    return tx.handle().getConnection().isReadOnly() ? "1" : "0";
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
    }

    private static String readOnlyFlag(MevStore store) {
        return store.read(tx -> {
            try {
                return tx.handle().getConnection().isReadOnly() ? "1" : "0";
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void writeTransactionsBeginImmediateSoAnotherWriterWaitsInsteadOfFailingLater() throws Exception {
        Path file = temp.resolve("immediate.db");
        try (MevStore store = MevStore.builder().sqlite(file).build();
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
            }
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> holder = pool.submit(() -> store.useTransaction(tx -> {
                    // a transaction that has only read: under BEGIN DEFERRED it would hold no write lock yet
                    tx.events().count();
                    inside.countDown();
                    try {
                        assertTrue(release.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                assertTrue(inside.await(30, TimeUnit.SECONDS));
                SQLException busy = assertThrows(SQLException.class, () -> {
                    try (Statement s = other.createStatement()) {
                        s.execute("BEGIN IMMEDIATE");
                    }
                });
                assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
                release.countDown();
                holder.get(30, TimeUnit.SECONDS);
                try (Statement s = other.createStatement()) {
                    s.execute("BEGIN IMMEDIATE");
                    s.execute("ROLLBACK");
                }
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void sixteenThreadsTimesAThousandTransactionsNeverSeeBusyAndLoseNothing() throws Exception {
        int threads = 16;
        int perThread = 1_000;
        try (MevStore store = open("load.db", Synchronous.NORMAL)) {
            store.useTransaction(Fixtures::seed);
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long base = 1_000_000L * (t + 1);
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            long n = base + i;
                            try {
                                store.useTransaction(tx -> tx.opportunities().record(Fixtures.opportunity(n)));
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                    }));
                }
                // readers on the read path meanwhile: never blocked, never failing
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < 2; r++) {
                    readers.add(pool.submit(() -> {
                        for (int i = 0; i < 100_000 && writing.get(); i++) {
                            try {
                                store.read(tx -> tx.events().count());
                                reads.incrementAndGet();
                                // a dashboard's pace, not a busy loop stealing the writers' two cores
                                Thread.sleep(2);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }));
                }
                for (Future<?> f : writers) {
                    f.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                for (Future<?> f : readers) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
            Map<String, Long> counts = store.rowCounts();
            assertEquals(threads * perThread, counts.get("opportunities"));
            assertEquals(threads * perThread, counts.get("events"));
            assertTrue(reads.get() > 0);
            assertEquals(List.of(), store.integrityProblems());
        }
    }

    @Test
    void twoStoresOnOneFileQueueOnTheBusyTimeoutInsteadOfFailing() throws Exception {
        Path file = temp.resolve("shared.db");
        try (MevStore a = MevStore.builder().sqlite(file).build();
                MevStore b = MevStore.builder().sqlite(file).build()) {
            a.useTransaction(Fixtures::seed);
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> all = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    MevStore store = t % 2 == 0 ? a : b;
                    long base = 1_000_000L * (t + 1);
                    all.add(pool.submit(() -> {
                        for (int i = 0; i < 100; i++) {
                            long n = base + i;
                            try {
                                store.useTransaction(tx -> {
                                    // read first, then write: the pattern that fails at once under BEGIN DEFERRED
                                    tx.events().count();
                                    tx.opportunities().record(Fixtures.opportunity(n));
                                });
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                    }));
                }
                for (Future<?> f : all) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(List.of(), failures.stream().map(Throwable::toString).toList());
            assertEquals(800, a.rowCounts().get("opportunities"));
        }
    }

    @Test
    void readsGoOnWhileAWriterHoldsItsTransaction() throws Exception {
        try (MevStore store = open("reads.db", Synchronous.NORMAL)) {
            store.useTransaction(Fixtures::seed);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> writer = pool.submit(() -> store.useTransaction(tx -> {
                    tx.opportunities().record(Fixtures.opportunity(1));
                    inside.countDown();
                    try {
                        assertTrue(release.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                assertTrue(inside.await(30, TimeUnit.SECONDS));
                // the uncommitted row is invisible, and the read does not wait for the writer
                assertEquals(0L, (long) store.read(tx -> tx.events().count()));
                release.countDown();
                writer.get(30, TimeUnit.SECONDS);
                assertEquals(1L, (long) store.read(tx -> tx.events().count()));
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theSameStatementInsideItsOwnIterationGetsItsOwnCursor() {
        try (MevStore store = open("reuse.db", Synchronous.NORMAL)) {
            store.useTransaction(tx -> {
                Fixtures.seed(tx);
                for (int i = 0; i < 5; i++) {
                    tx.opportunities().record(Fixtures.opportunity(i));
                }
            });
            String sql = "SELECT id FROM opportunities ORDER BY id";
            List<String> pairs = store.inTransaction(tx -> {
                List<String> out = new ArrayList<>();
                try (var outer = tx.handle().createQuery(sql).mapTo(Long.class).stream()) {
                    outer.forEach(id -> out.add(id + ":"
                            + tx.handle()
                                    .createQuery(sql)
                                    .mapTo(Long.class)
                                    .list()
                                    .size()));
                }
                return out;
            });
            assertEquals(List.of("1:5", "2:5", "3:5", "4:5", "5:5"), pairs);
            // and again, from the kept statements, in later transactions
            for (int round = 0; round < 3; round++) {
                assertEquals(
                        5,
                        store.inTransaction(tx -> tx.handle()
                                        .createQuery(sql)
                                        .mapTo(Long.class)
                                        .list())
                                .size());
            }
        }
    }

    @Test
    void closeLeavesNoThreadBehind() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        MevStore store = open("threads.db", Synchronous.NORMAL);
        store.useTransaction(Fixtures::seed);
        for (int i = 0; i < 20; i++) {
            store.read(tx -> tx.events().count());
        }
        store.close();
        List<String> left = List.of();
        for (int attempt = 0; attempt < 100; attempt++) {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName)
                    .filter(name -> !name.startsWith("ForkJoinPool"))
                    .toList();
            if (left.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(List.of(), left);
    }

    @Test
    void amountColumnsAcceptOnlyCanonicalDecimalText() {
        try (MevStore store = open("text.db", Synchronous.NORMAL)) {
            store.useTransaction(Fixtures::seed);
            long id = store.inTransaction(
                    tx -> tx.opportunities().record(Fixtures.opportunity(1)).id());
            for (String bad : List.of("'007'", "'1e3'", "'1.5'", "' 1'", "''", "'-0'", "'+1'", "1.5", "'0x10'")) {
                assertThrows(
                        StoreException.class,
                        () -> store.useTransaction(tx -> tx.handle()
                                .execute("UPDATE opportunities SET amount_in = " + bad + " WHERE id = " + id)),
                        bad);
            }
            for (String bad :
                    List.of("'-0'", "'-01'", "'" + Amounts.I256_MIN.subtract(java.math.BigInteger.ONE) + "'")) {
                assertThrows(
                        StoreException.class,
                        () -> store.useTransaction(tx -> tx.handle()
                                .execute("UPDATE opportunities SET expected_profit = " + bad + " WHERE id = " + id)),
                        bad);
            }
            store.useTransaction(tx -> tx.handle()
                    .execute("UPDATE opportunities SET amount_in = '0', expected_profit = '" + Amounts.I256_MIN
                            + "', gas_cost = '" + Amounts.U256_MAX + "', bribe = '1' WHERE id = " + id));
            assertEquals(
                    new Plan(java.math.BigInteger.ZERO, Amounts.I256_MIN, Amounts.U256_MAX, java.math.BigInteger.ONE),
                    store.read(tx -> tx.opportunities().find(id).orElseThrow().plan()));
            // stored as text, exactly as written
            assertEquals("text " + Amounts.U256_MAX, store.read(tx -> tx.handle()
                    .createQuery("SELECT typeof(gas_cost) || ' ' || gas_cost FROM opportunities")
                    .mapTo(String.class)
                    .one()));
        }
    }

    @Test
    void backupIsOneSelfContainedFileAndRestoreRefusesToOverwrite() throws Exception {
        try (MevStore store = open("src.db", Synchronous.NORMAL)) {
            store.useTransaction(Fixtures::seed);
            BackupResult backup = store.backupTo(temp.resolve("copy.db"));
            assertTrue(Files.exists(backup.path()));
            assertTrue(Files.notExists(temp.resolve("copy.db-wal")));
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup.path());
                    Statement s = c.createStatement();
                    var rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("delete", rs.getString(1));
            }
            assertThrows(StoreException.class, () -> store.backupTo(backup.path()));
            Path existing = temp.resolve("existing.db");
            Files.writeString(existing, "keep me");
            assertThrows(StoreException.class, () -> MevStore.restoreSqlite(backup.path(), existing));
            assertEquals("keep me", Files.readString(existing));
            assertEquals(
                    Map.of("tokens", 2L, "pools", 1L),
                    Map.of(
                            "tokens",
                            backup.counts().get("tokens"),
                            "pools",
                            backup.counts().get("pools")));
        }
    }
    /** Another process's connection holding the database's write lock until {@link #release}. */
    private static Connection holdWriteLock(Path file) throws SQLException {
        Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
        other.setAutoCommit(false);
        try (Statement s = other.createStatement()) {
            s.execute("CREATE TABLE held (x INTEGER)");
        }
        return other;
    }

    private static void release(Connection other) throws SQLException {
        other.rollback();
        other.setAutoCommit(true);
    }

    @Test
    void aWriteThatCannotBeginWithinTheBusyTimeoutIsBegunAgainAndCounted() throws Exception {
        Path file = temp.resolve("busy-retry.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MevStore store = MevStore.builder()
                        .sqlite(file)
                        .busyTimeout(Duration.ofMillis(200))
                        .busyRetries(100)
                        .meterRegistry(registry)
                        .build();
                Connection other = holdWriteLock(file)) {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Opportunity> write = pool.submit(() -> store.inTransaction(tx -> {
                    Fixtures.seed(tx);
                    return tx.opportunities().record(Fixtures.opportunity(1));
                }));
                Counter retries = registry.get("mevkit.store.busy.retries").counter();
                for (int i = 0; i < 1_000 && retries.count() < 1; i++) {
                    Thread.sleep(10);
                }
                assertTrue(retries.count() >= 1, "no busy retry seen");
                assertFalse(write.isDone(), "the write gave up while the lock was held");
                release(other);
                assertEquals(Fixtures.hash(1), write.get(60, TimeUnit.SECONDS).victimTx());
            } finally {
                pool.shutdownNow();
            }
            assertEquals(
                    0.0,
                    registry.get("mevkit.store.transaction.failures")
                            .tags("kind", "write")
                            .counter()
                            .count());
            assertEquals(
                    1,
                    store.read(tx -> tx.opportunities().byVictimTx(Fixtures.hash(1)))
                            .size());
        }
    }

    @Test
    void aWriteThatCouldNotBeginLeavesTheWriterTransactional() throws Exception {
        Path file = temp.resolve("busy-fail.db");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MevStore store = MevStore.builder()
                .sqlite(file)
                .busyTimeout(Duration.ofMillis(50))
                .busyRetries(0)
                .meterRegistry(registry)
                .build()) {
            store.useTransaction(Fixtures::seed);
            try (Connection other = holdWriteLock(file)) {
                StoreException busy = assertThrows(
                        StoreException.class,
                        () -> store.useTransaction(tx -> tx.opportunities().record(Fixtures.opportunity(1))));
                assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
                release(other);
            }
            assertEquals(
                    1.0,
                    registry.get("mevkit.store.transaction.failures")
                            .tags("kind", "write")
                            .counter()
                            .count());
            assertEquals(
                    0.0, registry.get("mevkit.store.busy.retries").counter().count());
            // the failed begin must not leave the connection committing statement by statement
            assertThrows(
                    IllegalStateException.class,
                    () -> store.useTransaction(tx -> {
                        tx.opportunities().record(Fixtures.opportunity(2));
                        throw new IllegalStateException("after the first row");
                    }));
            assertEquals(
                    0,
                    store.read(tx -> tx.opportunities().byVictimTx(Fixtures.hash(2)))
                            .size());
            store.useTransaction(tx -> tx.opportunities().record(Fixtures.opportunity(3)));
            assertEquals(
                    1,
                    store.read(tx -> tx.opportunities().byVictimTx(Fixtures.hash(3)))
                            .size());
            assertEquals(
                    0,
                    store.read(tx -> tx.opportunities().byVictimTx(Fixtures.hash(1)))
                            .size());
        }
    }
}
