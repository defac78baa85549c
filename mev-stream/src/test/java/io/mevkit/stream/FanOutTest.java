package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * 1,000 concurrent clients on loopback subscribe and unsubscribe across the channels while two threads publish: each
 * client must receive every message of its channels, from the head its subscription acknowledged to the head its
 * unsubscription acknowledged (or the last message), exactly once and in order.
 */
class FanOutTest {
    private static final int CLIENTS = 1000;
    private static final int BATCH = 100;
    private static final int PER_CHANNEL_PER_PHASE = 30;
    private static final Channel[] CHANNELS = Channel.values();

    /** Checks one client's stream as it arrives; nothing is stored, so 1,000 clients stay small. */
    static final class Tracker implements Consumer<JsonNode> {
        final long[] next = new long[CHANNELS.length];
        final boolean[] active = new boolean[CHANNELS.length];
        final long[] expectedEvents = new long[CHANNELS.length];
        final long[] events = new long[CHANNELS.length];
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger acks = new AtomicInteger();

        @Override
        public synchronized void accept(JsonNode m) {
            String type = m.path("type").asText();
            switch (type) {
                case "welcome":
                    break;
                case "subscribed":
                    m.get("heads").properties().forEach(e -> {
                        int i = index(e.getKey());
                        if (!active[i]) {
                            active[i] = true;
                            next[i] = e.getValue().asLong() + 1;
                        }
                    });
                    acks.incrementAndGet();
                    break;
                case "unsubscribed":
                    m.get("heads").properties().forEach(e -> {
                        int i = index(e.getKey());
                        if (active[i] && next[i] != e.getValue().asLong() + 1) {
                            violations.add("unsubscribed at " + e.getValue() + " but next was " + next[i]);
                        }
                        active[i] = false;
                    });
                    acks.incrementAndGet();
                    break;
                case "event":
                    int i = index(m.get("channel").asText());
                    long seq = m.get("seq").asLong();
                    if (!active[i]) {
                        violations.add("event " + seq + " on inactive " + CHANNELS[i]);
                    } else if (seq != next[i]) {
                        violations.add(CHANNELS[i] + ": expected " + next[i] + " got " + seq);
                    } else if (m.get("data").get("seq").asLong() != seq) {
                        violations.add("payload does not match seq " + seq);
                    }
                    next[i] = seq + 1;
                    events[i]++;
                    break;
                default:
                    violations.add("unexpected " + m);
            }
        }

        private static int index(String wire) {
            return Channel.fromWireName(wire).orElseThrow().ordinal();
        }

        synchronized boolean caughtUp(long[] heads) {
            for (int i = 0; i < CHANNELS.length; i++) {
                if (active[i] && next[i] != heads[i] + 1) {
                    return false;
                }
            }
            return true;
        }
    }

    @Test
    void thousandClientsEachReceiveEveryMessageOfTheirChannelsExactlyOnceInOrder() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        ExecutorService publishers = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        List<TestClient> clients = new ArrayList<>();
        List<Tracker> trackers = new ArrayList<>();
        List<EnumSet<Channel>> plans = new ArrayList<>();
        Random random = new Random(12);
        try (StreamServer server = StreamServer.builder().threads(16, 1).build()) {
            for (int b = 0; b < CLIENTS; b += BATCH) {
                List<CompletableFuture<TestClient>> batch = new ArrayList<>();
                for (int k = 0; k < BATCH; k++) {
                    Tracker t = new Tracker();
                    trackers.add(t);
                    batch.add(new TestClient(t).connect(http, server.uri(), null));
                }
                for (CompletableFuture<TestClient> f : batch) {
                    clients.add(f.get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS));
                }
            }
            assertEquals(CLIENTS, server.stats().clients());

            // phase 1: subscribe while both publishers run
            List<Future<?>> running = startPublishing(server, publishers, 0);
            for (int c = 0; c < CLIENTS; c++) {
                EnumSet<Channel> plan = EnumSet.noneOf(Channel.class);
                for (Channel ch : CHANNELS) {
                    if (random.nextInt(10) < 4) {
                        plan.add(ch);
                    }
                }
                if (plan.isEmpty()) {
                    plan.add(CHANNELS[c % CHANNELS.length]);
                }
                plans.add(plan);
                clients.get(c).send(request("subscribe", plan));
            }
            awaitAcks(trackers, 1);
            for (Future<?> f : running) {
                f.get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            }

