package io.mevkit.core.rpc;

import io.mevkit.core.Hash;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Receives what an {@link RpcClient} does, for metrics and diagnostics (see {@link MicrometerRpcListener}). Every
 * method has a no-op default. Methods are called synchronously on the thread doing the work, so they must be fast,
 * thread-safe and must not throw (an exception thrown is logged at DEBUG and otherwise ignored).
 */
public interface RpcListener {
    /** A listener that does nothing. */
    RpcListener NONE = new RpcListener() {};

    /** One HTTP exchange with an endpoint finished, successfully or not. */
    default void onExchange(Exchange exchange) {}

    /** A read that failed on {@code endpoint} moves on to the next endpoint. */
    default void onFailover(String method, RpcEndpoint endpoint, RpcException cause) {}

    /** A read is retried ({@code attempt} 1 is the first retry) after every endpoint failed. */
    default void onRetry(String method, int attempt, RpcException cause) {}

    /** An endpoint's circuit breaker changed state. */
    default void onCircuitStateChanged(
            RpcEndpoint endpoint, EndpointStatus.CircuitState from, EndpointStatus.CircuitState to) {}

    /** An endpoint's {@code eth_chainId} was checked; it is used only if {@code actual == expected}. */
    default void onChainIdChecked(RpcEndpoint endpoint, long expected, long actual) {}

    /** One logical {@code eth_sendRawTransaction} finished with the transaction's hash. */
    default void onSend(Send send) {}

    /**
     * One HTTP exchange.
     *
     * @param status the HTTP status, when a response arrived
     * @param failure why the exchange failed, when it did (a JSON-RPC error object is a successful exchange)
     */
    record Exchange(
            RpcEndpoint endpoint,
            List<String> methods,
            Duration latency,
            OptionalInt status,
            Optional<RpcException.Kind> failure,
            int requestBytes,
            int responseBytes) {
        public Exchange {
            Objects.requireNonNull(endpoint, "endpoint");
            methods = List.copyOf(methods);
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * One logical send: however many endpoints and attempts it took, and whether the node already knew the
     * transaction.
     *
     * @param attempts HTTP exchanges carrying the transaction's bytes (identical every time)
     * @param resend whether this client had already sent these exact bytes before
     */
    record Send(Hash hash, int attempts, SendOutcome outcome, boolean resend) {
        public Send {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(outcome, "outcome");
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be >= 1 but was " + attempts);
            }
        }
    }

    /** How a send that returned the transaction's hash was accepted. */
    enum SendOutcome {
        /** The node accepted the bytes. */
        ACCEPTED,
        /**
         * The node answered "already known", "nonce too low" or "replacement transaction underpriced", and
         * {@code eth_getTransactionByHash} showed it already has this very transaction.
         */
        ALREADY_KNOWN
    }
}
