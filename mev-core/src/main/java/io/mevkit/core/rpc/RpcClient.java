package io.mevkit.core.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.RetryPolicy;
import io.mevkit.core.Address;
import io.mevkit.core.Chain;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.health.HealthCheck;
import io.mevkit.core.rpc.internal.Backoff;
import io.mevkit.core.rpc.internal.Endpoint;
import io.mevkit.core.rpc.internal.EndpointUrl;
import io.mevkit.core.rpc.internal.JsonRpcCodec;
import io.mevkit.core.rpc.internal.JsonRpcMapper;
import io.mevkit.core.rpc.internal.NoDelaySocketFactory;
import io.mevkit.core.rpc.internal.RpcEngine;
import io.mevkit.core.rpc.internal.RpcHealthCheck;
import io.mevkit.core.rpc.internal.Transport;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC 2.0 client over HTTP for one chain, with several endpoints.
 *
 * <p><b>Routing.</b> Calls go to the first usable endpoint in the configured order. Each endpoint's
 * {@code eth_chainId} is checked once, on first use, against the configured chain id; an endpoint serving another
 * chain is never used and is reported ({@link EndpointStatus.ChainCheck#WRONG_CHAIN}, a WARN log line, the
 * listener). Each endpoint has its own failsafe circuit breaker. An idempotent read that fails on one endpoint
 * (transport, timeout, HTTP error, malformed body) moves on to the next, and when all failed it is retried by the
 * retry policy (full-jitter exponential backoff by default). A JSON-RPC error object is the node's answer: it is
 * final. Calls that are not idempotent are sent once and fail over only when the request provably never left.
 *
 * <p><b>Sends.</b> {@link #sendRawTransaction(byte[])} only ever resends the identical bytes, and resolves "already
 * known", "nonce too low" and "replacement transaction underpriced" by asking whether the node has this very
 * transaction (by its own hash): one logical send returns the hash.
 *
 * <p><b>Secrets.</b> No URL credential, API key or auth header appears in an exception message or log line:
 * endpoints are shown as host and path with user info, query and key-like path segments removed, and text the node
 * sends back is scrubbed of the client's credentials.
 *
 * <p><b>Sharing and lifecycle.</b> Thread-safe and immutable once built; share one instance per chain.
 * {@link #newBuilder()} derives a variant that shares the HTTP connection pool. {@link #close()} stops the client's
 * own threads (the asynchronous-call scheduler, created on first asynchronous call) and releases idle connections;
 * an injected scheduler or HTTP client belongs to the caller. The caller's slf4j MDC (e.g. {@code mev.opp},
 * {@code mev.bundle}) is carried to asynchronous work and to the threads completing its futures.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private static final TypeReference<List<Log>> LOG_LIST = new TypeReference<>() {};

    private final Builder config;
    private final RpcEngine engine;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final @Nullable ScheduledExecutorService injectedScheduler;
    private final Object schedulerLock = new Object();
    private @Nullable ScheduledExecutorService ownScheduler;
    private volatile boolean closed;

    private RpcClient(Builder b, List<Endpoint> endpoints, RetryPolicy<Object> retryPolicy) {
        this.config = b.copy();
        this.ownsHttp = b.okHttpClient == null;
        this.http = b.okHttpClient != null
                ? b.okHttpClient
                : new OkHttpClient.Builder()
                        .connectTimeout(b.timeout)
                        .socketFactory(NoDelaySocketFactory.instance())
                        .readTimeout(Duration.ZERO)
                        .writeTimeout(Duration.ZERO)
                        .build();
        this.injectedScheduler = b.scheduler;
        Transport transport = new Transport(http, b.interceptors, b.maxResponseBytes);
        this.engine = new RpcEngine(
                b.chainId,
                endpoints,
                transport,
                new JsonRpcCodec(JsonRpcMapper.shared()),
                retryPolicy,
                b.timeout,
                compose(b.listeners),
                b.clock,
                this::scheduler);
        LOG.debug(
                "RPC client for chain {} with endpoints {}",
                b.chainId,
                endpoints.stream().map(Endpoint::info).toList());
    }

    /** A builder for a client; {@link Builder#chainId(long)} and at least one endpoint are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder with this client's configuration that shares its HTTP connection pool (and its scheduler, if one was
     * injected). Endpoint state (circuits, chain checks) starts afresh.
     */
    public Builder newBuilder() {
        Builder b = config.copy();
        if (b.okHttpClient == null) {
            b.okHttpClient = http;
        }
        return b;
    }

    // ----------------------------------------------------------------------------------------------- generic calls

    /**
     * Calls {@code request} and returns its decoded result; null when the node's result is JSON null.
     *
     * @throws RpcException when the call fails, naming the method
     */
    @SuppressWarnings("unchecked")
    public <T> @Nullable T call(RpcRequest<T> request) {
        Objects.requireNonNull(request, "request");
        requireOpen(request.method());
        return (T) engine.call(request);
    }

    /** Calls {@code method} with positional {@code params}, decoding the result into {@code resultType}. */
    public <T> @Nullable T call(String method, List<?> params, Class<T> resultType) {
        return call(RpcRequest.of(method, JsonRpcMapper.TYPES.constructType(resultType), params));
    }

    /** Calls {@code method}, decoding the result into a generic {@code resultType}; the caller vouches for T. */
    public <T> @Nullable T call(String method, List<?> params, JavaType resultType) {
        return call(RpcRequest.<T>of(method, resultType, params));
    }

    /**
     * The asynchronous twin of {@link #call(RpcRequest)}: runs on the client's scheduler; the future fails with the
     * {@link RpcException}. The caller's MDC is installed while the call runs and while the future completes.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> callAsync(RpcRequest<T> request) {
        Objects.requireNonNull(request, "request");
        if (closed) {
            return CompletableFuture.failedFuture(closedError(request.method()));
        }
        return engine.callAsync(request).thenApply(r -> (T) r);
    }

    /**
     * Sends {@code requests} as one JSON-RPC batch and matches the answers by id. A batch of idempotent reads is
     * failed over and retried as a whole; each request's own error is in the result.
     *
     * @throws RpcException when the batch as a whole fails (transport, HTTP status, malformed body, an error object in
     *     place of the batch)
     */
    public BatchResult batch(List<? extends RpcRequest<?>> requests) {
        Objects.requireNonNull(requests, "requests");
        requireOpen("batch");
        return new BatchResult(requests, engine.batch(requests));
    }

    /** The asynchronous twin of {@link #batch(List)}. */
    public CompletableFuture<BatchResult> batchAsync(List<? extends RpcRequest<?>> requests) {
        Objects.requireNonNull(requests, "requests");
        if (closed) {
            return CompletableFuture.failedFuture(closedError("batch"));
        }
        List<? extends RpcRequest<?>> copy = List.copyOf(requests);
        return engine.batchAsync(copy).thenApply(outcomes -> new BatchResult(copy, outcomes));
    }

    // ------------------------------------------------------------------------------------------------- typed reads

    /** {@code eth_chainId} as the node answers it (the endpoints' ids are also checked against the configured one). */
    public long chainId() {
        return required(call(RpcRequest.of("eth_chainId", Long.class)), "eth_chainId");
    }

    /** {@code eth_blockNumber}: the number of the most recent block. */
    public long blockNumber() {
        return required(call(RpcRequest.of("eth_blockNumber", Long.class)), "eth_blockNumber");
    }

    /**
     * {@code eth_getBlockByNumber}; with {@code fullTransactions} the block's transactions are decoded too.
     *
     * @return empty when the node has no such block
     */
    public Optional<Block> getBlockByNumber(BlockTag tag, boolean fullTransactions) {
        Objects.requireNonNull(tag, "tag");
        return Optional.ofNullable(call(RpcRequest.of("eth_getBlockByNumber", Block.class, tag, fullTransactions)));
    }

    /** {@code eth_getBlockByHash}. */
    public Optional<Block> getBlockByHash(Hash hash, boolean fullTransactions) {
        Objects.requireNonNull(hash, "hash");
        return Optional.ofNullable(call(RpcRequest.of("eth_getBlockByHash", Block.class, hash, fullTransactions)));
    }

    /**
     * {@code eth_call} of {@code data} on {@code to} at {@code block}.
     *
     * @return the returned bytes
     * @throws RpcException of kind RPC_ERROR when the call reverts (the revert data is in {@link RpcException#data()})
     */
    public byte[] call(Address to, byte[] data, BlockTag block) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(block, "block");
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("to", to);
        tx.put("data", data);
        return required(call(RpcRequest.of("eth_call", byte[].class, tx, block)), "eth_call");
    }

    /** {@code eth_getBalance} in wei. */
    public BigInteger getBalance(Address account, BlockTag block) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(block, "block");
        return required(call(RpcRequest.of("eth_getBalance", BigInteger.class, account, block)), "eth_getBalance");
    }

    /** {@code eth_getTransactionCount}: the account's nonce at {@code block} (use {@code pending} for the next one). */
    public long getTransactionCount(Address account, BlockTag block) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(block, "block");
        return required(
                call(RpcRequest.of("eth_getTransactionCount", Long.class, account, block)), "eth_getTransactionCount");
    }

    /** {@code eth_getTransactionByHash}; empty when the node does not know the transaction. */
    public Optional<Transaction> getTransactionByHash(Hash hash) {
        Objects.requireNonNull(hash, "hash");
        return Optional.ofNullable(call(RpcRequest.of("eth_getTransactionByHash", Transaction.class, hash)));
    }

    /** {@code eth_getTransactionReceipt}; empty while the transaction is not mined. */
    public Optional<TransactionReceipt> getTransactionReceipt(Hash hash) {
        Objects.requireNonNull(hash, "hash");
        return Optional.ofNullable(call(RpcRequest.of("eth_getTransactionReceipt", TransactionReceipt.class, hash)));
    }

    /** {@code eth_getLogs}. */
    public List<Log> getLogs(LogFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return required(call(RpcRequest.of("eth_getLogs", LOG_LIST, filter)), "eth_getLogs");
    }

    /**
     * {@code eth_feeHistory} for {@code blockCount} blocks up to {@code newest}, with priority fees at the given
     * percentiles (ascending, 0..100).
     */
    public FeeHistory feeHistory(int blockCount, BlockTag newest, double... rewardPercentiles) {
        Objects.requireNonNull(newest, "newest");
        if (blockCount < 1 || blockCount > 1024) {
            throw new ValidationException("blockCount", blockCount, "must be 1..1024");
        }
        double previous = -1;
        List<Double> percentiles = new ArrayList<>(rewardPercentiles.length);
        for (double p : rewardPercentiles) {
            if (!(p >= 0 && p <= 100) || p < previous) {
                throw new ValidationException(
                        "rewardPercentiles", Arrays.toString(rewardPercentiles), "must ascend within 0..100");
            }
            previous = p;
            percentiles.add(p);
        }
        return required(
                call(RpcRequest.of(
                        "eth_feeHistory",
                        FeeHistory.class,
                        "0x" + Integer.toHexString(blockCount),
                        newest,
                        percentiles)),
                "eth_feeHistory");
    }

    // ---------------------------------------------------------------------------------------------------- sends

    /**
     * {@code eth_sendRawTransaction} of signed transaction bytes; returns the transaction's hash (keccak-256 of the
     * bytes). Only these identical bytes are ever resent (to the next endpoint after an ambiguous failure); "already
     * known", "nonce too low" and "replacement transaction underpriced" are resolved with
     * {@code eth_getTransactionByHash} of this transaction's own hash, and succeed when the node has it.
     *
     * @throws RpcException when no endpoint took the transaction, e.g. "nonce too low" because another transaction
     *     used the nonce
     */
    public Hash sendRawTransaction(byte[] signedTransaction) {
        Objects.requireNonNull(signedTransaction, "signedTransaction");
        requireOpen("eth_sendRawTransaction");
        return engine.sendRawTransaction(signedTransaction.clone());
    }

    /** The asynchronous twin of {@link #sendRawTransaction(byte[])}. */
    public CompletableFuture<Hash> sendRawTransactionAsync(byte[] signedTransaction) {
        Objects.requireNonNull(signedTransaction, "signedTransaction");
        if (closed) {
            return CompletableFuture.failedFuture(closedError("eth_sendRawTransaction"));
        }
        return engine.sendRawTransactionAsync(signedTransaction.clone());
    }

    // --------------------------------------------------------------------------------------------------- status

    /** The chain id every endpoint is checked against. */
    public long configuredChainId() {
        return engine.chainId();
    }

    /** The configured endpoints, redacted, in routing order. */
    public List<RpcEndpoint> endpoints() {
        return engine.endpoints().stream().map(Endpoint::info).toList();
    }

    /** A snapshot of every endpoint's circuit, chain check, last error and latency. */
    public List<EndpointStatus> endpointStatuses() {
        return engine.statuses();
    }

    /**
     * A health check that probes every endpoint with {@code eth_chainId} (each bounded by the client's timeout):
     * UP when all answer on the right chain with a closed or half-open circuit, DEGRADED when some do, DOWN when
     * none does; details per endpoint.
     */
    public HealthCheck healthCheck() {
        return new RpcHealthCheck(engine, config.timeout);
    }

    /** Like {@link #healthCheck()} with each probe bounded by {@code probeTimeout}. */
    public HealthCheck healthCheck(Duration probeTimeout) {
        return new RpcHealthCheck(engine, requirePositive("probeTimeout", probeTimeout));
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Refuses new calls, stops the client's own scheduler threads (waiting briefly for running asynchronous calls)
     * and evicts idle connections of the client's own HTTP client. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
        ScheduledExecutorService own;
        synchronized (schedulerLock) {
            own = ownScheduler;
            ownScheduler = null;
        }
        if (own != null) {
            own.shutdownNow();
            try {
                if (!own.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("RPC client threads did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsHttp) {
            http.connectionPool().evictAll();
        }
        LOG.debug("RPC client for chain {} closed", engine.chainId());
    }

    private ScheduledExecutorService scheduler() {
        if (injectedScheduler != null) {
            return injectedScheduler;
        }
        synchronized (schedulerLock) {
            if (closed) {
                throw closedError("async");
            }
            if (ownScheduler == null) {
                ScheduledThreadPoolExecutor executor =
                        new ScheduledThreadPoolExecutor(config.asyncThreads, new DaemonThreads());
                executor.setRemoveOnCancelPolicy(true);
                ownScheduler = executor;
            }
            return ownScheduler;
        }
    }

    private void requireOpen(String method) {
        if (closed) {
            throw closedError(method);
        }
    }

    private static RpcException closedError(String method) {
        return RpcException.of(RpcException.Kind.CLOSED, method, null, "the client is closed", null);
    }

    private static <T> T required(@Nullable T value, String method) {
        if (value == null) {
            throw RpcException.of(RpcException.Kind.MALFORMED_RESPONSE, method, null, "the node returned null", null);
        }
        return value;
    }

    private static RpcListener compose(List<RpcListener> listeners) {
        if (listeners.isEmpty()) {
            return RpcListener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        return new CompositeListener(List.copyOf(listeners));
    }

    private static Duration requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new ValidationException(field, value, "must be positive");
        }
        return value;
    }

    private static final class DaemonThreads implements ThreadFactory {
        private static final AtomicInteger CLIENTS = new AtomicInteger();
        private final int client = CLIENTS.incrementAndGet();
        private final AtomicInteger threads = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, "mevkit-rpc-" + client + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    private record CompositeListener(List<RpcListener> listeners) implements RpcListener {
        @Override
        public void onExchange(Exchange exchange) {
            listeners.forEach(l -> l.onExchange(exchange));
        }

        @Override
        public void onFailover(String method, RpcEndpoint endpoint, RpcException cause) {
            listeners.forEach(l -> l.onFailover(method, endpoint, cause));
        }

        @Override
        public void onRetry(String method, int attempt, RpcException cause) {
            listeners.forEach(l -> l.onRetry(method, attempt, cause));
        }

        @Override
        public void onCircuitStateChanged(
                RpcEndpoint endpoint, EndpointStatus.CircuitState from, EndpointStatus.CircuitState to) {
            listeners.forEach(l -> l.onCircuitStateChanged(endpoint, from, to));
        }

        @Override
        public void onChainIdChecked(RpcEndpoint endpoint, long expected, long actual) {
            listeners.forEach(l -> l.onChainIdChecked(endpoint, expected, actual));
        }

        @Override
        public void onSend(Send send) {
            listeners.forEach(l -> l.onSend(send));
        }
    }

    /**
     * Configures an {@link RpcClient}. Not thread-safe. Each option is checked when set and the whole configuration
     * again at {@link #build()}; a bad value fails with a {@link ValidationException} naming the option (URLs are
     * never echoed: they may carry credentials).
     */
    public static final class Builder {
        private long chainId = -1;
        private final List<String[]> endpoints = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(10);
        private long maxResponseBytes = 16L * 1024 * 1024;
        private @Nullable RetryPolicy<Object> retryPolicy;
        private int maxRetries = 2;
        private Duration backoffBase = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(2);
        private @Nullable Supplier<? extends CircuitBreaker<Object>> circuitBreakers;
        private final List<RpcInterceptor> interceptors = new ArrayList<>();
        private final List<RpcListener> listeners = new ArrayList<>();
        private @Nullable OkHttpClient okHttpClient;
        private @Nullable ScheduledExecutorService scheduler;
        private int asyncThreads = 4;
        private Clock clock = Clock.systemUTC();
        private @Nullable RandomGenerator random;

        private Builder() {}

        private Builder copy() {
            Builder b = new Builder();
            b.chainId = chainId;
            endpoints.forEach(e -> b.endpoints.add(e.clone()));
            b.timeout = timeout;
            b.maxResponseBytes = maxResponseBytes;
            b.retryPolicy = retryPolicy;
            b.maxRetries = maxRetries;
            b.backoffBase = backoffBase;
            b.backoffMax = backoffMax;
            b.circuitBreakers = circuitBreakers;
            b.interceptors.addAll(interceptors);
            b.listeners.addAll(listeners);
            b.okHttpClient = okHttpClient;
            b.scheduler = scheduler;
            b.asyncThreads = asyncThreads;
            b.clock = clock;
            b.random = random;
            return b;
        }

        /** The chain every endpoint must serve (required). */
        public Builder chainId(long id) {
            if (id <= 0) {
                throw new ValidationException("chainId", id, "must be positive");
            }
            this.chainId = id;
            return this;
        }

        /** The chain every endpoint must serve: its id. */
        public Builder chain(Chain chain) {
            return chainId(Objects.requireNonNull(chain, "chain").id());
        }

        /**
         * Adds an endpoint; endpoints are tried in the order added. The URL may carry credentials
         * ({@code https://user:pass@host/}, sent as Basic authorization) or a key in its query or path; none of it is
         * ever shown.
         */
        public Builder endpoint(String url) {
            Objects.requireNonNull(url, "url");
            endpoints.add(new String[] {null, url});
            return this;
        }

        /** Adds an endpoint with a display {@code name} (used in logs, metrics and health details). */
        public Builder endpoint(String name, String url) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            if (name.isBlank() || name.length() > 64) {
                throw new ValidationException("endpoint name", name, "must be 1..64 characters");
            }
            endpoints.add(new String[] {name, url});
            return this;
        }

        /** The time each HTTP exchange may take in all (default 10 s); a request may override it. */
        public Builder timeout(Duration value) {
            this.timeout = requirePositive("timeout", value);
            return this;
        }

        /** The largest response body read (default 16 MiB); a larger one fails as OVERSIZE_RESPONSE. */
        public Builder maxResponseBytes(long value) {
            if (value < 1024) {
                throw new ValidationException("maxResponseBytes", value, "must be at least 1024");
            }
            this.maxResponseBytes = value;
            return this;
        }

        /**
         * The retry policy of idempotent reads, replacing the default (2 retries, full-jitter exponential backoff
         * from 100 ms to 2 s). It only ever sees failures that are safe to retry; JSON-RPC error objects are final.
         */
        public Builder retryPolicy(RetryPolicy<Object> value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** The default retry policy's retries (default 2; 0 disables retries). */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 100) {
                throw new ValidationException("maxRetries", value, "must be 0..100");
            }
            this.maxRetries = value;
            return this;
        }

        /**
         * The default retry policy's backoff: before retry n, a uniformly random delay in
         * {@code [0, min(max, base * 2^(n-1))]} ("full jitter").
         */
        public Builder backoff(Duration base, Duration max) {
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(max, "max");
            if (base.isNegative() || max.compareTo(base) < 0) {
                throw new ValidationException("backoff", base + ".." + max, "needs 0 <= base <= max");
            }
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** The randomness of the default backoff's jitter (default: a fresh {@link RandomGenerator}). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Makes each endpoint's circuit breaker; called once per endpoint at {@link #build()} and must return a new
         * breaker each time. The default opens after 5 consecutive failures, half-opens after 10 s and closes after
         * one success.
         */
        public Builder circuitBreakers(Supplier<? extends CircuitBreaker<Object>> factory) {
            this.circuitBreakers = Objects.requireNonNull(factory, "circuitBreakers");
            return this;
        }

        /** Adds an interceptor; interceptors run in the order added, around each HTTP exchange. */
        public Builder addInterceptor(RpcInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** Adds a listener (e.g. {@link MicrometerRpcListener}). */
        public Builder addListener(RpcListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The okhttp client to send with (sharing its connection pool and TLS setup); it belongs to the caller.
         * Its own timeouts apply in addition to the client's.
         */
        public Builder okHttpClient(OkHttpClient value) {
            this.okHttpClient = Objects.requireNonNull(value, "okHttpClient");
            return this;
        }

        /**
         * The scheduler asynchronous calls and their retry delays run on; it belongs to the caller. Without one, the
         * client creates its own daemon threads on the first asynchronous call and stops them on close.
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The thread count of the client's own scheduler (default 4). */
        public Builder asyncThreads(int value) {
            if (value < 1 || value > 256) {
                throw new ValidationException("asyncThreads", value, "must be 1..256");
            }
            this.asyncThreads = value;
            return this;
        }

        /** The clock for latencies, error times and the sent-transaction memory (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Validates the configuration and builds the client. */
        public RpcClient build() {
            if (chainId <= 0) {
                throw new ValidationException("chainId", chainId, "is required and must be positive");
            }
            if (endpoints.isEmpty()) {
                throw new ValidationException("endpoints", 0, "at least one endpoint is required");
            }
            List<Endpoint> built = new ArrayList<>(endpoints.size());
            Set<String> names = new HashSet<>();
            RpcListener listener = compose(listeners);
            for (int i = 0; i < endpoints.size(); i++) {
                String[] e = endpoints.get(i);
                String field = "endpoints[" + i + "]";
                EndpointUrl url = EndpointUrl.parse(e[1])
                        .orElseThrow(() -> ValidationException.redacted(field, "must be an http or https URL"));
                String name = e[0] == null ? url.display() : e[0];
                if (!names.add(name)) {
                    throw new ValidationException(field + ".name", name, "must be unique among endpoints");
                }
                CircuitBreaker<Object> breaker = circuitBreakers == null ? defaultBreaker() : circuitBreakers.get();
                if (breaker == null || built.stream().anyMatch(b -> b.breakerIs(breaker))) {
                    throw new ValidationException(
                            "circuitBreakers", "the same breaker twice", "must return a new breaker per endpoint");
                }
                built.add(new Endpoint(new RpcEndpoint(name, url.display()), url, breaker, listener, clock));
            }
            return new RpcClient(this, built, retryPolicy != null ? retryPolicy : defaultRetryPolicy());
        }

        private static CircuitBreaker<Object> defaultBreaker() {
            return CircuitBreaker.builder()
                    .withFailureThreshold(5)
                    .withDelay(Duration.ofSeconds(10))
                    .withSuccessThreshold(1)
                    .build();
        }

        private RetryPolicy<Object> defaultRetryPolicy() {
            RandomGenerator jitter = random != null ? random : RandomGenerator.getDefault();
            Duration base = backoffBase;
            Duration max = backoffMax;
            return RetryPolicy.builder()
                    .handleIf((result, failure) -> failure instanceof RpcException e && e.isRetryable())
                    .withMaxRetries(maxRetries)
                    .withDelayFn(ctx -> Backoff.fullJitter(base, max, ctx.getAttemptCount(), jitter))
                    .build();
        }
    }
}
