package io.mevkit.bench;

import io.mevkit.ws.Endpoint;
import io.mevkit.ws.PendingTransaction;
import io.mevkit.ws.WsClient;
import io.mevkit.ws.WsListener;
import io.mevkit.ws.WsStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconnect latency on loopback: the node drops the socket 100 times (refusing the next zero to two upgrades, so
 * backoff is scheduled too); for each drop, the time from the client detecting it to the client connected again with
 * its subscription re-acknowledged, minus the backoff delays it scheduled meanwhile. Prints and writes median, p99 and
 * max as JSON and Markdown.
 *
 * <pre>java -cp mev-bench/target/benchmarks.jar io.mevkit.bench.WsReconnectHarness [drops] [output-dir]</pre>
 */
public final class WsReconnectHarness {
    private static final Logger LOG = LoggerFactory.getLogger(WsReconnectHarness.class);

    private WsReconnectHarness() {}

    public static void main(String[] args) throws Exception {
        int drops = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        SplittableRandom random = new SplittableRandom(20261121L);
        LinkedBlockingQueue<long[]> outages = new LinkedBlockingQueue<>();
        List<Long> overheadNanos = new ArrayList<>();
        long totalBackoff = 0;
        long totalAttempts = 0;
        try (WsNode node = new WsNode()) {
            WsClient[] holder = new WsClient[1];
            WsListener listener = new WsListener() {
                @Override
                public void reconnected(int attempts, Duration downtime) {
                    WsStats stats = holder[0].stats();
                    long backoff = stats.lastBackoff().orElseThrow().toNanos();
                    outages.add(new long[] {downtime.toNanos(), backoff, attempts});
                }
            };
            try (WsClient client = WsClient.builder()
                    .endpoint(Endpoint.of(node.url("/reconnect")))
                    .expectedChainId(31337)
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                    .circuitBreaker(100, Duration.ofMillis(100))
                    .noPolling()
                    .listener(listener)
                    .build()) {
                holder[0] = client;
                client.subscribePendingTransactions((PendingTransaction tx) -> {});
                client.awaitConnected(Duration.ofSeconds(10));
                for (int i = 0; i < drops + 10; i++) {
                    WebSocket socket = node.awaitSocket("/reconnect");
                    node.forget("/reconnect");
                    node.refuseUpgrades.set(random.nextInt(3));
                    socket.close(1012, "service restart");
                    long[] outage = outages.poll(10, TimeUnit.SECONDS);
                    if (outage == null) {
                        throw new IllegalStateException("no reconnect after drop " + i);
                    }
                    if (i >= 10) { // the first ten warm up the JIT
                        overheadNanos.add(outage[0] - outage[1]);
                        totalBackoff += outage[1];
                        totalAttempts += outage[2];
                    }
                    client.awaitConnected(Duration.ofSeconds(10));
                }
            }
        }
        Collections.sort(overheadNanos);
        double median = millis(percentile(overheadNanos, 0.50));
        double p99 = millis(percentile(overheadNanos, 0.99));
        double max = millis(overheadNanos.get(overheadNanos.size() - 1));
        double min = millis(overheadNanos.get(0));
        String json = String.format(
                Locale.ROOT,
                "{\n  \"benchmark\": \"io.mevkit.bench.WsReconnectHarness\",\n  \"drops\": %d,\n"
                        + "  \"nproc\": %d,\n  \"unit\": \"ms\",\n  \"metric\": \"drop detected -> connected and"
                        + " resubscribed, minus scheduled backoff\",\n  \"min\": %.3f,\n  \"median\": %.3f,\n"
                        + "  \"p99\": %.3f,\n  \"max\": %.3f,\n  \"meanAttemptsPerDrop\": %.2f,\n"
                        + "  \"meanBackoffMs\": %.3f,\n  \"samplesMs\": %s\n}\n",
                drops,
                Runtime.getRuntime().availableProcessors(),
                min,
                median,
                p99,
                max,
                (double) totalAttempts / drops,
                millis(totalBackoff / drops),
                overheadNanos.stream()
                        .map(n -> String.format(Locale.ROOT, "%.3f", millis(n)))
                        .toList());
        LOG.info("{}", json);
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("ws-reconnect.json"), json);
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
