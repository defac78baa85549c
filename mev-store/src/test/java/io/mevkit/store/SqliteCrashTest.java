package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random (seeded) moments, 20 times, and checks after each kill that every
 * transaction the process saw commit is there, that no transaction is there in part, and that SQLite's integrity and
 * foreign-key checks are clean.
 */
class SqliteCrashTest {
    private static final int ROUNDS = 20;
    private static final long SEED = 20_261_121L;
    private static final List<String> RAW = Fixtures.twoSignedTxs();

    @TempDir
    Path temp;

    @Test
    void committedTransactionsSurviveSigkillWholeAndNothingElse() throws Exception {
        Path db = temp.resolve("crash.db");
        Random random = new Random(SEED);
        List<String> printed = new ArrayList<>();
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            store.useTransaction(Fixtures::seed);
        }
        int roundsWithWrites = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int waitForIds = 1 + random.nextInt(20);
            int extraMillis = random.nextInt(15);
            List<String> lines = runAndKill(db, round, waitForIds, extraMillis);
            List<String> ids = lines.stream().filter(l -> !l.equals("READY")).toList();
            printed.addAll(ids);
            if (!ids.isEmpty()) {
                roundsWithWrites++;
            }
            check(db, printed);
        }
        assertEquals(ROUNDS, roundsWithWrites);
        assertTrue(printed.size() >= ROUNDS, "printed " + printed.size());
    }

    private List<String> runAndKill(Path db, int round, int waitForIds, int extraMillis) throws Exception {
        Path errors = temp.resolve("child-" + round + ".err");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xshare:auto",
                        "-XX:-UsePerfData",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        db.toString(),
                        String.valueOf(1_000_000L * (round + 1)),
                        RAW.get(0),
                        RAW.get(1))
                .redirectError(errors.toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String line;
            int ids = 0;
            while (ids < waitForIds && (line = out.readLine()) != null) {
                lines.add(line);
                if (!line.equals("READY")) {
                    ids++;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
            }
            if (ids < waitForIds) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("child wrote " + ids + " ids before stopping: " + Files.readString(errors));
            }
            Thread.sleep(extraMillis);
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our end of its stdout,
            // losing the ids it printed that we have not read yet
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            // what it printed before it died is still in the pipe
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        return lines;
    }

    private static void check(Path db, List<String> printed) {
        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            assertEquals(List.of(), store.integrityProblems());
            Map<String, Long> stored = new HashMap<>();
            store.read(tx -> tx.handle()
                    .createQuery("SELECT victim_tx_hash, id FROM opportunities")
                    .map((rs, ctx) -> stored.put(rs.getString(1), rs.getLong(2)))
                    .list());
            for (String line : printed) {
                String[] parts = line.split(" ");
                long n = Long.parseLong(parts[0]);
                Long id = stored.get(Fixtures.hash(n));
                assertEquals(Long.valueOf(parts[1]), id, "committed transaction " + n);
            }
            // every transaction is whole: each opportunity has exactly its bundle, two txs, one submission, four events
            Map<String, Long> counts = store.rowCounts();
            long opportunities = counts.get("opportunities");
            assertTrue(opportunities >= printed.size(), counts.toString());
            assertEquals(opportunities, counts.get("bundles"), counts.toString());
            assertEquals(2 * opportunities, counts.get("bundle_txs"), counts.toString());
            assertEquals(opportunities, counts.get("submissions"), counts.toString());
            assertEquals(4 * opportunities, counts.get("events"), counts.toString());
            assertEquals(List.of(), store.read(tx -> tx.handle()
                    .createQuery("SELECT o.id FROM opportunities o WHERE o.status <> 'PLANNED'"
                            + " OR (SELECT count(*) FROM bundles b WHERE b.opportunity_id = o.id) <> 1"
                            + " OR (SELECT count(*) FROM events e WHERE e.opportunity_id = o.id) <> 4")
                    .mapTo(Long.class)
                    .list()));
        }
    }
}
