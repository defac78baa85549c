package io.mevkit.ws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.failsafe.AsyncExecution;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcHttpRequest;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.ConnectionState;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.EndpointStats;
import io.mevkit.ws.Gap;
import io.mevkit.ws.HandshakeRejectedException;
import io.mevkit.ws.Head;
import io.mevkit.ws.OverflowPolicy;
import io.mevkit.ws.RequestLostException;
import io.mevkit.ws.RequestPolicy;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionOptions;
import io.mevkit.ws.SubscriptionStats;
import io.mevkit.ws.WsException;
import io.mevkit.ws.WsRpcException;
import io.mevkit.ws.WsStats;
import io.mevkit.ws.WsTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection state machine behind {@link io.mevkit.ws.WsClient}: one socket at a time, reconnects through a
 * failsafe retry policy (exponential backoff with full jitter from the injected random generator, on the injected
 * scheduler), a failsafe circuit breaker per endpoint, request matching, resubscription and the watchdogs.
 *
 * <p>All connection state is guarded by one lock; listener events, user futures and subscription delivery run on the
 * worker executor, never on the socket's reader thread and never under the lock. Thread-safe.
 */
public final class WsEngine implements SubscriptionHost {
    private static final Logger LOG = LoggerFactory.getLogger(WsEngine.class);

    private enum Phase {
        OPENING,
        VERIFYING,
        SUBSCRIBING,
        READY
    }

    /** Failsafe aborts the reconnect loop on this: the client is closed. */
    private static final class ClientClosedException extends WsException {
        private static final long serialVersionUID = 1L;

        ClientClosedException() {
            super("client closed");
        }
    }

    /** Failsafe aborts the reconnect loop on this: no endpoint can ever accept us. */
    private static final class AllRefusedException extends WsException {
        private static final long serialVersionUID = 1L;

        AllRefusedException(String message, @Nullable Throwable last) {
            super(message, last);
        }
    }

    private final WsSettings settings;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final ExecutorService worker;
    private final boolean ownWorker;
    private final OkHttpClient socketClient;
    private final OkHttpClient httpBase;
    private final @Nullable OkHttpClient ownedHttp;
    private final List<EndpointState> endpoints;
    private final EventDispatcher events;
    private final RetryPolicy<Void> reconnectPolicy;
    private final BackfillSource socketSource;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicLong subscriptionIds = new AtomicLong();
    private final Map<Long, SubscriptionCore<?>> subs = new ConcurrentSkipListMap<>();
    private final Map<Long, PendingRequest> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean pollBusy = new AtomicBoolean();
    private final AtomicBoolean headTrackerStarted = new AtomicBoolean();

    private final Object lock = new Object();
    // guarded by lock
    private ConnectionState state = ConnectionState.CONNECTING;
    private @Nullable Conn current;
    private @Nullable CompletableFuture<Void> loop;
    private volatile boolean closed; // written under lock
    private int cursor;
    private long downSinceNanos;
    private int outageAttempts;
    private boolean polling;
    private @Nullable ScheduledFuture<?> pollTask;
    private @Nullable ScheduledFuture<?> pollingTimer;
    private @Nullable ScheduledFuture<?> watchdog;
    private CompletableFuture<Void> connectedSignal = new CompletableFuture<>();
    private final List<PendingRequest> unsent = new ArrayList<>();
    private volatile @Nullable Long chainId; // written under lock

    private final AtomicLong outageBackoffNanos = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicLong malformedFrames = new AtomicLong();
    private final AtomicLong oversizeMessages = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong requestsResent = new AtomicLong();
    private final AtomicLong requestsLost = new AtomicLong();
    private final AtomicLong requestTimeouts = new AtomicLong();
    private final AtomicLong staleDetections = new AtomicLong();
    private final AtomicLong backfilledEvents = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong pollCycles = new AtomicLong();
    private final AtomicLong lastKnownHead = new AtomicLong(-1);
    private volatile @Nullable Duration lastDowntime;
    private volatile @Nullable Duration lastBackoff;

    /** An endpoint with its breaker, health counters and (made once the chain id is known) HTTP client. */
    private final class EndpointState {
        final Endpoint endpoint;
        final CircuitBreaker<Object> breaker;
        private @Nullable RpcClient rpc;
        private @Nullable BackfillSource http;
        volatile @Nullable String disabledReason;
        final AtomicLong connects = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong openings = new AtomicLong();

        EndpointState(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.breaker = CircuitBreaker.builder()
                    .withFailureThreshold(settings.breakerFailures())
                    .withDelay(settings.breakerOpenFor())
                    .withSuccessThreshold(1)
                    .onOpen(e -> {
                        openings.incrementAndGet();
                        LOG.debug("circuit of {} opened", endpoint);
                        events.fire(l -> l.circuitOpened(endpoint));
                    })
                    .build();
        }

        boolean hasHttp() {
            return endpoint.httpUrl() != null;
        }

        /** The endpoint's HTTP source; made on first use, once the chain id it must serve is known. */
        synchronized @Nullable BackfillSource http() {
            String url = endpoint.httpUrl();
            Long chain = knownChainId();
            if (http == null && url != null && chain != null && !closedFlag()) {
                RpcClient.Builder builder = RpcClient.builder()
                        .endpoint(endpoint.name(), url)
                        .chainId(chain)
                        .timeout(settings.requestTimeout())
                        .maxRetries(0) // the catch-up retries, then reports a gap
                        // one endpoint per client, so nothing to fail over to: the breaker only spaces out retries
                        // within a catch-up, it must not outlast an outage and turn the next catch-up into gaps
                        .circuitBreakers(() -> CircuitBreaker.builder()
                                .withFailureThreshold(settings.breakerFailures())
                                .withDelay(
                                        settings.backfillRetryDelay().isZero()
                                                ? Duration.ofMillis(1)
                                                : settings.backfillRetryDelay())
                                .build())
                        .okHttpClient(httpBase);
                if (!endpoint.headers().isEmpty()) {
                    builder.addInterceptor(exchange -> {
                        RpcHttpRequest request = exchange.request();
                        for (Map.Entry<String, String> header :
                                endpoint.headers().entrySet()) {
                            request = request.withHeader(header.getKey(), header.getValue());
                        }
                        return exchange.proceed(request);
                    });
                }
                rpc = builder.build();
                http = new RpcBackfillSource(rpc);
            }
            return http;
        }

