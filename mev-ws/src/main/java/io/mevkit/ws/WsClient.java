package io.mevkit.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Chain;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.ws.internal.Json;
import io.mevkit.ws.internal.Subscriptions;
import io.mevkit.ws.internal.WsEngine;
import io.mevkit.ws.internal.WsSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A resilient JSON-RPC WebSocket client for Ethereum nodes: it reconnects on its own (exponential backoff with full
 * jitter, a circuit breaker per endpoint, failover across endpoints), detects dead links (ping with a pong deadline,
 * and a data watchdog derived from the chain's block time), and keeps {@code eth_subscribe} subscriptions gap-free
 * across drops: missed heads and logs are backfilled over HTTP in order, duplicates are dropped, reorgs arrive as
 * removed logs, and what cannot be filled arrives as a typed {@link Gap}. Each subscription has a bounded buffer with
 * its own {@link OverflowPolicy}, delivered off the socket's reader thread.
 *
 * <pre>{@code
 * try (WsClient client = WsClient.builder()
 *         .endpoint(Endpoint.of("wss://node.example/ws", "https://node.example/rpc"))
 *         .chain(Chains.ETHEREUM)
 *         .build()) {
 *     client.subscribeNewHeads(head -> log.info("head {}", head.number()));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} starts connecting at once. The client is thread-safe; one instance per application and
 * chain is enough. {@link #close()} stops every thread it started.
 */
public final class WsClient implements AutoCloseable {
    private final WsEngine engine;
    private final WsSettings settings;

    private WsClient(WsSettings settings) {
        this.settings = settings;
        this.engine = new WsEngine(settings);
        engine.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConnectionState state() {
        return engine.state();
    }

    /**
     * Waits until the client is {@link ConnectionState#CONNECTED}.
     *
     * @throws WsTimeoutException if it is not connected within {@code timeout}
     * @throws WsException if it failed or was closed meanwhile
     */
    public void awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<Void> signal = engine.connectedSignal();
            long left = deadline - System.nanoTime();
            try {
                signal.get(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (engine.state() == ConnectionState.CONNECTED) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WsException("interrupted while waiting for a connection", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof WsException ws ? ws : new WsException("not connected", cause);
            } catch (TimeoutException e) {
                throw new WsTimeoutException("connect", timeout);
            }
            if (System.nanoTime() >= deadline) {
                throw new WsTimeoutException("connect", timeout);
            }
        }
    }

    /** A consistent snapshot of the client's counters; cheap enough to call every second. */
    public WsStats stats() {
        return engine.stats();
    }

    /**
     * Sends a JSON-RPC request over the socket, with the default timeout. While no socket is ready the request waits
     * (its timeout running); if the socket drops with the request in flight, its {@link RequestPolicy} decides.
     *
     * @param params the parameters: strings, numbers, booleans, lists, maps or Jackson nodes
     * @return the result, or a failure with {@link WsRpcException}, {@link WsTimeoutException} or
     *     {@link RequestLostException}; completed on a worker thread, never the socket's reader
     */
    public CompletableFuture<JsonNode> requestAsync(String method, Object... params) {
        return requestAsync(settings.requestTimeout(), method, params);
    }

    /** {@link #requestAsync(String, Object...)} with its own timeout. */
    public CompletableFuture<JsonNode> requestAsync(Duration timeout, String method, Object... params) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ValidationException("timeout", timeout, "must be positive");
        }
        return engine.request(method, Json.params(params), timeout);
    }

    /** The blocking twin of {@link #requestAsync(String, Object...)}. */
    public JsonNode request(String method, Object... params) {
        try {
            return requestAsync(method, params).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WsException("interrupted while waiting for " + method, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof WsException ws ? ws : new WsException(method + " failed", cause);
        }
    }

    /** {@code newHeads}, with the default options. */
    public Subscription<Head> subscribeNewHeads(SubscriptionListener<Head> listener) {
        return subscribeNewHeads(settings.defaultOptions(), listener);
    }

    /**
     * {@code newHeads}: every block number once, in order, gaps backfilled; reorged heights delivered again. The stream
     * starts after the first head the subscription learns (the node's answer to the {@code eth_blockNumber} sent once
     * the node acknowledged it, or the first polled head if the socket died before that answer): blocks mined before
     * that point are not delivered; after it, none is missed.
     */
    public Subscription<Head> subscribeNewHeads(SubscriptionOptions options, SubscriptionListener<Head> listener) {
        check(options, listener);
        return engine.register(Subscriptions.newHeads(engine, engine.nextSubscriptionId(), options, listener));
    }

    /** {@code logs(filter)}, with the default options. */
    public Subscription<LogEvent> subscribeLogs(LogFilter filter, SubscriptionListener<LogEvent> listener) {
        return subscribeLogs(filter, settings.defaultOptions(), listener);
    }

    /** {@code logs(filter)}: every matching log once, in order, gaps backfilled, reorgs as removed logs. */
    public Subscription<LogEvent> subscribeLogs(
            LogFilter filter, SubscriptionOptions options, SubscriptionListener<LogEvent> listener) {
        Objects.requireNonNull(filter, "filter");
        check(options, listener);
        return engine.register(Subscriptions.logs(engine, engine.nextSubscriptionId(), filter, options, listener));
    }

    /** {@code newPendingTransactions} (hashes), with the default options. */
    public Subscription<Hash> subscribePendingTransactionHashes(SubscriptionListener<Hash> listener) {
        return subscribePendingTransactionHashes(settings.defaultOptions(), listener);
    }

    /** {@code newPendingTransactions} (hashes); each outage is reported as a {@link Gap}. */
    public Subscription<Hash> subscribePendingTransactionHashes(
            SubscriptionOptions options, SubscriptionListener<Hash> listener) {
        check(options, listener);
        return engine.register(Subscriptions.pendingHashes(engine, engine.nextSubscriptionId(), options, listener));
    }

    /** {@code newPendingTransactions} with full transactions, with the default options. */
    public Subscription<PendingTransaction> subscribePendingTransactions(
            SubscriptionListener<PendingTransaction> listener) {
        return subscribePendingTransactions(settings.defaultOptions(), listener);
    }

    /** {@code newPendingTransactions} with full transactions; each outage is reported as a {@link Gap}. */
    public Subscription<PendingTransaction> subscribePendingTransactions(
            SubscriptionOptions options, SubscriptionListener<PendingTransaction> listener) {
        check(options, listener);
        return engine.register(
                Subscriptions.pendingTransactions(engine, engine.nextSubscriptionId(), options, listener));
    }

    /**
     * Closes the socket, fails pending requests, ends every subscription without further delivery and stops the
     * threads the client started (executors passed to the builder are left running). Idempotent.
     */
    @Override
    public void close() {
        engine.close();
    }

    private static void check(SubscriptionOptions options, SubscriptionListener<?> listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
    }

    /**
     * Configures a {@link WsClient}. Each option is validated when set and the whole at {@link #build()}; messages
     * name the option and value (never a URL's secret parts or a header value). Not thread-safe.
     */
    public static final class Builder {
        private final List<Endpoint> endpoints = new ArrayList<>();
        private @Nullable Long expectedChainId;
        private Duration blockTime = Duration.ofSeconds(12);
        private @Nullable Duration staleAfter;
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private @Nullable Duration maxDowntime;
        private int breakerFailures = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private int maxMessageBytes = 16 * 1024 * 1024;
        private final Map<String, RequestPolicy> requestPolicies = new HashMap<>();
        private @Nullable BackfillSource backfillSource;
        private int maxBackfillBlocks = 1024;
        private int logsChunkBlocks = 500;
        private int reorgWindow = 64;
        private int backfillAttempts = 3;
        private Duration backfillRetryDelay = Duration.ofMillis(250);
        private int maxHeldEvents = 100_000;
        private @Nullable Duration pollingAfter = Duration.ofSeconds(30);
        private @Nullable Duration pollInterval;
        private SubscriptionOptions defaultOptions = SubscriptionOptions.defaults();
        private final List<WsListener> listeners = new ArrayList<>();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable ExecutorService executor;
        private LongSupplier ticker = System::nanoTime;
        private @Nullable RandomGenerator random;
        private @Nullable OkHttpClient okHttpClient;

        private Builder() {}

        /**
         * Adds an endpoint; at least one. Connections start with the first; when an endpoint fails or drops, the next
         * attempt goes to the next one in order (skipping those whose circuit is open), and the client stays on
         * whichever works.
         */
        public Builder endpoint(Endpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /** Adds endpoints in order. */
        public Builder endpoints(List<Endpoint> more) {
            more.forEach(this::endpoint);
            return this;
        }

        /**
         * The chain every endpoint must serve; an endpoint answering another {@code eth_chainId} is taken out of
         * rotation. Without it, the first node's chain id is adopted and required of every later one.
         */
        public Builder expectedChainId(long chainId) {
            if (chainId <= 0) {
                throw new ValidationException("expectedChainId", chainId, "must be positive");
            }
            this.expectedChainId = chainId;
            return this;
        }

        /** The chain's id and block time, e.g. {@code Chains.ETHEREUM}. */
        public Builder chain(Chain chain) {
            Objects.requireNonNull(chain, "chain");
            expectedChainId(chain.id());
            return blockTime(chain.blockTime());
        }

        /** The chain's block time (12 s by default); the data watchdog allows three of them unless set otherwise. */
        public Builder blockTime(Duration blockTime) {
            this.blockTime = positive("blockTime", blockTime);
            return this;
        }

        /** How long a {@code newHeads} subscription may stay silent before the link is probed. */
        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = positive("staleAfter", staleAfter);
            return this;
        }

        /** WebSocket ping interval; a pong not back before the next ping is due marks the link dead (15 s). */
        public Builder heartbeat(Duration heartbeat) {
            this.heartbeat = positive("heartbeat", heartbeat);
            return this;
        }

        /** The longest a connection attempt may take, from TCP connect to every subscription acknowledged (10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive("connectTimeout", connectTimeout);
            return this;
        }

        /** The default timeout of a JSON-RPC request (10 s); it runs across reconnects. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive("requestTimeout", requestTimeout);
            return this;
        }

        /**
         * Reconnect backoff: attempt {@code n} waits a uniformly random time in {@code [0, min(max, initial·2^(n-1))]}
         * (full jitter); 250 ms and 30 s by default. The first attempt after a drop is immediate.
         */
        public Builder backoff(Duration initial, Duration max) {
            positive("backoff.initial", initial);
            positive("backoff.max", max);
            if (max.compareTo(initial) < 0) {
                throw new ValidationException("backoff.max", max, "must be >= backoff.initial " + initial);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Gives up ({@link ConnectionState#FAILED}) after this long without a connection. Unset by default: the
         * client keeps trying, and reports every outage through its listener and stats.
         */
        public Builder maxDowntime(Duration maxDowntime) {
            this.maxDowntime = positive("maxDowntime", maxDowntime);
            return this;
        }

        /** Opens an endpoint's circuit after {@code failures} consecutive failures, for {@code openFor} (5, 30 s). */
        public Builder circuitBreaker(int failures, Duration openFor) {
            if (failures < 1) {
                throw new ValidationException("circuitBreaker.failures", failures, "must be >= 1");
            }
            this.breakerFailures = failures;
            this.breakerOpenFor = positive("circuitBreaker.openFor", openFor);
            return this;
        }

        /** Inbound messages longer than this are discarded and counted (16 MiB). */
        public Builder maxMessageBytes(int maxMessageBytes) {
            if (maxMessageBytes < 1024) {
                throw new ValidationException("maxMessageBytes", maxMessageBytes, "must be >= 1024");
            }
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Overrides {@link RequestPolicy#defaultFor(String)} for {@code method}. */
        public Builder requestPolicy(String method, RequestPolicy policy) {
            Objects.requireNonNull(method, "method");
            requestPolicies.put(method, Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Where missed heads and logs come from. By default: the connected endpoint's HTTP URL, else any endpoint's,
         * else the socket itself.
         */
        public Builder backfillSource(BackfillSource source) {
            this.backfillSource = Objects.requireNonNull(source, "backfillSource");
            return this;
        }

        /** The most blocks one catch-up fetches; older missed blocks become a {@link Gap} (1024). */
        public Builder maxBackfillBlocks(int blocks) {
            this.maxBackfillBlocks = atLeast("maxBackfillBlocks", blocks, 1);
            return this;
        }

        /** Blocks per {@code eth_getLogs} call; a failing range is split further (500). */
        public Builder logsChunkBlocks(int blocks) {
            this.logsChunkBlocks = atLeast("logsChunkBlocks", blocks, 1);
            return this;
        }

        /** How many recent blocks are remembered to detect reorgs and duplicates (64). */
        public Builder reorgWindow(int blocks) {
            this.reorgWindow = atLeast("reorgWindow", blocks, 2);
            return this;
        }

        /** Attempts per backfill call before a {@link Gap} is delivered, and the pause between them (3, 250 ms). */
        public Builder backfillRetries(int attempts, Duration delay) {
            this.backfillAttempts = atLeast("backfillRetries.attempts", attempts, 1);
            Objects.requireNonNull(delay, "backfillRetries.delay");
            if (delay.isNegative()) {
                throw new ValidationException("backfillRetries.delay", delay, "must be >= 0");
            }
            this.backfillRetryDelay = delay;
            return this;
        }

        /** Live events held per subscription while a backfill runs; beyond it the backfill is extended (100 000). */
        public Builder maxHeldEvents(int events) {
            this.maxHeldEvents = atLeast("maxHeldEvents", events, 16);
            return this;
        }

        /**
         * Starts polling heads and logs over HTTP after this long without a socket, or at once when every endpoint's
         * circuit is open (30 s); needs an HTTP URL or a backfill source.
         */
        public Builder pollingAfter(Duration after) {
            this.pollingAfter = positive("pollingAfter", after);
            return this;
        }

        /** Never falls back to HTTP polling. */
        public Builder noPolling() {
            this.pollingAfter = null;
            return this;
        }

        /** How often the polling fallback asks for the head (the block time by default). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive("pollInterval", interval);
            return this;
        }

        /** Options of subscriptions made without explicit ones. */
        public Builder defaultSubscriptionOptions(SubscriptionOptions options) {
            this.defaultOptions = Objects.requireNonNull(options, "defaultSubscriptionOptions");
            return this;
        }

        public Builder listener(WsListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Timers run here (reconnects, timeouts, watchdog, polling); by default one daemon thread of the client's. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Delivery, listener events and backfills run here; by default a cached pool of the client's. */
        public Builder executor(ExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The monotonic time source for silences, downtimes and deadlines, in nanoseconds ({@code System::nanoTime} by
         * default); the client never reads wall-clock time.
         */
        public Builder ticker(LongSupplier nanoTime) {
            this.ticker = Objects.requireNonNull(nanoTime, "ticker");
            return this;
        }

        /** The source of backoff jitter; pass a seeded generator for reproducible schedules. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Shares an application's okhttp pools; the client derives its own settings with {@code newBuilder()}. */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
            return this;
        }

        /** Validates the configuration and starts connecting. */
        public WsClient build() {
            if (endpoints.isEmpty()) {
                throw new ValidationException("endpoints", 0, "at least one endpoint");
            }
            Duration stale = staleAfter != null ? staleAfter : blockTime.multipliedBy(3);
            WsSettings settings = new WsSettings(
                    List.copyOf(endpoints),
                    expectedChainId,
                    blockTime,
                    stale,
                    heartbeat,
                    connectTimeout,
                    requestTimeout,
                    initialBackoff,
                    maxBackoff,
                    maxDowntime,
                    breakerFailures,
                    breakerOpenFor,
                    maxMessageBytes,
                    Map.copyOf(requestPolicies),
                    backfillSource,
                    maxBackfillBlocks,
                    logsChunkBlocks,
                    reorgWindow,
                    backfillAttempts,
                    backfillRetryDelay,
                    maxHeldEvents,
                    pollingAfter,
                    pollInterval != null ? pollInterval : blockTime,
                    defaultOptions,
                    List.copyOf(listeners),
                    scheduler,
                    executor,
                    ticker,
                    random != null ? random : RandomGenerator.of("L64X128MixRandom"),
                    okHttpClient);
            return new WsClient(settings);
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException(field, value, "must be positive");
            }
            return value;
        }

        private static int atLeast(String field, int value, int min) {
            if (value < min) {
                throw new ValidationException(field, value, "must be >= " + min);
            }
            return value;
        }
    }
}
