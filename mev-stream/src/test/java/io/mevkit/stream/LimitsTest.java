package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LimitsTest {

    /** Counts events of one channel and remembers the first disorder; stores nothing else. */
    static final class InOrder implements Consumer<JsonNode> {
        volatile long last;
        volatile String violation;

        @Override
        public synchronized void accept(JsonNode m) {
            if (!"event".equals(m.path("type").asText())) {
                return;
            }
            long seq = m.get("seq").asLong();
            if (seq != last + 1 && violation == null) {
                violation = "expected " + (last + 1) + " got " + seq;
            }
            last = seq;
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndCountedWhileOthersGetEverything() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        try (StreamServer server =
                StreamServer.builder().maxQueued(64, 1024 * 1024).build()) {
            List<InOrder> fast = new ArrayList<>();
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                InOrder tracker = new InOrder();
                fast.add(tracker);
                TestClient c = new TestClient(m -> {
                            tracker.accept(m);
                        })
                        .connect(http, server.uri(), null)
                        .get(20, java.util.concurrent.TimeUnit.SECONDS);
                clients.add(c);
                c.send("{\"type\":\"subscribe\",\"channels\":[\"opportunities\"]}");
            }
            try (RawClient slow = new RawClient(server.uri(), Map.of(), 4096)) {
                assertEquals(101, slow.status);
                slow.sendText("{\"type\":\"subscribe\",\"channels\":[\"opportunities\"]}");
                Await.until(() -> server.stats().delivered() >= 4 + 4, () -> "welcomes and acks written");

                String pad = "x".repeat(8 * 1024);
                long published = 0;
                for (int i = 0; i < 5_000 && server.stats().disconnects(DisconnectReason.SLOW_CONSUMER) == 0; i++) {
                    long seq = server.publish(Channel.OPPORTUNITIES, Map.of("i", i, "pad", pad));
                    published = seq;
                    // the three readers keep up by construction (each message waits for them); only the raw one lags
                    for (InOrder t : fast) {
                        Await.until(() -> t.last >= seq, () -> "a reader is behind at " + seq);
                    }
                }
                assertEquals(1, server.stats().disconnects(DisconnectReason.SLOW_CONSUMER));
                assertEquals(3, server.stats().clients(), "the disconnected client is the one that stopped reading");
                for (int i = 0; i < 50; i++) {
                    published = server.publish(Channel.OPPORTUNITIES, Map.of("after", i));
                }
                long total = published;
                for (InOrder t : fast) {
                    Await.until(() -> t.last == total, () -> "fast client got " + t.last + " of " + total);
                    assertEquals(null, t.violation);
                }
                StreamStats stats = server.stats();
                assertEquals(3, stats.clients());
                assertTrue(stats.dropped() >= 1, "dropped " + stats.dropped());
                assertEquals(0, stats.disconnects(DisconnectReason.CLIENT_CLOSED));
                assertTrue(drainsToEnd(slow.socket.getInputStream()), "the slow client's socket was closed");
            }
            clients.forEach(TestClient::close);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Reads until the server's close shows (end of stream or reset), bounded by 64 MiB. */
    private static boolean drainsToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try {
            while (read < 64L * 1024 * 1024) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                read += n;
            }
            return false;
        } catch (SocketException e) {
            return true; // connection reset: the server disconnected hard
        }
    }

    @Test
    void aClientThatAnswersNothingIsCleanedUpAsStaleWhileALiveOneStays() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        try (StreamServer server = StreamServer.builder()
                .clock(clock)
                .heartbeatInterval(Duration.ofMillis(50))
                .staleAfter(Duration.ofSeconds(10))
                .build()) {
            TestClient live = TestClient.open(http, server.uri(), null);
            live.next("welcome");
            try (RawClient silent = new RawClient(server.uri(), Map.of(), 0)) {
                assertEquals(101, silent.status);
                Await.until(() -> server.stats().clients() == 2, () -> "both connected");
                clock.advance(Duration.ofSeconds(6));
                live.send("{\"type\":\"ping\"}");
                live.next("pong");
                clock.advance(Duration.ofSeconds(6));
                Await.until(() -> server.stats().disconnects(DisconnectReason.STALE) == 1, () -> "silent client ended");
                assertEquals(1, server.stats().clients());
                live.send("{\"type\":\"ping\"}");
                live.next("pong");
            }
            live.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