        synchronized void closeHttp() {
            if (rpc != null) {
                rpc.close();
            }
        }
    }

    // read without the lock: an endpoint's HTTP source is made under the endpoint's monitor, never the client's lock
    private @Nullable Long knownChainId() {
        return chainId;
    }

    private boolean closedFlag() {
        return closed;
    }

    public WsEngine(WsSettings settings) {
        this.settings = settings;
        this.chainId = settings.expectedChainId();
        if (settings.scheduler() != null) {
            this.scheduler = settings.scheduler();
            this.ownScheduler = false;
        } else {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("scheduler"));
            s.setRemoveOnCancelPolicy(true);
            this.scheduler = s;
            this.ownScheduler = true;
        }
        if (settings.executor() != null) {
            this.worker = settings.executor();
            this.ownWorker = false;
        } else {
            this.worker = new ThreadPoolExecutor(
                    0,
                    Integer.MAX_VALUE,
                    30,
                    TimeUnit.SECONDS,
                    new SynchronousQueue<>(),
                    new NamedThreadFactory("worker"));
            this.ownWorker = true;
        }
        OkHttpClient base = settings.okHttpClient();
        if (base == null) {
            ownedHttp = new OkHttpClient.Builder()
                    .connectTimeout(settings.connectTimeout())
                    .readTimeout(settings.requestTimeout())
                    .build();
            base = ownedHttp;
        } else {
            ownedHttp = null;
        }
        this.socketClient = base.newBuilder()
                .pingInterval(settings.heartbeat())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.connectTimeout())
                .build();
        this.events = new EventDispatcher(settings.listeners(), worker);
        this.httpBase = base;
        List<EndpointState> states = new ArrayList<>();
        for (Endpoint endpoint : settings.endpoints()) {
            states.add(new EndpointState(endpoint));
        }
        this.endpoints = List.copyOf(states);
        this.socketSource = new SocketBackfillSource(this);
        this.reconnectPolicy = reconnectPolicy();
    }

    /** Unlimited retries with full-jitter backoff, bounded only by the maximum downtime; aborted by close or refusal. */
    private RetryPolicy<Void> reconnectPolicy() {
        var builder = RetryPolicy.<Void>builder()
                .abortOn(List.of(ClientClosedException.class, AllRefusedException.class))
                .withMaxRetries(-1)
                .withDelayFn(ctx -> backoffDelay(ctx.getAttemptCount()))
                .onRetryScheduled(e -> outageBackoffNanos.addAndGet(e.getDelay().toNanos()));
        Duration maxDowntime = settings.maxDowntime();
        if (maxDowntime != null) {
            builder.withMaxDuration(maxDowntime);
        }
        return builder.build();
    }

    /** Starts connecting. */
    public void start() {
        synchronized (lock) {
            downSinceNanos = nanoTime();
            startLoop();
            schedulePollingTimer();
        }
    }

    // ------------------------------------------------------------------ public operations

    public ConnectionState state() {
        synchronized (lock) {
            return state;
        }
    }

    public CompletableFuture<Void> connectedSignal() {
        synchronized (lock) {
            return connectedSignal;
        }
    }

    public long nextSubscriptionId() {
        return subscriptionIds.incrementAndGet();
    }

    /**
     * Registers {@code sub}: subscribed at once when connected, or when the next socket is ready. The first logs
     * subscription also starts the client's own head tracker, so reorgs reach logs even when the node does not send
     * removed logs and no newHeads subscription of the application watches the chain.
     */
    public <T extends SubscriptionCore<?>> T register(T sub) {
        if (sub.kind() == SubscriptionKind.LOGS && headTrackerStarted.compareAndSet(false, true)) {
            SubscriptionCore<Head> tracker = Subscriptions.newHeads(
                    this, nextSubscriptionId(), SubscriptionOptions.of(16, OverflowPolicy.KEEP_LATEST), head -> {});
            tracker.markInternal();
            registerInternal(tracker);
        }
        return registerInternal(sub);
    }

    private <T extends SubscriptionCore<?>> T registerInternal(T sub) {
        sub.setUnsubscriber(() -> unsubscribe(sub, true));
        WsException refused = null;
        synchronized (lock) {
            if (closed || state == ConnectionState.FAILED) {
                refused = new WsException("cannot subscribe: the client is " + state);
            } else {
                subs.put(sub.id(), sub);
                Conn c = current;
                if (c != null && !c.dead && (c.phase == Phase.SUBSCRIBING || c.phase == Phase.READY)) {
                    sendSubscribe(c, sub);
                }
            }
        }
        if (refused != null) {
            sub.fail(refused);
        }
        return sub;
    }

    public CompletableFuture<JsonNode> request(String method, ArrayNode params, Duration timeout) {
        requests.incrementAndGet();
        return requestInternal(method, params, timeout, settings.policyFor(method));
    }

    CompletableFuture<JsonNode> requestInternal(
            String method, ArrayNode params, Duration timeout, RequestPolicy policy) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        PendingRequest r = new PendingRequest(
                requestIds.incrementAndGet(), method, params, policy, false, new PendingRequest.Callback() {
                    @Override
                    public void onResult(JsonNode result) {
                        completeLater(() -> future.complete(result));
                    }

                    @Override
                    public void onError(WsException error) {
                        completeLater(() -> future.completeExceptionally(error));
                    }
                });
        WsException refused = null;
        synchronized (lock) {
            if (closed || state == ConnectionState.FAILED) {
                refused = new WsException("cannot send " + method + ": the client is " + state);
            } else {
                r.timeout = schedule(() -> timeout(r, timeout), timeout);
                Conn c = current;
                if (c != null && c.phase == Phase.READY && !c.dead) {
                    send(c, r);
                } else {
                    unsent.add(r);
                }
            }
        }
        if (refused != null) {
            r.fail(refused);
        }
        return future;
    }

    public WsStats stats() {
        ConnectionState s;
        Optional<String> endpoint;
        boolean p;
        synchronized (lock) {
            s = state;
            Conn c = current;
            endpoint = c == null ? Optional.empty() : Optional.of(c.ep.endpoint.name());
            p = polling;
        }
        List<EndpointStats> eps = new ArrayList<>();
        for (EndpointState e : endpoints) {
            eps.add(new EndpointStats(
                    e.endpoint.name(),
                    e.breaker.getState().name(),
                    e.disabledReason != null,
                    e.connects.get(),
                    e.failures.get(),
                    e.openings.get()));
        }
        List<SubscriptionStats> subStats = new ArrayList<>();
        subs.values().stream().filter(sub -> !sub.isInternal()).forEach(sub -> subStats.add(sub.stats()));
        return new WsStats(
                s,
                endpoint,
                p,
                connects.get(),
                reconnects.get(),
                attempts.get(),
                drops.get(),
                Optional.ofNullable(lastDowntime),
                Optional.ofNullable(lastBackoff),
                malformedFrames.get(),
                oversizeMessages.get(),
                requests.get(),
                requestsResent.get(),
                requestsLost.get(),
                requestTimeouts.get(),
                staleDetections.get(),
                backfilledEvents.get(),
                gaps.get(),
                pollCycles.get(),
                eps,
                subStats);
    }

    /** Closes the socket, fails what is pending, stops every thread this engine started. Idempotent. */
    public void close() {
        Conn c;
        List<PendingRequest> requestsToFail;
        List<SubscriptionCore<?>> toDiscard;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            ConnectionState prev = state;
            state = ConnectionState.CLOSED;
            cancelTimers();
            CompletableFuture<Void> l = loop;
            if (l != null) {
                l.cancel(false);
            }
            c = current;
            current = null;
            if (c != null) {
                c.dead = true;
            }
            requestsToFail = drainRequests();
            toDiscard = new ArrayList<>(subs.values());
            subs.clear();
            if (!connectedSignal.isDone()) {
                connectedSignal.completeExceptionally(new WsException("client closed"));
            }
            if (prev != ConnectionState.CLOSED) {
                events.fire(listener -> listener.stateChanged(prev, ConnectionState.CLOSED));
            }
        }
        if (c != null) {
            WebSocket ws = c.ws;
            if (ws != null) {
                ws.close(1000, "client closed");
            }
        }
        WsException closedError = new WsException("client closed");
        requestsToFail.forEach(r -> r.fail(closedError));
        toDiscard.forEach(SubscriptionCore::discard);
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
        if (ownWorker) {
            worker.shutdown();
            try {
                if (!worker.awaitTermination(2, TimeUnit.SECONDS)) {
                    worker.shutdownNow();
                    worker.awaitTermination(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                worker.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        endpoints.forEach(EndpointState::closeHttp);
        if (ownedHttp != null) {
            // a client passed in by the application keeps its pools: they are the application's
            ownedHttp.dispatcher().executorService().shutdown();
            ownedHttp.connectionPool().evictAll();
        }
    }

    // ------------------------------------------------------------------ SubscriptionHost

    @Override
    public ExecutorService worker() {
        return worker;
    }

    @Override
    public BackfillSource backfillSource() {
        if (settings.backfillSource() != null) {
            return settings.backfillSource();
        }
        BackfillSource http = httpSource();
        return http != null ? http : socketSource;
    }

    private @Nullable BackfillSource httpSource() {
        if (settings.backfillSource() != null) {
            return settings.backfillSource();
        }
        Conn c;
        int start;
        synchronized (lock) {
            c = current;
            start = cursor;
        }
        if (c != null && c.ep.hasHttp()) {
            BackfillSource http = c.ep.http();
            if (http != null) {
                return http;
            }
        }
        for (int i = 0; i < endpoints.size(); i++) {
            BackfillSource http = endpoints.get((start + i) % endpoints.size()).http();
            if (http != null) {
                return http;
            }
        }
        return null;
    }

    @Override
    public WsSettings settings() {
        return settings;
    }

    @Override
    public void malformed(String reason) {
        malformedFrames.incrementAndGet();
        Endpoint endpoint = currentEndpoint();
        LOG.debug("discarded a malformed frame from {}: {}", endpoint, reason);
        events.fire(l -> l.malformedFrame(endpoint, reason));
    }

    @Override
    public void gapDelivered(SubscriptionCore<?> subscription, Gap gap) {
        if (subscription.isInternal()) {
            return; // the head tracker's gaps concern nobody: the application's subscriptions report their own
        }
        gaps.incrementAndGet();
        events.fire(l -> l.gap(subscription, gap));
    }

    @Override
    public void dropped(SubscriptionCore<?> subscription, long count) {
        if (subscription.isInternal()) {
            subscription.takeDropped(); // conflating heads is the tracker's design, not a loss
            return;
        }
        events.run(() -> {
            long n = subscription.takeDropped();
            if (n > 0) {
                for (var listener : events.listeners()) {
                    try {
                        listener.dropped(subscription, n);
                    } catch (RuntimeException e) {
                        LOG.warn("a WsListener threw; ignored", e);
                    }
                }
            }
        });
    }

    @Override
    public void backfilled(long count) {
        backfilledEvents.addAndGet(count);
    }

    @Override
    public void ended(SubscriptionCore<?> subscription) {
        unsubscribe(subscription, false);
    }

    @Override
    public long lastKnownHead() {
        return lastKnownHead.get();
    }

    @Override
    public void observedHead(long number) {
        lastKnownHead.accumulateAndGet(number, Math::max);
    }

    @Override
    public void reorgDetected(long fromBlock) {
        long head = lastKnownHead.get();
        for (SubscriptionCore<?> sub : subs.values()) {
            if (sub instanceof LogSubscription logs && sub.isActive()) {
                logs.reorgDetected(fromBlock, head);
            }
        }
    }

    @Override
    public long nanoTime() {
        return settings.ticker().getAsLong();
    }

    // ------------------------------------------------------------------ connecting

    /** Guarded by lock. */
    private void startLoop() {
        outageAttempts = 0;
        outageBackoffNanos.set(0);
        CompletableFuture<Void> f;
        try {
            f = Failsafe.with(reconnectPolicy).with(scheduler).runAsyncExecution(this::attempt);
        } catch (RejectedExecutionException shutDown) {
            return;
        }
        loop = f;
        f.whenComplete((v, error) -> {
            if (error != null) {
                loopFailed(f, error);
            }
        });
    }

    private Duration backoffDelay(int failures) {
        long initial = settings.initialBackoff().toNanos();
        long max = settings.maxBackoff().toNanos();
        int shift = Math.max(0, Math.min(failures - 1, 62));
        long cap = initial > (max >> shift) ? max : Math.min(max, initial << shift);
        if (cap <= 0) {
            return Duration.ZERO;
        }
        long delay;
        synchronized (settings.random()) {
            delay = settings.random().nextLong(cap + 1); // full jitter: uniform in [0, cap]
        }
        return Duration.ofNanos(delay);
    }

    private void attempt(AsyncExecution<Void> exec) {
        WsException refusal = null;
        synchronized (lock) {
            if (closed || state == ConnectionState.FAILED) {
                refusal = new ClientClosedException();
            } else {
                attempts.incrementAndGet();
                outageAttempts++;
                EndpointState chosen = null;
                int n = endpoints.size();
                for (int i = 0; i < n; i++) {
                    EndpointState e = endpoints.get((cursor + i) % n);
                    if (e.disabledReason == null && e.breaker.tryAcquirePermit()) {
                        chosen = e;
                        cursor = (cursor + i) % n;
                        break;
                    }
                }
                if (chosen == null) {
                    if (allDisabled()) {
                        refusal = allRefused(null);
                    } else {
                        maybeStartPolling();
                        refusal = new WsException("no endpoint available: every circuit is open");
                    }
                } else {
                    Conn c = new Conn(chosen, exec);
                    current = c;
                    c.deadline = schedule(
                            () -> fail(c, new WsException("not connected within " + settings.connectTimeout())),
                            settings.connectTimeout());
                    Request.Builder request = new Request.Builder().url(chosen.endpoint.webSocketUrl());
                    chosen.endpoint.headers().forEach(request::header);
                    LOG.debug("connecting to {} (attempt {})", chosen.endpoint, outageAttempts);
                    c.ws = socketClient.newWebSocket(request.build(), c);
                }
            }
        }
        if (refusal != null) {
            exec.recordException(refusal);
        }
    }

    private boolean allDisabled() {
        return endpoints.stream().allMatch(e -> e.disabledReason != null);
    }

    private AllRefusedException allRefused(@Nullable Throwable last) {
        StringBuilder reasons = new StringBuilder("every endpoint refused the connection for good:");
        for (EndpointState e : endpoints) {
            reasons.append(' ')
                    .append(e.endpoint.name())
                    .append(" (")
                    .append(e.disabledReason)
                    .append(')');
        }
        return new AllRefusedException(reasons.toString(), last);
    }

    private void opened(Conn c) {
        synchronized (lock) {
            if (c.dead || closed || current != c) {
                return;
            }
            c.phase = Phase.VERIFYING;
            sendInternal(c, "eth_chainId", Json.array(), new PendingRequest.Callback() {
                @Override
                public void onResult(JsonNode result) {
                    chainIdReceived(c, result);
                }

                @Override
                public void onError(WsException error) {
                    if (!(error instanceof ConnectionLostException)) {
                        fail(c, error);
                    }
                }
            });
        }
    }

    private void chainIdReceived(Conn c, JsonNode result) {
        long id;
        try {
            id = Hex.toLong(result.asText());
        } catch (RuntimeException e) {
            fail(c, new WsException("eth_chainId answered " + result + ", not a quantity"));
            return;
        }
        Runnable after = null;
        WsException wrongChain = null;
        synchronized (lock) {
            if (c.dead || current != c) {
                return;
            }
            if (chainId == null) {
                chainId = id;
            }
            if (id != chainId) {
                wrongChain = new HandshakeRejectedException(
                        c.ep.endpoint.name(), 0, "it serves chain " + id + ", expected chain " + chainId);
            } else {
                c.phase = Phase.SUBSCRIBING;
                for (SubscriptionCore<?> sub : subs.values()) {
                    if (sub.isActive()) {
                        sendSubscribe(c, sub);
                    }
                }
                if (c.awaiting.isEmpty() && !c.dead) {
                    after = becomeReady(c);
                }
            }
        }
        if (wrongChain != null) {
            fail(c, wrongChain);
        }
        if (after != null) {
            after.run();
        }
    }

    /** Guarded by lock. */
    private void sendSubscribe(Conn c, SubscriptionCore<?> sub) {
        c.awaiting.add(sub.id());
        sendInternal(c, "eth_subscribe", sub.subscribeParams(), new PendingRequest.Callback() {
            @Override
            public void onResult(JsonNode result) {
                subscribed(c, sub, result);
            }

            @Override
            public void onError(WsException error) {
                subscribeFailed(c, sub, error);
            }
        });
    }

    private void subscribed(Conn c, SubscriptionCore<?> sub, JsonNode result) {
        if (!result.isTextual()) {
            fail(c, new WsException("eth_subscribe answered " + result.getNodeType() + ", not a subscription id"));
            return;
        }
        String serverId = result.asText();
        boolean first = false;
        boolean addedWhileReady = false;
        Runnable after = null;
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            c.awaiting.remove(sub.id());
            if (!sub.isActive() || !subs.containsKey(sub.id())) {
                // unsubscribed while the request was in flight: end it on the node too, so it cannot linger
                sendInternal(c, "eth_unsubscribe", Json.params(serverId), IGNORE);
            } else {
                c.byServerId.put(serverId, sub);
                sub.setServerId(serverId);
                first = sub.acknowledged();
                addedWhileReady = c.phase == Phase.READY;
            }
            if (c.phase == Phase.SUBSCRIBING && c.awaiting.isEmpty()) {
                after = becomeReady(c);
            }
        }
        if (first) {
            sub.completeReady();
        }
        if (addedWhileReady) {
            sub.resetSilence();
            requestHeadThen(c, List.of(sub));
        }
        if (after != null) {
            after.run();
        }
    }

    private void subscribeFailed(Conn c, SubscriptionCore<?> sub, WsException error) {
        if (error instanceof ConnectionLostException) {
            return;
        }
        boolean permanent = error instanceof WsRpcException rpc
                && !sub.everAcknowledged()
                && (rpc.code() == -32602 || rpc.code() == -32601);
        if (!permanent) {
            fail(c, new WsException(sub + " was refused by the node: " + error.getMessage(), error));
            return;
        }
        Runnable after = null;
        synchronized (lock) {
            subs.remove(sub.id());
            c.awaiting.remove(sub.id());
            if (!c.dead && c.phase == Phase.SUBSCRIBING && c.awaiting.isEmpty()) {
                after = becomeReady(c);
            }
        }
        sub.fail(error);
        if (after != null) {
            after.run();
        }
    }

    /**
     * Guarded by lock; returns what must run after the lock is released. A socket that was replaced or closed meanwhile
     * (an acknowledgement can arrive after close() took the lock) must not move the state back to CONNECTED.
     */
    private Runnable becomeReady(Conn c) {
        if (closed || c.dead || current != c) {
            return null;
        }
        c.phase = Phase.READY;
        c.readyAtNanos = nanoTime();
        cancel(c.deadline);
        ConnectionState prev = state;
        state = ConnectionState.CONNECTED;
        boolean reconnect = prev == ConnectionState.RECONNECTING;
        connects.incrementAndGet();
        c.ep.connects.incrementAndGet();
        int outage = outageAttempts;
        Duration downtime = Duration.ofNanos(c.readyAtNanos - downSinceNanos);
        if (reconnect) {
            reconnects.incrementAndGet();
            lastDowntime = downtime;
            lastBackoff = Duration.ofNanos(outageBackoffNanos.get());
        }
        subs.values().forEach(SubscriptionCore::resetSilence);
        stopPolling();
        cancel(pollingTimer);
        pollingTimer = null;
        List<PendingRequest> queued = new ArrayList<>(unsent);
        unsent.clear();
        queued.sort(Comparator.comparingLong(r -> r.id));
        for (PendingRequest r : queued) {
            if (!r.isDone()) {
                send(c, r);
            }
        }
        if (watchdog == null) {
            long period = Math.max(1, settings.staleAfter().toNanos() / 4);
            try {
                watchdog = scheduler.scheduleWithFixedDelay(this::checkStale, period, period, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shutDown) {
                watchdog = null;
            }
        }
        events.fire(l -> l.stateChanged(prev, ConnectionState.CONNECTED));
        if (reconnect) {
            events.fire(l -> l.reconnected(outage, downtime));
        }
        CompletableFuture<Void> signal = connectedSignal;
        boolean record = !c.recorded;
        c.recorded = true;
        List<SubscriptionCore<?>> acknowledged = new ArrayList<>(c.byServerId.values());
        LOG.debug("connected to {}{}", c.ep.endpoint, reconnect ? " after " + downtime : "");
        return () -> {
            c.ep.breaker.recordSuccess();
            if (record) {
                c.exec.recordResult(null);
            }
            signal.complete(null);
            requestHeadThen(c, acknowledged);
        };
    }

    /** Asks the new socket for the node's head, then lets each subscription catch up to it. */
    private void requestHeadThen(Conn c, List<SubscriptionCore<?>> targets) {
        if (targets.isEmpty()) {
            return;
        }
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            sendInternal(c, "eth_blockNumber", Json.array(), new PendingRequest.Callback() {
                @Override
                public void onResult(JsonNode result) {
                    long head;
                    try {
                        head = Hex.toLong(result.asText());
                    } catch (RuntimeException e) {
                        fail(c, new WsException("eth_blockNumber answered " + result + ", not a quantity"));
                        return;
                    }
                    observedHead(head);
                    for (SubscriptionCore<?> sub : targets) {
                        if (sub.isActive()) {
                            sub.onConnected(head);
                        }
                    }
                }

                @Override
                public void onError(WsException error) {
                    if (!(error instanceof ConnectionLostException)) {
                        fail(c, error);
                    }
                }
            });
        }
    }

    /** The socket {@code c} failed, closed or timed out; reconnect (or give up if nothing can ever succeed). */
    private void fail(Conn c, Throwable cause) {
        AsyncExecution<Void> recordTo = null;
        Throwable recordCause = null;
        WebSocket ws;
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            c.dead = true;
            cancel(c.deadline);
            ws = c.ws;
            if (current == c) {
                current = null;
            }
            if (cause instanceof HandshakeRejectedException refused) {
                c.ep.disabledReason = refused.getMessage();
                LOG.warn("{} is taken out of rotation: {}", c.ep.endpoint, refused.getMessage());
            }
            c.ep.failures.incrementAndGet();
            c.ep.breaker.recordFailure();
            handleInFlight(c);
            if (!closed) {
                if (c.phase == Phase.READY) {
                    drops.incrementAndGet();
                    LOG.debug("lost {}: {}", c.ep.endpoint, cause.toString());
                    ConnectionState prev = state;
                    state = ConnectionState.RECONNECTING;
                    downSinceNanos = nanoTime();
                    connectedSignal = new CompletableFuture<>();
                    cursor = (endpoints.indexOf(c.ep) + 1) % endpoints.size();
                    subs.values().forEach(SubscriptionCore::onDisconnected);
                    events.fire(l -> l.stateChanged(prev, ConnectionState.RECONNECTING));
                    if (allDisabled()) {
                        failLater(allRefused(cause));
                    } else {
                        startLoop();
                        schedulePollingTimer();
                    }
                } else if (!c.recorded) {
                    c.recorded = true;
                    recordTo = c.exec;
                    recordCause = allDisabled() ? allRefused(cause) : cause;
                    cursor = (endpoints.indexOf(c.ep) + 1) % endpoints.size();
                    LOG.debug("attempt on {} failed: {}", c.ep.endpoint, cause.toString());
                }
            }
        }
        if (ws != null) {
            ws.cancel();
        }
        if (recordTo != null) {
            recordTo.recordException(recordCause);
        }
    }

    /** Guarded by lock: requests written to the dead socket are resent or failed, per their policy. */
    private void handleInFlight(Conn c) {
        List<PendingRequest> resend = new ArrayList<>();
        for (PendingRequest r : pending.values()) {
            if (r.sentOn != c || !pending.remove(r.id, r)) {
                continue;
            }
            r.sentOn = null;
            if (r.internal) {
                completeLater(() -> r.fail(new ConnectionLostException()));
            } else if (r.policy == RequestPolicy.RESEND) {
                requestsResent.incrementAndGet();
                resend.add(r);
            } else {
                requestsLost.incrementAndGet();
                completeLater(() -> r.fail(new RequestLostException(r.method)));
            }
        }
        unsent.addAll(resend);
    }

    private void loopFailed(CompletableFuture<Void> f, Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException
                        || cause instanceof ExecutionException
                        || cause instanceof FailsafeException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof CancellationException || cause instanceof ClientClosedException) {
            return;
        }
        synchronized (lock) {
            if (loop != f) {
                return;
            }
        }
        WsException failure;
        if (cause instanceof AllRefusedException refused) {
            failure = refused;
        } else {
            failure = new WsException(
                    "no connection for longer than the maximum downtime " + settings.maxDowntime() + "; last error: "
                            + cause,
                    cause);
        }
        failClient(failure);
    }

    private void failLater(WsException cause) {
        try {
            worker.execute(() -> failClient(cause));
        } catch (RejectedExecutionException shutDown) {
            failClient(cause);
        }
    }

    private void failClient(WsException cause) {
        Conn c;
        List<PendingRequest> requestsToFail;
        List<SubscriptionCore<?>> toFail;
        synchronized (lock) {
            if (closed || state == ConnectionState.FAILED) {
                return;
            }
            ConnectionState prev = state;
            state = ConnectionState.FAILED;
            cancelTimers();
            c = current;
            current = null;
            if (c != null) {
                c.dead = true;
            }
            requestsToFail = drainRequests();
            toFail = new ArrayList<>(subs.values());
            subs.clear();
            connectedSignal.completeExceptionally(cause);
            LOG.warn("the WebSocket client failed: {}", cause.getMessage());
            events.fire(l -> l.stateChanged(prev, ConnectionState.FAILED));
            events.fire(l -> l.failed(cause));
        }
        if (c != null) {
            WebSocket ws = c.ws;
            if (ws != null) {
                ws.cancel();
            }
        }
        requestsToFail.forEach(r -> r.fail(cause));
        toFail.forEach(sub -> sub.fail(cause));
    }

    /** Guarded by lock. */
    private List<PendingRequest> drainRequests() {
        List<PendingRequest> all = new ArrayList<>(unsent);
        unsent.clear();
        for (PendingRequest r : pending.values()) {
            if (pending.remove(r.id, r) && !r.internal) {
                all.add(r);
            }
        }
        return all;
    }

    /** Guarded by lock. */
    private void cancelTimers() {
        stopPolling();
        cancel(pollingTimer);
        pollingTimer = null;
        cancel(watchdog);
        watchdog = null;
    }

    // ------------------------------------------------------------------ requests

    /** Guarded by lock. */
    private void send(Conn c, PendingRequest r) {
        r.sentOn = c;
        pending.put(r.id, r);
        WebSocket ws = c.ws;
        if (ws == null || !ws.send(Json.request(r.id, r.method, r.params))) {
            // the socket is already closing: the request never left, so it is sent again later whatever its policy
            pending.remove(r.id, r);
            r.sentOn = null;
            if (r.internal) {
                completeLater(() -> r.fail(new ConnectionLostException()));
            } else {
                unsent.add(r);
            }
        }
    }

    private static final PendingRequest.Callback IGNORE = new PendingRequest.Callback() {
        @Override
        public void onResult(JsonNode result) {}

        @Override
        public void onError(WsException error) {}
    };

    /** Guarded by lock. */
    private PendingRequest sendInternal(Conn c, String method, ArrayNode params, PendingRequest.Callback callback) {
        PendingRequest r =
                new PendingRequest(requestIds.incrementAndGet(), method, params, RequestPolicy.FAIL, true, callback);
        send(c, r);
        return r;
    }

    private void timeout(PendingRequest r, Duration timeout) {
        synchronized (lock) {
            pending.remove(r.id, r);
            unsent.remove(r);
        }
        r.fail(new WsTimeoutException(r.method, timeout), requestTimeouts::incrementAndGet);
    }

    private void completeLater(Runnable completion) {
        try {
            worker.execute(completion);
        } catch (RejectedExecutionException shutDown) {
            completion.run();
        }
    }

    // ------------------------------------------------------------------ inbound frames

    private void message(Conn c, String text) {
        long max = settings.maxMessageBytes();
        if (text.length() > max || (text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max)) {
            oversize(c, text.length());
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            malformed("not JSON: " + e.getOriginalMessage());
            return;
        }
        if (root == null || !root.isObject()) {
            malformed("not a JSON-RPC object");
            return;
        }
        JsonNode method = root.get("method");
        if (method != null) {
            notification(c, root, method);
            return;
        }
        JsonNode id = root.get("id");
        if (id == null || !id.canConvertToLong()) {
            malformed("a response without a numeric id");
            return;
        }
        PendingRequest r = pending.remove(id.asLong());
        if (r == null) {
            LOG.debug("discarded a late answer to request {}", id);
            return;
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            JsonNode data = error.get("data");
            r.fail(new WsRpcException(
                    r.method,
                    error.path("code").asInt(),
                    error.path("message").asText(),
                    data == null || data.isNull() ? null : data.toString()));
        } else {
            JsonNode result = root.get("result");
            r.succeed(result == null ? NullNode.getInstance() : result);
        }
    }

    private void notification(Conn c, JsonNode root, JsonNode method) {
        if (!"eth_subscription".equals(method.asText())) {
            malformed("an unexpected notification " + method.asText());
            return;
        }
        JsonNode params = root.get("params");
        JsonNode serverId = params == null ? null : params.get("subscription");
        JsonNode result = params == null ? null : params.get("result");
        if (serverId == null || result == null) {
            malformed("eth_subscription without subscription or result");
            return;
        }
        SubscriptionCore<?> sub = c.byServerId.get(serverId.asText());
        if (sub == null) {
            LOG.debug("discarded a notification for unknown subscription {}", serverId);
            return;
        }
        sub.onNotification(result);
    }

    private void oversize(Conn c, long length) {
        oversizeMessages.incrementAndGet();
        Endpoint endpoint = c.ep.endpoint;
        LOG.debug("discarded a message of {} characters from {}", length, endpoint);
        events.fire(l -> l.oversizeMessage(endpoint, length));
    }

    private Endpoint currentEndpoint() {
        synchronized (lock) {
            Conn c = current;
            return c != null ? c.ep.endpoint : endpoints.get(cursor).endpoint;
        }
    }

    // ------------------------------------------------------------------ watchdog and polling

    private void checkStale() {
        Conn c;
        synchronized (lock) {
            c = current;
            if (state != ConnectionState.CONNECTED || c == null || c.phase != Phase.READY) {
                return;
            }
        }
        long now = nanoTime();
        long limit = settings.staleAfter().toNanos();
        for (SubscriptionCore<?> sub : subs.values()) {
            if (sub.kind() != SubscriptionKind.NEW_HEADS || !sub.everAcknowledged() || sub.staleReported()) {
                continue;
            }
            long silent = now - Math.max(sub.lastNotificationNanos(), c.readyAtNanos);
            if (silent > limit) {
                sub.markStaleReported();
                staleDetections.incrementAndGet();
                Duration silentFor = Duration.ofNanos(silent);
                events.fire(l -> l.stale(sub, silentFor));
                probe(c, sub, silentFor);
            }
        }
    }

    /** Is the link dead, the subscription a zombie, or the chain halted? Ask the node for its head. */
    private void probe(Conn c, SubscriptionCore<?> sub, Duration silentFor) {
        synchronized (lock) {
            if (c.dead) {
                return;
            }
            PendingRequest r = sendInternal(c, "eth_blockNumber", Json.array(), new PendingRequest.Callback() {
                @Override
                public void onResult(JsonNode result) {
                    long head;
                    try {
                        head = Hex.toLong(result.asText());
                    } catch (RuntimeException e) {
                        fail(c, new WsException("eth_blockNumber answered " + result + ", not a quantity"));
                        return;
                    }
                    if (head > sub.lastBlock()) {
                        fail(
                                c,
                                new WsException("newHeads silent for " + silentFor + " while the head moved to " + head
                                        + ": re-establishing the subscription"));
                    } else {
                        LOG.debug(
                                "newHeads silent for {} and the head is still {}: the chain is halted",
                                silentFor,
                                head);
                    }
                }

                @Override
                public void onError(WsException error) {
                    if (!(error instanceof ConnectionLostException)) {
                        fail(c, error);
                    }
                }
            });
            r.timeout = schedule(
                    () -> {
                        if (pending.remove(r.id, r)) {
                            fail(
                                    c,
                                    new WsException(
                                            "no answer to a liveness probe within " + settings.connectTimeout()));
                        }
                    },
                    settings.connectTimeout());
        }
    }

    /** Guarded by lock. */
    private void schedulePollingTimer() {
        Duration after = settings.pollingAfter();
        if (after == null
                || (settings.backfillSource() == null && endpoints.stream().noneMatch(EndpointState::hasHttp))) {
            return;
        }
        cancel(pollingTimer);
        pollingTimer = schedule(
                () -> {
                    synchronized (lock) {
                        if (state == ConnectionState.RECONNECTING || state == ConnectionState.CONNECTING) {
                            maybeStartPolling();
                        }
                    }
                },
                after);
    }

    private @Nullable BackfillSource pollingSource() {
        if (settings.backfillSource() != null) {
            return settings.backfillSource();
        }
        for (EndpointState e : endpoints) {
            BackfillSource http = e.http();
            if (http != null) {
                return http;
            }
        }
        return null;
    }

    /** Guarded by lock. */
    private void maybeStartPolling() {
        if (polling || closed || state == ConnectionState.CONNECTED || state == ConnectionState.FAILED) {
            return;
        }
        if (pollingSource() == null) {
            return;
        }
        polling = true;
        LOG.debug("no usable WebSocket endpoint: polling over HTTP");
        try {
            pollTask = scheduler.scheduleWithFixedDelay(
                    this::pollTick, 0, settings.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            polling = false;
            return;
        }
        events.fire(l -> l.pollingChanged(true));
    }

    /** Guarded by lock. */
    private void stopPolling() {
        if (!polling) {
            return;
        }
        polling = false;
        cancel(pollTask);
        pollTask = null;
        events.fire(l -> l.pollingChanged(false));
    }

    private void pollTick() {
        if (!pollBusy.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    BackfillSource source = pollingSource();
                    synchronized (lock) {
                        if (!polling || source == null) {
                            return;
                        }
                    }
                    long head = source.blockNumber();
                    observedHead(head);
                    for (SubscriptionCore<?> sub : subs.values()) {
                        if (sub.isActive() && sub.kind().isBackfillable()) {
                            sub.onPoll(head);
                        }
                    }
                    pollCycles.incrementAndGet();
                } catch (RuntimeException e) {
                    LOG.debug("a polling round failed", e);
                } finally {
                    pollBusy.set(false);
                }
            });
        } catch (RejectedExecutionException shutDown) {
            pollBusy.set(false);
        }
    }

    // ------------------------------------------------------------------ helpers

    private void unsubscribe(SubscriptionCore<?> sub, boolean discard) {
        Runnable after = null;
        synchronized (lock) {
            if (subs.remove(sub.id()) != null) {
                Conn c = current;
                String serverId = sub.serverId();
                if (c != null && !c.dead) {
                    if (serverId != null && c.byServerId.remove(serverId) != null) {
                        sendInternal(c, "eth_unsubscribe", Json.params(serverId), IGNORE);
                    }
                    if (c.awaiting.remove(sub.id()) && c.phase == Phase.SUBSCRIBING && c.awaiting.isEmpty()) {
                        after = becomeReady(c);
                    }
                }
            }
        }
        if (discard) {
            sub.discard();
        }
        if (after != null) {
            after.run();
        }
    }

    private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shutDown) {
            return null;
        }
    }

    private static void cancel(@Nullable ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    /** A blocking request for the socket backfill source. */
    JsonNode requestBlocking(String method, ArrayNode params) {
        CompletableFuture<JsonNode> f =
                requestInternal(method, params, settings.requestTimeout(), RequestPolicy.RESEND);
        try {
            return f.get(settings.requestTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WsException("interrupted while waiting for " + method, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof WsException ws ? ws : new WsException(method + " failed", cause);
        } catch (TimeoutException e) {
            throw new WsTimeoutException(method, settings.requestTimeout());
        }
    }

    // ------------------------------------------------------------------ one socket

    /** One socket, from the attempt that opened it to its failure. */
    private final class Conn extends WebSocketListener {
        final EndpointState ep;
        final AsyncExecution<Void> exec;
        final Map<String, SubscriptionCore<?>> byServerId = new ConcurrentHashMap<>();
        final Set<Long> awaiting = new HashSet<>();
        volatile @Nullable WebSocket ws;
        volatile boolean dead;
        Phase phase = Phase.OPENING;
        boolean recorded;

        @Nullable
        ScheduledFuture<?> deadline;

        volatile long readyAtNanos;

        Conn(EndpointState ep, AsyncExecution<Void> exec) {
            this.ep = ep;
            this.exec = exec;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            opened(this);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            if (!dead) {
                message(this, text);
            }
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            if (dead) {
                return;
            }
            if (bytes.size() > settings.maxMessageBytes()) {
                oversize(this, bytes.size());
                return;
            }
            message(this, bytes.utf8());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            fail(this, new WsException("the server closed the socket: " + code + " " + reason));
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            fail(this, new WsException("socket closed: " + code));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
            int status = response == null ? 0 : response.code();
            if (status == 401 || status == 403 || status == 404) {
                fail(this, new HandshakeRejectedException(ep.endpoint.name(), status, "HTTP " + status, t));
            } else if (isCertificateProblem(t)) {
                fail(
                        this,
                        new HandshakeRejectedException(
                                ep.endpoint.name(), 0, "TLS: " + t.getClass().getSimpleName(), t));
            } else {
                fail(this, new WsException("socket failed: " + (status != 0 ? "HTTP " + status + " " : "") + t, t));
            }
        }

        /** A certificate the client will never trust; a reset during the TLS handshake is retryable. */
        private boolean isCertificateProblem(Throwable t) {
            if (t instanceof SSLPeerUnverifiedException) {
                return true;
            }
            if (!(t instanceof SSLHandshakeException)) {
                return false;
            }
            for (Throwable c = t; c != null; c = c.getCause()) {
                if (c instanceof CertificateException) {
                    return true;
                }
            }
            return false;
        }
    }
}
