package io.mevkit.examples.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthRegistry;
import io.mevkit.core.health.HealthReport;
import io.mevkit.examples.demo.DemoRunner;
import io.mevkit.examples.demo.Searcher;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.Exclusion;
import io.mevkit.oracle.Quote;
import io.mevkit.stream.Channel;
import io.mevkit.stream.StreamServer;
import io.mevkit.stream.StreamStats;
import io.mevkit.ws.Head;
import io.mevkit.ws.PendingTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's dashboard feed: a loopback {@link StreamServer} (no JWT secret, so it binds to loopback only) that serves
 * the dashboard page from the classpath ({@code dashboard/}) and publishes what the demo does on the stream's eight
 * channels. Opportunities and bundles are published as whole rows keyed by victim hash and bundle id, so a page
 * simply upserts them; amounts in wei are decimal strings (JavaScript numbers would round them).
 *
 * <p>Once a {@linkplain #tickEvery tick} it publishes the health registry's report on {@code node_status} (when it
 * changed, and at least every fifth tick), alerts on every component's status change, and the stream's counters on
 * {@code metrics}. {@link #restart()} stops the server and starts a new one on the same port (a new epoch): what is
 * published in between is queued (bounded, overflow counted and alerted) and published once the new server runs.
 *
 * <p>Thread-safe: the searcher calls it from its subscription threads, the demo from its main thread.
 */
public final class DemoStream implements DemoRunner.Observer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoStream.class);
    private static final int MAX_QUEUED_WHILE_DOWN = 4096;
    private static final int FULL_STATUS_EVERY_TICKS = 5;

    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private final int port;
    private final ScheduledExecutorService ticker;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private final AtomicLong droppedWhileDown = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    // rows by key, guarded by lock
    private final Map<Hash, ObjectNode> opportunities = new LinkedHashMap<>();
    private final Map<Long, Hash> victimByOpportunity = new HashMap<>();
    private final Map<Long, ObjectNode> bundles = new LinkedHashMap<>();
    private final Map<String, Health.Status> lastHealth = new HashMap<>();
    private @Nullable StreamServer server;
    private @Nullable String lastStatus;
    private @Nullable String lastPrice;
    private long ticks;
    private volatile @Nullable HealthRegistry health;
    private volatile @Nullable MeterRegistry meters;
    private volatile boolean closed;

    private record Queued(Channel channel, ObjectNode payload) {}

    private DemoStream(int port, Duration tick) {
        StreamServer first = newServer(port);
        this.server = first;
        this.port = first.port();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-stream-tick");
            t.setDaemon(true);
            return t;
        });
        long every = tick.toMillis();
        ticker.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts the stream on {@code port} (0: any free port), with a one-second tick. */
    public static DemoStream start(int port) {
        return tickEvery(port, Duration.ofSeconds(1));
    }

    /** Starts the stream on {@code port} (0: any free port), publishing health and counters every {@code tick}. */
    public static DemoStream tickEvery(int port, Duration tick) {
        if (port < 0 || port > 65_535) {
            throw new io.mevkit.core.ValidationException("streamPort", port, "must be in [0, 65535]");
        }
        Objects.requireNonNull(tick, "tick");
        if (tick.isNegative() || tick.isZero()) {
            throw new io.mevkit.core.ValidationException("tick", tick, "must be positive");
        }
        return new DemoStream(port, tick);
    }

    private static StreamServer newServer(int port) {
        return StreamServer.builder()
                .host("127.0.0.1")
                .port(port)
                .path("/stream")
                .staticClasspathResources("dashboard/")
                .build();
    }

    /** The port the page and the stream are served on (the same across restarts). */
    public int port() {
        return port;
    }

    /** The dashboard page, e.g. {@code http://127.0.0.1:8787/}. */
    public URI pageUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The current server's epoch (changes with every restart). */
    public String epoch() {
        return current().epoch();
    }

    /** The current server's counters. */
    public StreamStats stats() {
        return current().stats();
    }

    /** How often the server was restarted. */
    public long restarts() {
        return restarts.get();
    }

    /** Messages lost because more than 4096 were published while the server was down. */
    public long droppedWhileDown() {
        return droppedWhileDown.get();
    }

    private StreamServer current() {
        synchronized (lock) {
            if (server == null) {
                throw new IllegalStateException("the stream server is restarting or closed");
            }
            return server;
        }
    }

    /**
     * Stops the stream server (clients see 1001, going away) and starts a new one on the same port. Messages
     * published meanwhile are queued and published on the new server, in order.
     */
    public void restart() {
        StreamServer old;
        synchronized (lock) {
            if (closed || server == null) {
                throw new IllegalStateException("the stream is closed");
            }
            old = server;
            server = null;
        }
        old.close();
        StreamServer fresh = newServer(port);
        long lost = droppedWhileDown.get();
        synchronized (lock) {
            if (closed) {
                fresh.close();
                return;
            }
            server = fresh;
            while (!queued.isEmpty()) {
                Queued q = queued.poll();
                fresh.publish(q.channel(), q.payload());
            }
        }
        restarts.incrementAndGet();
        alert("info", "stream", "stream server restarted (epoch " + fresh.epoch() + ")");
        if (lost > 0) {
            alert("warning", "stream", lost + " messages were lost while the stream server was down");
        }
    }

    private void publish(Channel channel, ObjectNode payload) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (server == null) {
                if (queued.size() >= MAX_QUEUED_WHILE_DOWN) {
                    droppedWhileDown.incrementAndGet();
                } else {
                    queued.add(new Queued(channel, payload.deepCopy()));
                }
                return;
            }
            server.publish(channel, payload);
        }
    }

    private void alert(String level, String source, String message) {
        ObjectNode a = json.createObjectNode();
        a.put("level", level);
        a.put("source", source);
        a.put("message", message);
        publish(Channel.SYSTEM_ALERTS, a);
    }

    // ---- the run

    @Override
    public void started(HealthRegistry health, MeterRegistry metrics) {
        this.health = health;
        this.meters = metrics;
        health.register("stream", () -> {
            synchronized (lock) {
                return server == null
                        ? Health.degraded(Map.of("state", "restarting"))
                        : server.healthCheck().check();
            }
        });
        alert("info", "demo", "demo started: anvil, contracts and searcher are up");
    }

    @Override
    public void block(int block, int of, Searcher.Summary s) {
        ObjectNode m = json.createObjectNode();
        m.put("kind", "run");
        m.put("block", block);
        m.put("of", of);
        m.put("victimsSeen", s.victimsSeen());
        m.put("sandwichable", s.sandwichable());
        m.put("executed", s.executed());
        m.put("executedV3", s.executedV3());
        m.put("predictedWei", s.predictedWei().toString());
        m.put("realizedWei", s.realizedWei().toString());
        ObjectNode r = m.putObject("rejections");
        s.rejections().forEach(r::put);
        publish(Channel.METRICS, m);
        if (block == of) {
            health = null; // the run closes its components next: their checks would only report that
            alert("info", "demo", "demo finished its " + of + " blocks: " + s.executed() + " sandwiches executed");
        }
    }

    // ---- the searcher

    @Override
    public void victim(PendingTransaction tx, String venue) {
        synchronized (lock) {
            ObjectNode row = json.createObjectNode();
            row.put("victim", tx.hash().hex());
            row.put("from", tx.from().hex());
            row.put("venue", venue);
            row.put("status", "seen");
            opportunities.put(tx.hash(), row);
            publish(Channel.OPPORTUNITIES, row);
            ObjectNode t = json.createObjectNode();
            t.put("hash", tx.hash().hex());
            t.put("role", "victim");
            t.put("from", tx.from().hex());
            t.put("to", tx.to().map(Address::hex).orElse(null));
            t.put("venue", venue);
            t.put("nonce", tx.nonce());
            t.put("status", "pending");
            publish(Channel.TRANSACTIONS, t);
        }
    }

    @Override
    public void opportunity(long opportunityId, Hash victim, Address pool, String strategy, long block) {
        synchronized (lock) {
            victimByOpportunity.put(opportunityId, victim);
            ObjectNode row = row(victim);
            row.put("opportunityId", opportunityId);
            row.put("pool", pool.hex());
            row.put("strategy", strategy);
            row.put("block", block);
            row.put("status", "sizing");
            publish(Channel.OPPORTUNITIES, row);
        }
    }

    @Override
    public void rejected(@Nullable Hash victim, @Nullable Long opportunityId, String reason) {
        synchronized (lock) {
            Hash key = victim != null ? victim : opportunityId != null ? victimByOpportunity.get(opportunityId) : null;
            if (key != null) {
                ObjectNode row = row(key);
                row.put("status", "rejected");
                row.put("reason", reason);
                publish(Channel.OPPORTUNITIES, row);
                ObjectNode t = json.createObjectNode();
                t.put("hash", key.hex());
                t.put("role", "victim");
                t.put("status", "skipped: " + reason);
                publish(Channel.TRANSACTIONS, t);
            }
        }
        if (reason.equals("ERROR")) {
            alert("warning", "searcher", "a victim failed with an error" + (victim == null ? "" : ": " + victim.hex()));
        }
    }

    @Override
    public void price(AggregatedPrice p) {
        String key = p.value().toPlainString() + "@" + p.asOf();
        synchronized (lock) {
            if (key.equals(lastPrice)) {
                return; // the oracle's cached aggregate: already published
            }
            lastPrice = key;
        }
        ObjectNode f = json.createObjectNode();
        f.put("asset", p.asset().toString());
        f.put("value", p.value().toPlainString());
        f.put("lower", p.lower().toPlainString());
        f.put("upper", p.upper().toPlainString());
        f.put("sigma", p.sigma().toPlainString());
        f.put("score", p.score());
        f.put("confident", p.confident());
        f.put("asOf", p.asOf().toString());
        ArrayNode included = f.putArray("sources");
        for (Quote q : p.included()) {
            ObjectNode o = included.addObject();
            o.put("source", q.source());
            o.put("kind", q.kind().name());
            o.put("price", q.price().toPlainString());
        }
        ArrayNode excluded = f.putArray("excluded");
        for (Exclusion e : p.excluded()) {
            ObjectNode o = excluded.addObject();
            o.put("source", e.source());
            o.put("kind", e.kind().name());
            o.put("reason", e.reason().name());
            o.put("detail", e.detail());
        }
        publish(Channel.PRICE_FEEDS, f);
    }

    @Override
    public void submitted(
            long opportunityId,
            long bundleId,
            Hash bundleHash,
            String venue,
            long targetBlock,
            List<Hash> txs,
            BigInteger predictedWei,
            BigInteger gasCostWei,
            BigInteger bribeWei) {
        synchronized (lock) {
            Hash victim = victimByOpportunity.get(opportunityId);
            ObjectNode b = json.createObjectNode();
            b.put("bundleId", bundleId);
            b.put("opportunityId", opportunityId);
            b.put("victim", victim == null ? null : victim.hex());
            b.put("bundleHash", bundleHash.hex());
            b.put("venue", venue);
            b.put("targetBlock", targetBlock);
            ArrayNode list = b.putArray("txs");
            txs.forEach(h -> list.add(h.hex()));
            b.put("predictedWei", predictedWei.toString());
            b.put("gasCostWei", gasCostWei.toString());
            b.put("bribeWei", bribeWei.toString());
            b.put("status", "submitted");
            bundles.put(bundleId, b);
            publish(Channel.BUNDLES, b);
            if (victim != null) {
                ObjectNode row = row(victim);
                row.put("status", "submitted");
                row.put("bundleId", bundleId);
                row.put("predictedWei", predictedWei.toString());
                publish(Channel.OPPORTUNITIES, row);
            }
            String[] roles = {"front-run", "victim", "back-run"};
            for (int i = 0; i < txs.size() && i < roles.length; i++) {
                ObjectNode t = json.createObjectNode();
                t.put("hash", txs.get(i).hex());
                t.put("role", roles[i]);
                t.put("venue", venue);
                t.put("bundleId", bundleId);
                t.put("block", targetBlock);
                t.put("status", "bundled");
                publish(Channel.TRANSACTIONS, t);
            }
        }
    }

    @Override
    public void settled(
            long opportunityId,
            long bundleId,
            Hash victim,
            String outcome,
            long block,
            BigInteger predictedWei,
            BigInteger realizedWei) {
        synchronized (lock) {
            ObjectNode b = bundles.get(bundleId);
            if (b != null) {
                b.put("status", outcome);
                b.put("block", block);
                b.put("realizedWei", realizedWei.toString());
                publish(Channel.BUNDLES, b);
                for (var h : b.withArray("txs")) {
                    ObjectNode t = json.createObjectNode();
                    t.put("hash", h.asText());
                    t.put("bundleId", bundleId);
                    t.put("block", block);
                    t.put("status", outcome.equals("MISSED") ? "missed" : "mined");
                    publish(Channel.TRANSACTIONS, t);
                }
            }
            ObjectNode row = row(victim);
            row.put("status", outcome);
            row.put("predictedWei", predictedWei.toString());
            row.put("realizedWei", realizedWei.toString());
            publish(Channel.OPPORTUNITIES, row);
        }
        if (!outcome.equals("LANDED")) {
            alert("warning", "builder", "bundle " + bundleId + " " + outcome.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public void head(Head head) {
        ObjectNode g = json.createObjectNode();
        g.put("block", head.number());
        g.put("timestamp", head.timestamp());
        g.put("baseFeeWei", head.baseFeePerGas().map(BigInteger::toString).orElse(null));
        g.put("gasUsed", head.gasUsed());
        g.put("gasLimit", head.gasLimit());
        publish(Channel.GAS_PRICES, g);
    }

    /** The victim's row, created when the victim event was missed (it never is in the demo). */
    private ObjectNode row(Hash victim) {
        return opportunities.computeIfAbsent(victim, v -> {
            ObjectNode row = json.createObjectNode();
            row.put("victim", v.hex());
            return row;
        });
    }

    // ---- the tick

    private void tick() {
        try {
            HealthRegistry h = health;
            if (h != null) {
                publishHealth(h.evaluate());
            }
            publishCounters();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep ticking
            log.warn("dashboard tick failed: {}", e.toString());
        }
    }

    private void publishHealth(HealthReport report) {
        ObjectNode s = json.createObjectNode();
        s.put("status", report.status().name());
        ObjectNode checks = s.putObject("checks");
        for (Map.Entry<String, Health> e : report.checks().entrySet()) {
            ObjectNode c = checks.putObject(e.getKey());
            c.put("status", e.getValue().status().name());
            ObjectNode details = c.putObject("details");
            e.getValue().details().forEach(details::put);
        }
        String text = s.toString();
        boolean due;
        synchronized (lock) {
            due = !text.equals(lastStatus) || ticks++ % FULL_STATUS_EVERY_TICKS == 0;
            lastStatus = text;
        }
        s.put("evaluatedAt", report.evaluatedAt().toString());
        if (due) {
            publish(Channel.NODE_STATUS, s);
        }
        for (Map.Entry<String, Health> e : report.checks().entrySet()) {
            Health.Status now = e.getValue().status();
            Health.Status before;
            synchronized (lock) {
                before = lastHealth.put(e.getKey(), now);
            }
            if (before != null && before != now) {
                String level =
                        now == Health.Status.DOWN ? "critical" : now == Health.Status.DEGRADED ? "warning" : "info";
                alert(level, e.getKey(), e.getKey() + " is " + now + " (was " + before + ")");
            } else if (before == null && now != Health.Status.UP) {
                alert("warning", e.getKey(), e.getKey() + " is " + now);
            }
        }
    }

    private void publishCounters() {
        ObjectNode m = json.createObjectNode();
        m.put("kind", "stream");
        StreamStats st;
        synchronized (lock) {
            if (server == null) {
                return;
            }
            st = server.stats();
        }
        m.put("clients", st.clients());
        m.put("delivered", st.delivered());
        m.put("replayed", st.replayed());
        m.put("gaps", st.gaps());
        m.put("dropped", st.dropped());
        m.put("restarts", restarts.get());
        MeterRegistry r = meters;
        if (r != null) {
            long exchanges = 0;
            for (Timer t : r.find("mevkit.rpc.exchanges").timers()) {
                exchanges += t.count();
            }
            m.put("rpcRequests", exchanges);
            double retries = 0;
            for (Counter c : r.find("mevkit.rpc.retries").counters()) {
                retries += c.count();
            }
            m.put("rpcRetries", (long) retries);
        }
        publish(Channel.METRICS, m);
    }

    /** Stops the tick and the stream server (and every thread they started). Idempotent. */
    @Override
    public void close() {
        StreamServer s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            s = server;
            server = null;
            queued.clear();
        }
        ticker.shutdownNow();
        try {
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the dashboard tick did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (s != null) {
            s.close();
        }
        HealthRegistry h = health;
        if (h != null) {
            h.unregister("stream");
        }
    }
}
