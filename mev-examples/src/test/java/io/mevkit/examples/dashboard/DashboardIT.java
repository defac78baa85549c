package io.mevkit.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.examples.demo.DemoRunner;
import io.mevkit.examples.demo.Searcher;
import io.mevkit.stream.Channel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in Debian's headless Chromium against the running demo (short mode, seed 7): the page shows the live
 * opportunities and bundles, exactly as the searcher decided them; then the stream server restarts and the page
 * reconnects, sends its last sequence numbers and the old epoch, shows the typed reset gap, and shows the victims that
 * come after; a dropped connection resumes from the page's positions without a gap, and no sequence number is ever
 * skipped. The demo pauses (bounded) at two blocks so that the page is compared with a searcher standing still.
 */
class DashboardIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int BLOCKS = 10;
    private static final int PAUSE_AT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void showsLiveOpportunitiesAndRecoversAfterTheStreamServerRestarts() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is required (.ci/run installs it): " + CHROMIUM);
        Path script = Path.of("src/test/js/dashboard-browser.mjs").toAbsolutePath();
        assertTrue(Files.isRegularFile(script), script.toString());
        Gate first = new Gate();
        Gate last = new Gate();
        ExecutorService demo = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-run"));
        try (DemoStream stream = DemoStream.tickEvery(0, Duration.ofMillis(250));
                Browser browser = Browser.start(
                        script, CHROMIUM, dir.resolve("profile"), Path.of("target", "dashboard-browser.log"))) {
            Future<DemoRunner.Result> run = demo.submit(() -> DemoRunner.run(
                    new DemoRunner.Options(7, BLOCKS, dir.resolve("demo.db"), 0),
                    (block, of, s) -> {
                        if (block == PAUSE_AT) {
                            first.pause(s);
                        } else if (block == of) {
                            last.pause(s);
                        }
                    },
                    stream));
            browser.open(stream.pageUri());

            // 1. live: every victim so far, each as the searcher decided it
            Searcher.Summary atPause = first.awaitPaused(run);
            assertEquals(PAUSE_AT, atPause.victimsSeen());
            assertTrue(atPause.sandwichable() > 0, "seed 7 has a sandwichable victim by block " + PAUSE_AT);
            long published = stream.stats().published().get(Channel.OPPORTUNITIES);
            JsonNode before = browser.await(
                    "the opportunities of the first " + PAUSE_AT + " blocks",
                    s -> s.path("opportunities").size() == PAUSE_AT
                            && s.path("page")
                                            .path("lastSeq")
                                            .path("opportunities")
                                            .asLong()
                                    == published
                            && s.path("pricePoints").asInt() > 0
                            && healthy(s, "rpc", "store", "ws", "stream"));
            assertEquals("live", before.path("conn").asText());
            assertShowsExactly(before, atPause);
            assertTrue(before.path("gasPoints").asInt() >= 1, before.toString());
            assertEquals(List.of(), errors(before));
            assertEquals(0, before.path("jumps").size(), before.path("jumps").toString());

            // 2. the stream server restarts: the page reconnects from its last sequence numbers and the old epoch
            String oldEpoch = stream.epoch();
            long lastSeqBefore =
                    before.path("page").path("lastSeq").path("opportunities").asLong();
            Set<String> victimsBefore = keys(before.path("opportunities"));
            stream.restart();
            String newEpoch = stream.epoch();
            assertNotEquals(oldEpoch, newEpoch);
            JsonNode after = browser.await(
                    "a live connection to the restarted server",
                    s -> s.path("page").path("connections").asInt() == 2
                            && s.path("conn").asText().equals("live")
                            && s.path("page").path("epoch").asText().equals(newEpoch)
                            && s.path("resetGaps").size() == Channel.values().length);
            JsonNode sockets = after.path("sockets");
            assertEquals(2, sockets.size(), sockets.toString());
            assertTrue(sockets.get(0).path("closed").asBoolean(), "the first socket closed");
            JsonNode resubscribe =
                    JSON.readTree(sockets.get(1).path("sent").get(0).asText());
            assertEquals("subscribe", resubscribe.path("type").asText());
            assertEquals(oldEpoch, resubscribe.path("epoch").asText(), resubscribe.toString());
            assertEquals(
                    lastSeqBefore,
                    resubscribe.path("lastSeq").path("opportunities").asLong(),
                    resubscribe.toString());
            assertEquals(Channel.values().length, resubscribe.path("lastSeq").size(), resubscribe.toString());
            // the new server answered every channel's old position with a typed reset gap
            assertEquals(Channel.values().length, stream.stats().gaps());
            Set<String> gapChannels = new HashSet<>();
            after.path("resetGaps").forEach(c -> gapChannels.add(c.asText()));
            assertTrue(gapChannels.contains("opportunities"), gapChannels.toString());
            assertEquals(victimsBefore, keys(after.path("opportunities")), "no row was lost across the restart");

            // 3. a dropped connection (same server): the page resumes from its positions, the server replays, no gap
            long gapsBefore = stream.stats().gaps();
            browser.dropConnection();
            JsonNode resumed = browser.await(
                    "a third, live connection",
                    s -> s.path("page").path("connections").asInt() == 3
                            && s.path("conn").asText().equals("live"));
            JsonNode third = JSON.readTree(
                    resumed.path("sockets").get(2).path("sent").get(0).asText());
            assertEquals(newEpoch, third.path("epoch").asText(), third.toString());
            assertTrue(third.path("lastSeq").path("system_alerts").asLong() >= 1, third.toString());
            assertEquals(gapsBefore, stream.stats().gaps(), "the same epoch resumes without a gap");

            // 4. the demo goes on: the page shows the victims that come after the restart
            first.release();
            Searcher.Summary atEnd = last.awaitPaused(run);
            assertEquals(BLOCKS, atEnd.victimsSeen());
            long publishedAfter = stream.stats().published().get(Channel.OPPORTUNITIES);
            JsonNode end = browser.await(
                    "all " + BLOCKS + " victims after the restart",
                    s -> s.path("opportunities").size() == BLOCKS
                            && s.path("page")
                                            .path("lastSeq")
                                            .path("opportunities")
                                            .asLong()
                                    == publishedAfter);
            assertShowsExactly(end, atEnd);
            Set<String> fresh = keys(end.path("opportunities"));
            fresh.removeAll(victimsBefore);
            assertEquals(BLOCKS - PAUSE_AT, fresh.size(), "new rows after the restart: " + fresh);
            assertTrue(
                    end.path("alerts").toString().contains("stream server restarted"),
                    end.path("alerts").toString());
            assertEquals(List.of(), errors(end));
            assertEquals(0, end.path("jumps").size(), "no sequence number was skipped: " + end.path("jumps"));
            browser.screenshot(Path.of("target", "dashboard-it.png").toAbsolutePath());
            last.release();
            DemoRunner.Result result = run.get(120, TimeUnit.SECONDS);
            assertEquals(BLOCKS, result.summary().victimsSeen());
        } finally {
            first.release();
            last.release();
            demo.shutdownNow();
            assertTrue(demo.awaitTermination(60, TimeUnit.SECONDS), "the demo stopped");
        }
    }

    /**
     * The opportunity rows are the searcher's victims, one each; the landed ones show the realized profit to the wei
     * (formatted exactly in ETH), and as many bundles landed as the searcher executed.
     */
    private static void assertShowsExactly(JsonNode state, Searcher.Summary summary) {
        JsonNode rows = state.path("opportunities");
        assertEquals(summary.victimsSeen(), keys(rows).size(), rows.toString());
        Map<String, BigInteger> realized = new HashMap<>();
        for (Searcher.Executed e : summary.sandwiches()) {
            realized.put(e.victim().hex(), e.realizedWei());
        }
        int landed = 0;
        for (JsonNode row : rows) {
            String status = row.path("cells").get(3).asText();
            assertTrue(
                    List.of("rejected", "LANDED", "REVERTED", "MISSED").contains(status),
                    "every victim is decided: " + row);
            if (status.equals("LANDED")) {
                landed++;
                BigInteger wei = realized.get(row.path("key").asText());
                assertNotNull(wei, "a landed row is one of the searcher's sandwiches: " + row);
                assertEquals(ether(wei), row.path("cells").get(6).asText(), row.toString());
            } else if (status.equals("rejected")) {
                assertTrue(!row.path("cells").get(4).asText().isBlank(), "a rejection shows its reason: " + row);
            }
        }
        assertEquals(summary.executed(), landed, rows.toString());
        long landedBundles = 0;
        for (JsonNode b : state.path("bundles")) {
            if (b.path("cells").get(4).asText().equals("LANDED")) {
                landedBundles++;
            }
        }
        assertEquals(summary.executed(), landedBundles, state.path("bundles").toString());
    }

    private static boolean healthy(JsonNode state, String... components) {
        Set<String> up = new HashSet<>();
        state.path("health").forEach(h -> {
            if (h.path("status").asText().equals("UP")) {
                up.add(h.path("component").asText());
            }
        });
        return up.containsAll(List.of(components));
    }

    private static Set<String> keys(JsonNode rows) {
        Set<String> out = new HashSet<>();
        rows.forEach(r -> out.add(r.path("key").asText()));
        return out;
    }

    private static List<String> errors(JsonNode state) {
        return JSON.convertValue(
                state.path("errors"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    private static String ether(BigInteger wei) {
        return new BigDecimal(wei, 18).stripTrailingZeros().toPlainString();
    }

    /** Holds the demo at one block until the test releases it (bounded both ways). */
    private static final class Gate {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicReference<Searcher.Summary> summary = new AtomicReference<>();

        void pause(Searcher.Summary s) {
            summary.set(s);
            paused.countDown();
            try {
                released.await(180, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        Searcher.Summary awaitPaused(Future<?> run) throws Exception {
            for (int i = 0; i < 300 && !paused.await(1, TimeUnit.SECONDS); i++) {
                if (run.isDone()) {
                    run.get(); // rethrows the demo's failure
                    throw new AssertionError("the demo ended before reaching the block");
                }
            }
            assertEquals(0, paused.getCount(), "the demo reached the block");
            return summary.get();
        }

        void release() {
            released.countDown();
        }
    }
}
