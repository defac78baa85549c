package io.mevkit.core.rpc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of one endpoint's health as the client sees it: its circuit breaker, the verdict of its
 * {@code eth_chainId} check, the last failure and the latency of the last successful exchange.
 *
 * @param lastError the kind and redacted message of the last failed exchange
 * @param successes exchanges that got a JSON-RPC answer (including error objects)
 * @param failures exchanges that failed (transport, timeout, HTTP status, malformed or oversize body)
 */
public record EndpointStatus(
        RpcEndpoint endpoint,
        CircuitState circuit,
        ChainCheck chainCheck,
        OptionalLong reportedChainId,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        Optional<Duration> lastLatency,
        long successes,
        long failures) {

    /** The state of an endpoint's circuit breaker. */
    public enum CircuitState {
        /** Calls flow. */
        CLOSED,
        /** Calls are refused until the breaker's delay has passed. */
        OPEN,
        /** A limited number of trial calls decide whether it closes or opens again. */
        HALF_OPEN
    }

    /** The verdict of an endpoint's one-time {@code eth_chainId} check. */
    public enum ChainCheck {
        /** Not checked yet (the endpoint has not been used, or could not be reached). */
        UNCHECKED,
        /** Serves the configured chain. */
        MATCHES,
        /** Serves another chain: never used. */
        WRONG_CHAIN
    }

    public EndpointStatus {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(circuit, "circuit");
        Objects.requireNonNull(chainCheck, "chainCheck");
        Objects.requireNonNull(reportedChainId, "reportedChainId");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastErrorAt, "lastErrorAt");
        Objects.requireNonNull(lastLatency, "lastLatency");
        if (successes < 0 || failures < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + successes + ", " + failures);
        }
    }

    /** Whether the client would route a call to this endpoint now (right chain or unchecked, circuit not open). */
    public boolean usable() {
        return chainCheck != ChainCheck.WRONG_CHAIN && circuit != CircuitState.OPEN;
    }
}
