package io.mevkit.core.rpc.internal;

import dev.failsafe.CircuitBreaker;
import io.mevkit.core.rpc.EndpointStatus;
import io.mevkit.core.rpc.EndpointStatus.ChainCheck;
import io.mevkit.core.rpc.EndpointStatus.CircuitState;
import io.mevkit.core.rpc.RpcEndpoint;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One endpoint's routing state: its circuit breaker, the cached verdict of its {@code eth_chainId} check and the
 * figures {@link EndpointStatus} reports. Thread-safe.
 */
public final class Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final RpcEndpoint info;
    private final EndpointUrl url;
    private final CircuitBreaker<Object> breaker;
    private final RpcListener listener;
    private final Clock clock;
    private final Object chainLock = new Object();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    private volatile ChainCheck chainCheck = ChainCheck.UNCHECKED;
    private volatile long reportedChainId = -1;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant lastErrorAt;
    private volatile @Nullable Duration lastLatency;

    public Endpoint(
            RpcEndpoint info, EndpointUrl url, CircuitBreaker<Object> breaker, RpcListener listener, Clock clock) {
        this.info = info;
        this.url = url;
        this.breaker = breaker;
        this.listener = listener;
        this.clock = clock;
    }

    public RpcEndpoint info() {
        return info;
    }

    public EndpointUrl url() {
        return url;
    }

    /** The redacted URL, for messages. */
    public String display() {
        return url.display();
    }

    public Secrets secrets() {
        return url.secrets();
    }

    /** Whether {@code other} is this endpoint's breaker (each endpoint needs its own). */
    public boolean breakerIs(CircuitBreaker<?> other) {
        return breaker == other;
    }

    /** Asks the circuit breaker for a permit; false when it is open (or half-open with no trial left). */
    public boolean tryAcquirePermit() {
        CircuitState before = circuitState();
        boolean permitted = breaker.tryAcquirePermit();
        reportTransition(before);
        return permitted;
    }

    /** The exchange got a JSON-RPC answer (an error object counts: the node is alive). */
    public void recordSuccess(Duration latency) {
        CircuitState before = circuitState();
        breaker.recordSuccess();
        successes.incrementAndGet();
        lastLatency = latency;
        reportTransition(before);
    }

    /** The exchange failed for a reason that speaks against the endpoint. */
    public void recordFailure(RpcException error) {
        CircuitState before = circuitState();
        breaker.recordFailure();
        failures.incrementAndGet();
        lastError = error.kind() + ": " + error.getMessage();
        lastErrorAt = clock.instant();
        reportTransition(before);
    }

    public CircuitState circuitState() {
        return switch (breaker.getState()) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
        };
    }

    private void reportTransition(CircuitState before) {
        CircuitState after = circuitState();
        if (before != after) {
            if (after == CircuitState.OPEN) {
                LOG.warn("circuit of RPC endpoint {} opened after failures; last: {}", info, lastError);
            } else {
                LOG.debug("circuit of RPC endpoint {}: {} -> {}", info, before, after);
            }
            Listeners.safely(() -> listener.onCircuitStateChanged(info, before, after));
        }
    }

    public ChainCheck chainCheck() {
        return chainCheck;
    }

    /** Serialises the one-time chain id check of this endpoint. */
    public Object chainLock() {
        return chainLock;
    }

    /** Records the chain id the endpoint reported; returns whether it matches. */
    public boolean recordChainId(long actual, long expected) {
        reportedChainId = actual;
        boolean matches = actual == expected;
        chainCheck = matches ? ChainCheck.MATCHES : ChainCheck.WRONG_CHAIN;
        if (matches) {
            LOG.debug("RPC endpoint {} serves chain {}", info, actual);
        } else {
            lastError = RpcException.Kind.WRONG_CHAIN + ": serves chain " + actual + ", not " + expected;
            lastErrorAt = clock.instant();
            LOG.warn("RPC endpoint {} serves chain {}, not {}: it will not be used", info, actual, expected);
        }
        Listeners.safely(() -> listener.onChainIdChecked(info, expected, actual));
        return matches;
    }

    public OptionalLong reportedChainId() {
        long id = reportedChainId;
        return id < 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }

    public EndpointStatus status() {
        return new EndpointStatus(
                info,
                circuitState(),
                chainCheck,
                reportedChainId(),
                Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt),
                Optional.ofNullable(lastLatency),
                successes.get(),
                failures.get());
    }
}
