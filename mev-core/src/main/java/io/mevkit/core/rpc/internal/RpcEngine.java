package io.mevkit.core.rpc.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.EndpointStatus;
import io.mevkit.core.rpc.EndpointStatus.ChainCheck;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.rpc.RpcHttpRequest;
import io.mevkit.core.rpc.RpcHttpResponse;
import io.mevkit.core.rpc.RpcListener;
import io.mevkit.core.rpc.RpcRequest;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link RpcClient} does: failover across endpoints, the one-time chain id check, retries of idempotent reads,
 * batch matching and deduplicated sends. Thread-safe.
 */
public final class RpcEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
    private static final JavaType JSON_NODE = JsonRpcMapper.TYPES.constructType(JsonNode.class);
    private static final JavaType LONG = JsonRpcMapper.TYPES.constructType(Long.class);
    private static final JavaType HASH = JsonRpcMapper.TYPES.constructType(Hash.class);

    private final long chainId;
    private final List<Endpoint> endpoints;
    private final Transport transport;
    private final JsonRpcCodec codec;
    private final RetryPolicy<Object> retryPolicy;
    private final Duration defaultTimeout;
    private final RpcListener listener;
    private final Clock clock;
    private final Supplier<ScheduledExecutorService> scheduler;
    private final AtomicLong ids = new AtomicLong();
    private final Cache<Hash, Boolean> sentHashes;
    private volatile boolean closed;

    public RpcEngine(
            long chainId,
            List<Endpoint> endpoints,
            Transport transport,
            JsonRpcCodec codec,
            RetryPolicy<Object> retryPolicy,
            Duration defaultTimeout,
            RpcListener listener,
            Clock clock,
            Supplier<ScheduledExecutorService> scheduler) {
        this.chainId = chainId;
        this.endpoints = List.copyOf(endpoints);
        this.transport = transport;
        this.codec = codec;
        this.retryPolicy = retryPolicy;
        this.defaultTimeout = defaultTimeout;
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.sentHashes = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofHours(1))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    public long chainId() {
        return chainId;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }

    public List<EndpointStatus> statuses() {
        return endpoints.stream().map(Endpoint::status).toList();
    }

    // ---------------------------------------------------------------------------------------------- single calls

    /** Calls {@code request}: retried and failed over when idempotent, sent once (failing over only when unsent) if not. */
    public @Nullable Object call(RpcRequest<?> request) {
        Attempt attempt = single(request);
        return request.idempotent() ? withRetries(request.method(), attempt) : attempt.run();
    }

    /** The asynchronous twin of {@link #call}: runs on the scheduler; the MDC of the caller travels along. */
    public CompletableFuture<@Nullable Object> callAsync(RpcRequest<?> request) {
        return async(request.method(), request.idempotent(), single(request));
    }

    private Attempt single(RpcRequest<?> request) {
        Duration timeout = request.timeout().orElse(defaultTimeout);
        String method = request.method();
        return () -> failover(method, request.idempotent(), timeout, endpoint -> {
            long id = ids.incrementAndGet();
            byte[] body = codec.write(new JsonRpcCodec.Call(id, method, request.params()));
            return exchange(
                    endpoint,
                    List.of(method),
                    body,
                    timeout,
                    method,
                    (in, source) -> codec.readSingle(in, id, request.resultType(), source));
        });
    }

    // ---------------------------------------------------------------------------------------------------- batches

    /** Sends {@code requests} as one batch; returns, per request, its result or its {@link RpcException}. */
    public Object[] batch(List<? extends RpcRequest<?>> requests) {
        BatchPlan plan = plan(requests);
        return plan.idempotent ? (Object[]) withRetries(plan.label, plan.attempt) : (Object[]) plan.attempt.run();
    }

    public CompletableFuture<Object[]> batchAsync(List<? extends RpcRequest<?>> requests) {
        BatchPlan plan = plan(requests);
        return async(plan.label, plan.idempotent, plan.attempt).thenApply(r -> (Object[]) r);
    }

    private record BatchPlan(String label, boolean idempotent, Attempt attempt) {}

    private BatchPlan plan(List<? extends RpcRequest<?>> requests) {
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one request");
        }
        List<String> methods = requests.stream().map(RpcRequest::method).toList();
        List<JavaType> types = requests.stream().map(RpcRequest::resultType).toList();
        boolean idempotent = requests.stream().allMatch(RpcRequest::idempotent);
        Duration timeout = requests.stream()
                .map(r -> r.timeout().orElse(defaultTimeout))
                .max(Duration::compareTo)
                .orElse(defaultTimeout);
        String label = batchLabel(methods);
        Attempt attempt = () -> failover(label, idempotent, timeout, endpoint -> {
            List<Long> batchIds = new ArrayList<>(requests.size());
            List<JsonRpcCodec.Call> calls = new ArrayList<>(requests.size());
            for (RpcRequest<?> r : requests) {
                long id = ids.incrementAndGet();
                batchIds.add(id);
                calls.add(new JsonRpcCodec.Call(id, r.method(), r.params()));
            }
            byte[] body = codec.writeBatch(calls);
            return exchange(
                    endpoint,
                    methods,
                    body,
                    timeout,
                    label,
                    (in, source) -> codec.readBatch(in, batchIds, types, methods, source));
        });
        return new BatchPlan(label, idempotent, attempt);
    }

    static String batchLabel(List<String> methods) {
        StringBuilder label = new StringBuilder("batch[");
        int shown = Math.min(methods.size(), 4);
        label.append(String.join(",", methods.subList(0, shown)));
        if (methods.size() > shown) {
            label.append(",+").append(methods.size() - shown);
        }
        return label.append(']').toString();
    }

    // ------------------------------------------------------------------------------------------------------ sends

    /**
     * Sends signed transaction bytes. The identical bytes may go to several endpoints (failover after an ambiguous
     * failure); an "already known", "nonce too low" or "replacement transaction underpriced" answer is resolved with
     * {@code eth_getTransactionByHash} of this transaction's own hash, so one logical send returns its hash once.
     */
    public Hash sendRawTransaction(byte[] raw) {
        if (raw.length == 0) {
            throw new IllegalArgumentException("raw transaction must not be empty");
        }
        Hash hash = Hash.keccak256(raw);
        String rawHex = Hex.encode(raw);
        boolean resend = sentHashes.asMap().putIfAbsent(hash, Boolean.TRUE) != null;
        Duration timeout = defaultTimeout;
        String method = Methods.SEND_RAW_TRANSACTION;
        int[] attempts = {0};
        RpcListener.SendOutcome outcome = failover(method, true, timeout, endpoint -> {
            long id = ids.incrementAndGet();
            byte[] body = codec.write(new JsonRpcCodec.Call(id, method, List.of(rawHex)));
            attempts[0]++;
            try {
                Object returned = exchange(
                        endpoint,
                        List.of(method),
                        body,
                        timeout,
                        method,
                        (in, source) -> codec.readSingle(in, id, HASH, source));
                if (!hash.equals(returned)) {
                    throw RpcException.of(
                            Kind.MALFORMED_RESPONSE,
                            method,
                            endpoint.display(),
                            "the node returned hash " + returned + " for a transaction whose hash is " + hash,
                            null);
                }
                return RpcListener.SendOutcome.ACCEPTED;
            } catch (RpcException e) {
                if (e.kind() != Kind.RPC_ERROR
                        || !SendErrors.mayBeOurs(e.rpcMessage().orElse(""))) {
                    throw e;
                }
                if (knowsTransaction(endpoint, hash, timeout)) {
                    LOG.debug(
                            "{} at {}: node answered '{}' and already has {}",
                            method,
                            endpoint.info(),
                            e.rpcMessage().orElse(""),
                            hash);
                    return RpcListener.SendOutcome.ALREADY_KNOWN;
                }
                throw e;
            }
        });
        RpcListener.Send send = new RpcListener.Send(hash, attempts[0], outcome, resend);
        Listeners.safely(() -> listener.onSend(send));
        LOG.debug("{} {}: {} after {} attempt(s){}", method, hash, outcome, attempts[0], resend ? " (resend)" : "");
        return hash;
    }

    /** The asynchronous twin of {@link #sendRawTransaction}, on the scheduler with the caller's MDC. */
    public CompletableFuture<Hash> sendRawTransactionAsync(byte[] raw) {
        return async(Methods.SEND_RAW_TRANSACTION, false, () -> sendRawTransaction(raw))
                .thenApply(hash -> (Hash) hash);
    }

    private boolean knowsTransaction(Endpoint endpoint, Hash hash, Duration timeout) {
        String method = "eth_getTransactionByHash";
        long id = ids.incrementAndGet();
        byte[] body = codec.write(new JsonRpcCodec.Call(id, method, List.of(hash.hex())));
        Object tx = exchange(
                endpoint,
                List.of(method),
                body,
                timeout,
                method,
                (in, source) -> codec.readSingle(in, id, JSON_NODE, source));
        return tx instanceof JsonNode node && !node.isNull();
    }

    // -------------------------------------------------------------------------------------------- health probing

    /**
     * Probes one endpoint outside its circuit breaker with {@code eth_chainId} and records the verdict; returns the
     * latency or throws the failure.
     */
    public Duration probe(Endpoint endpoint, Duration timeout) {
        String method = "eth_chainId";
        long id = ids.incrementAndGet();
        byte[] body = codec.write(new JsonRpcCodec.Call(id, method, List.of()));
        Instant start = clock.instant();
        Object actual = exchange(
                endpoint,
                List.of(method),
                body,
                timeout,
                method,
                (in, source) -> codec.readSingle(in, id, LONG, source));
        Duration latency = Duration.between(start, clock.instant());
        if (!(actual instanceof Long reported)) {
            throw RpcException.of(Kind.MALFORMED_RESPONSE, method, endpoint.display(), "no chain id", null);
        }
        if (endpoint.chainCheck() != ChainCheck.WRONG_CHAIN || reported != chainId) {
            endpoint.recordChainId(reported, chainId);
        }
        if (reported != chainId) {
            throw wrongChain(method, endpoint);
        }
        return latency;
    }

    // ------------------------------------------------------------------------------------------------- machinery

    @FunctionalInterface
    private interface Attempt {
        @Nullable
        Object run();
    }

    @FunctionalInterface
    private interface OnEndpoint<R> {
        R apply(Endpoint endpoint);
    }

    @FunctionalInterface
    private interface Reader<R> {
        R read(InputStream body, JsonRpcCodec.Source source);
    }

    /** A failure no retry may touch, carried through failsafe as a result rather than an exception. */
    private record Final(RpcException error) {}

    private @Nullable Object withRetries(String method, Attempt attempt) {
        Object outcome;
        try {
            outcome = Failsafe.with(retryPolicy).get(ctx -> {
                if (ctx.getAttemptCount() > 0 && ctx.getLastException() instanceof RpcException last) {
                    notifyRetry(method, ctx.getAttemptCount(), last);
                }
                return guard(attempt);
            });
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw RpcException.of(Kind.INTERRUPTED, method, null, "interrupted while waiting to retry", null);
            }
            throw e;
        }
        if (outcome instanceof Final f) {
            throw f.error();
        }
        return outcome;
    }

    private @Nullable Object guard(Attempt attempt) {
        try {
            return attempt.run();
        } catch (RpcException e) {
            if (e.isRetryable()) {
                throw e;
            }
            return new Final(e);
        }
    }

    private void notifyRetry(String method, int attempt, RpcException last) {
        LOG.debug("{}: retry {} after {}", method, attempt, last.kind());
        Listeners.safely(() -> listener.onRetry(method, attempt, last));
    }

    private CompletableFuture<@Nullable Object> async(String method, boolean idempotent, Attempt attempt) {
        Map<String, String> mdc = Mdc.capture();
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(closedError(method));
            return result;
        }
        Attempt withMdc = () -> {
            Object[] box = new Object[1];
            Mdc.runWith(mdc, () -> box[0] = guard(attempt));
            return box[0];
        };
        CompletableFuture<Object> execution;
        if (idempotent) {
            execution = Failsafe.with(retryPolicy).with(scheduler.get()).getAsync(ctx -> {
                if (ctx.getAttemptCount() > 0 && ctx.getLastException() instanceof RpcException last) {
                    Mdc.runWith(mdc, () -> notifyRetry(method, ctx.getAttemptCount(), last));
                }
                return withMdc.run();
            });
        } else {
            execution = CompletableFuture.supplyAsync(withMdc::run, scheduler.get());
        }
        execution.whenComplete((value, error) -> Mdc.runWith(mdc, () -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause()
                        : error;
                result.completeExceptionally(cause);
            } else if (value instanceof Final f) {
                result.completeExceptionally(f.error());
            } else {
                result.complete(value);
            }
        }));
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                execution.cancel(true);
            }
        });
        return result;
    }

    /**
     * Tries the endpoints in order. An endpoint on the wrong chain, or whose circuit is open, is skipped. A failure
     * moves on to the next endpoint when the call is idempotent and the failure speaks against that endpoint, or
     * whenever the request provably never left (connection refused): otherwise it is final.
     */
    private <R> R failover(String method, boolean idempotent, Duration timeout, OnEndpoint<R> onEndpoint) {
        List<RpcException> failures = new ArrayList<>(endpoints.size());
        List<RpcException> wrongChain = new ArrayList<>(0);
        boolean circuitOpen = false;
        for (Endpoint endpoint : endpoints) {
            if (closed) {
                throw closedError(method);
            }
            if (endpoint.chainCheck() == ChainCheck.WRONG_CHAIN) {
                wrongChain.add(wrongChain(method, endpoint));
                continue;
            }
            if (!endpoint.tryAcquirePermit()) {
                circuitOpen = true;
                continue;
            }
            try {
                verifyChain(endpoint, method, timeout);
                return onEndpoint.apply(endpoint);
            } catch (RpcException e) {
                if (e.kind() == Kind.WRONG_CHAIN) {
                    wrongChain.add(e);
                    continue;
                }
                if (!mayFailOver(e, idempotent)) {
                    throw e;
                }
                failures.add(e);
                if (endpoints.size() > 1) {
                    LOG.debug("{} failed at {} ({}); trying the next endpoint", method, endpoint.info(), e.kind());
                    Listeners.safely(() -> listener.onFailover(method, endpoint.info(), e));
                }
            }
        }
        throw allFailed(method, failures, wrongChain, circuitOpen);
    }

    private static boolean mayFailOver(RpcException e, boolean idempotent) {
        if (e.kind() == Kind.INTERRUPTED || e.kind() == Kind.CLOSED || e.kind() == Kind.OVERSIZE_RESPONSE) {
            return false;
        }
        if (idempotent) {
            return e.isRetryable() || e.kind() == Kind.HTTP_STATUS;
        }
        return e.kind() == Kind.TRANSPORT && e.getCause() instanceof java.net.ConnectException;
    }

    private RpcException allFailed(
            String method, List<RpcException> failures, List<RpcException> wrongChains, boolean circuitOpen) {
        RpcException error;
        boolean wrongChain = !wrongChains.isEmpty();
        if (!failures.isEmpty()) {
            RpcException last = failures.get(failures.size() - 1);
            if (failures.size() == 1 && !wrongChain && !circuitOpen) {
                return last;
            }
            StringBuilder detail = new StringBuilder("failed on every endpoint:");
            for (RpcException f : failures) {
                detail.append(' ')
                        .append(f.endpoint().orElse("?"))
                        .append(" -> ")
                        .append(f.kind())
                        .append(';');
            }
            if (wrongChain) {
                detail.append(" others serve the wrong chain;");
            }
            if (circuitOpen) {
                detail.append(" others have an open circuit;");
            }
            error = last.kind() == Kind.RPC_ERROR || last.kind() == Kind.HTTP_STATUS
                    ? last
                    : RpcException.of(last.kind(), method, null, detail.toString(), last);
            for (RpcException f : failures) {
                if (f != error && f != last) {
                    error.addSuppressed(f);
                }
            }
            return error;
        }
        if (wrongChains.size() == 1 && !circuitOpen) {
            return wrongChains.get(0);
        }
        if (wrongChain && !circuitOpen) {
            return RpcException.of(
                    Kind.WRONG_CHAIN,
                    method,
                    null,
                    "no endpoint serves chain " + chainId + " (" + describeWrongChains() + ")",
                    null);
        }
        return RpcException.of(
                Kind.CIRCUIT_OPEN,
                method,
                null,
                "every usable endpoint's circuit breaker is open"
                        + (wrongChain ? "; the others serve the wrong chain" : ""),
                null);
    }

    private String describeWrongChains() {
        StringBuilder s = new StringBuilder();
        for (Endpoint e : endpoints) {
            if (e.chainCheck() == ChainCheck.WRONG_CHAIN) {
                if (!s.isEmpty()) {
                    s.append(", ");
                }
                s.append(e.display())
                        .append(" serves ")
                        .append(e.reportedChainId().orElse(-1));
            }
        }
        return s.toString();
    }

    private RpcException wrongChain(String method, Endpoint endpoint) {
        return RpcException.of(
                Kind.WRONG_CHAIN,
                method,
                endpoint.display(),
                "the endpoint serves chain " + endpoint.reportedChainId().orElse(-1) + ", not " + chainId,
                null);
    }

    private RpcException closedError(String method) {
        return RpcException.of(Kind.CLOSED, method, null, "the client is closed", null);
    }

    /** Checks the endpoint's chain id once; concurrent first calls wait for one check. */
    private void verifyChain(Endpoint endpoint, String method, Duration timeout) {
        if (endpoint.chainCheck() == ChainCheck.MATCHES) {
            return;
        }
        synchronized (endpoint.chainLock()) {
            switch (endpoint.chainCheck()) {
                case MATCHES -> {
                    return;
                }
                case WRONG_CHAIN -> throw wrongChain(method, endpoint);
                case UNCHECKED -> {}
            }
            long id = ids.incrementAndGet();
            byte[] body = codec.write(new JsonRpcCodec.Call(id, "eth_chainId", List.of()));
            Object reported;
            try {
                reported = exchange(
                        endpoint,
                        List.of("eth_chainId"),
                        body,
                        timeout,
                        method,
                        (in, source) -> codec.readSingle(in, id, LONG, source));
            } catch (RpcException e) {
                if (e.kind() == Kind.RPC_ERROR) {
                    // the node does not answer eth_chainId: it cannot be shown to serve this chain
                    throw RpcException.of(
                            Kind.MALFORMED_RESPONSE,
                            method,
                            endpoint.display(),
                            "eth_chainId failed: " + e.rpcMessage().orElse(""),
                            e);
                }
                throw e;
            }
            if (!(reported instanceof Long actual)) {
                throw RpcException.of(
                        Kind.MALFORMED_RESPONSE, method, endpoint.display(), "eth_chainId returned null", null);
            }
            if (!endpoint.recordChainId(actual, chainId)) {
                throw wrongChain(method, endpoint);
            }
        }
    }

    /**
     * One HTTP exchange with {@code endpoint}: sends, checks the status, reads the body with {@code reader}, and
     * records the outcome with the endpoint's circuit breaker, its statistics and the listener.
     */
    private <R> R exchange(
            Endpoint endpoint, List<String> methods, byte[] body, Duration timeout, String label, Reader<R> reader) {
        if (closed) {
            throw closedError(label);
        }
        Instant start = clock.instant();
        List<String> sentHeaders = Transport.newHeaderSink();
        RpcHttpRequest request = RpcHttpRequest.of(endpoint.info(), methods, body);
        LOG.trace("{} -> {} ({} bytes)", label, endpoint.info(), body.length);
        RpcHttpResponse response;
        try {
            response = transport.exchange(endpoint, request, timeout, label, sentHeaders);
        } catch (RpcException e) {
            finish(endpoint, methods, start, null, e, body.length, 0);
            throw e;
        }
        Secrets secrets = endpoint.secrets().plus(sentHeaders);
        JsonRpcCodec.Source source = new JsonRpcCodec.Source(label, endpoint.display(), secrets);
        if (!response.isSuccessful()) {
            RpcException e = httpError(response, source);
            finish(endpoint, methods, start, response, e, body.length, response.bodyLength());
            throw e;
        }
        try {
            R result = reader.read(response.bodyStream(), source);
            finish(endpoint, methods, start, response, null, body.length, response.bodyLength());
            return result;
        } catch (RpcException e) {
            finish(endpoint, methods, start, response, e, body.length, response.bodyLength());
            throw e;
        }
    }

    private RpcException httpError(RpcHttpResponse response, JsonRpcCodec.Source source) {
        Integer code = null;
        String message = null;
        String data = null;
        if (response.bodyLength() > 0) {
            try {
                codec.readSingle(response.bodyStream(), 0, JSON_NODE, source);
            } catch (RpcException e) {
                if (e.kind() == Kind.RPC_ERROR) {
                    code = e.code().orElse(0);
                    message = e.rpcMessage().orElse(null);
                    data = e.dataJson().orElse(null);
                }
            }
        }
        return RpcException.httpStatus(source.method(), source.endpoint(), response.status(), code, message, data);
    }

    private void finish(
            Endpoint endpoint,
            List<String> methods,
            Instant start,
            @Nullable RpcHttpResponse response,
            @Nullable RpcException error,
            int requestBytes,
            int responseBytes) {
        Duration latency = Duration.between(start, clock.instant());
        boolean endpointFault = error != null && countsAgainstEndpoint(error);
        if (error != null && error.kind() == Kind.INTERRUPTED) {
            // says nothing about the endpoint
        } else if (endpointFault) {
            endpoint.recordFailure(error);
            LOG.debug(
                    "{} at {} failed after {} ms: {}",
                    methods,
                    endpoint.info(),
                    latency.toMillis(),
                    error.getMessage());
        } else {
            endpoint.recordSuccess(latency);
            if (error != null) {
                LOG.trace("{} at {}: {}", methods, endpoint.info(), error.getMessage());
            }
        }
        RpcListener.Exchange exchange = new RpcListener.Exchange(
                endpoint.info(),
                methods,
                latency,
                response == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(response.status()),
                error == null || error.kind() == Kind.RPC_ERROR
                        ? java.util.Optional.empty()
                        : java.util.Optional.of(error.kind()),
                requestBytes,
                responseBytes);
        Listeners.safely(() -> listener.onExchange(exchange));
    }

    private static boolean countsAgainstEndpoint(RpcException e) {
        return switch (e.kind()) {
            case TRANSPORT, TIMEOUT, MALFORMED_RESPONSE, HTTP_STATUS -> true;
            case RPC_ERROR -> e.isRetryable(); // rate limited
            default -> false;
        };
    }
}