            // phase 2: every third client leaves a channel, every fifth joins one, while publishing goes on
            running = startPublishing(server, publishers, PER_CHANNEL_PER_PHASE);
            int[] expectedAcks = new int[CLIENTS];
            for (int c = 0; c < CLIENTS; c++) {
                expectedAcks[c] = 1;
                EnumSet<Channel> plan = plans.get(c);
                if (c % 3 == 0) {
                    clients.get(c)
                            .send(request(
                                    "unsubscribe", EnumSet.of(plan.iterator().next())));
                    expectedAcks[c]++;
                }
                if (c % 5 == 0) {
                    Channel extra = CHANNELS[random.nextInt(CHANNELS.length)];
                    clients.get(c).send(request("subscribe", EnumSet.of(extra)));
                    expectedAcks[c]++;
                }
            }
            for (Future<?> f : running) {
                f.get(TestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                Await.until(
                        () -> trackers.get(client).acks.get() == expectedAcks[client],
                        () -> "acknowledgements of client " + client);
            }

            long[] heads = new long[CHANNELS.length];
            StreamStats stats = server.stats();
            for (Channel ch : CHANNELS) {
                heads[ch.ordinal()] = stats.published(ch);
                assertEquals(2L * PER_CHANNEL_PER_PHASE, heads[ch.ordinal()]);
            }
            for (int c = 0; c < CLIENTS; c++) {
                Tracker t = trackers.get(c);
                int client = c;
                Await.until(() -> t.caughtUp(heads), () -> "client " + client + " caught up");
                assertEquals(List.of(), t.violations, "client " + c);
            }
            long received = 0;
            for (Tracker t : trackers) {
                for (long e : t.events) {
                    received += e;
                }
            }
            assertTrue(received > CLIENTS, "clients received " + received + " events");
            StreamStats end = server.stats();
            assertEquals(0, end.disconnects(DisconnectReason.SLOW_CONSUMER));
            assertEquals(0, end.dropped());
            assertEquals(CLIENTS, end.clients());
            clients.forEach(TestClient::close);
            Await.until(() -> server.stats().clients() == 0, () -> "all clients gone");
            assertEquals(CLIENTS, server.stats().disconnects(DisconnectReason.CLIENT_CLOSED));
        } finally {
            publishers.shutdownNow();
            executor.shutdownNow();
        }
    }

    private static List<Future<?>> startPublishing(StreamServer server, ExecutorService pool, int offset) {
        List<Future<?>> out = new ArrayList<>();
        for (int half = 0; half < 2; half++) {
            int from = half * 4;
            out.add(pool.submit(() -> {
                for (int n = 1; n <= PER_CHANNEL_PER_PHASE; n++) {
                    for (int i = from; i < from + 4; i++) {
                        // one publisher per channel, so the n-th message gets sequence number offset + n
                        long seq = server.publish(CHANNELS[i], Map.of("seq", offset + n, "pad", "x".repeat(64)));
                        if (seq != offset + n) {
                            throw new AssertionError("seq " + seq + " for message " + (offset + n));
                        }
                    }
                    Thread.yield();
                }
            }));
        }
        return out;
    }

    private static void awaitAcks(List<Tracker> trackers, int n) throws InterruptedException {
        for (int c = 0; c < trackers.size(); c++) {
            Tracker t = trackers.get(c);
            int client = c;
            Await.until(() -> t.acks.get() >= n, () -> "acknowledgement of client " + client);
        }
    }

    private static String request(String type, EnumSet<Channel> channels) {
        StringBuilder sb = new StringBuilder("{\"type\":\"" + type + "\",\"channels\":[");
        boolean first = true;
        for (Channel ch : channels) {
            sb.append(first ? "" : ",").append('"').append(ch.wireName()).append('"');
            first = false;
        }
        return sb.append("]}").toString();
    }
}
