package io.mevkit.bench;

import io.mevkit.stream.Channel;
import io.mevkit.stream.StreamServer;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * mevkit's {@link StreamServer} fanning messages out to {@value #CLIENTS} WebSocket clients on loopback, beside the
 * same messages written to one client (the baseline: the cost of one delivery, so the ratio shows the per-client
 * cost). One server carries both: the {@value #CLIENTS} clients subscribe to {@code opportunities}, the single client
 * to {@code bundles}. Clients are JDK {@code java.net.http} WebSockets in the same JVM, so the figures include the
 * clients' own reading. {@code *Throughput}: a burst of {@value #BURST} messages published, waiting until every
 * subscribed client has all of them; ops = messages published. {@code *Latency}: one message from {@code publish} until
 * the last subscribed client has it (SampleTime: p99 in the JMH output).
 */
@State(Scope.Benchmark)
public class StreamFanOutBenchmark {
    static final int CLIENTS = 1000;
    static final int BURST = 100;

    StreamServer server;
    ExecutorService clientExecutor;
    final List<WebSocket> sockets = new ArrayList<>();
    final Deliveries<String> fanOut = new Deliveries<>(Duration.ofSeconds(60));
    final Deliveries<String> single = new Deliveries<>(Duration.ofSeconds(60));
    final Map<String, Object> payload = Map.of(
            "pair", "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc",
            "profitWei", "1234567890123456789",
            "block", 21_000_000,
            "kind", "sandwich");

    /** A client that counts events (anything with "event" in its type) for its group. */
    static final class Listener implements WebSocket.Listener {
        final Deliveries<String> group;
        final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();

        Listener(Deliveries<String> group) {
            this.group = group;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"event\"")) {
                    group.accept(text);
                } else if (text.contains("\"subscribed\"")) {
                    subscribed.complete(null);
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = StreamServer.builder().threads(16, 1).build();
        clientExecutor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(clientExecutor).build();
        List<Listener> listeners = new ArrayList<>();
        for (int i = 0; i <= CLIENTS; i++) {
            boolean isSingle = i == CLIENTS;
            Listener l = new Listener(isSingle ? single : fanOut);
            WebSocket ws =
                    http.newWebSocketBuilder().buildAsync(server.uri(), l).get(30, TimeUnit.SECONDS);
            ws.sendText(
                            "{\"type\":\"subscribe\",\"channels\":[\"" + (isSingle ? "bundles" : "opportunities")
                                    + "\"]}",
                            true)
                    .get(30, TimeUnit.SECONDS);
            sockets.add(ws);
            listeners.add(l);
        }
        for (Listener l : listeners) {
            l.subscribed.get(30, TimeUnit.SECONDS);
        }
        // both paths deliver the same data: one message each, every client gets it exactly once
        server.publish(Channel.OPPORTUNITIES, payload);
        server.publish(Channel.BUNDLES, payload);
        fanOut.await(CLIENTS);
        single.await(1);
        String a = fanOut.last.get();
        String b = single.last.get();
        if (!data(a).equals(data(b)) || fanOut.received.get() != CLIENTS || single.received.get() != 1) {
            throw new IllegalStateException("the two paths differ: " + a + " vs " + b);
        }
    }

    private static String data(String event) {
        return event.substring(event.indexOf("\"data\":"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (WebSocket ws : sockets) {
            ws.abort();
        }
        server.close();
        clientExecutor.shutdownNow();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BURST)
    public long mevkitFanOut1000Throughput() {
        return burst(Channel.OPPORTUNITIES, fanOut, CLIENTS);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BURST)
    public long baselineOneClientThroughput() {
        return burst(Channel.BUNDLES, single, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long mevkitFanOut1000Latency() {
        return burst1(Channel.OPPORTUNITIES, fanOut, CLIENTS);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long baselineOneClientLatency() {
        return burst1(Channel.BUNDLES, single, 1);
    }

    private long burst(Channel channel, Deliveries<String> group, int clients) {
        long start = group.received.get();
        long seq = 0;
        for (int i = 0; i < BURST; i++) {
            seq = server.publish(channel, payload);
        }
        group.await(start + (long) BURST * clients);
        return seq;
    }

    private long burst1(Channel channel, Deliveries<String> group, int clients) {
        long start = group.received.get();
        long seq = server.publish(channel, payload);
        group.await(start + clients);
        return seq;
    }
}
