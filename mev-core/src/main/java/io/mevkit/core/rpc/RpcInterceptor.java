package io.mevkit.core.rpc;

import java.time.Duration;

/**
 * Observes, modifies or short-circuits each HTTP exchange of an {@link RpcClient}, in the manner of okhttp's
 * interceptors: add authentication headers, sign bodies, measure latency, count requests.
 *
 * <p>Interceptors run in the order they were added, once per exchange (each failover or retry attempt is a new
 * exchange), on the calling thread. An interceptor calls {@link Chain#proceed(RpcHttpRequest)} at most once and returns
 * its response (or one of its own). It may throw {@link RpcException}; any other runtime exception fails the call
 * as a {@link RpcException.Kind#TRANSPORT} failure. Implementations must be thread-safe, and must not log header
 * values or URLs of their own.
 */
@FunctionalInterface
public interface RpcInterceptor {
    RpcHttpResponse intercept(Chain chain);

    /** The rest of the interceptor chain, ending at the HTTP transport. */
    interface Chain {
        /** The request as the previous interceptor passed it on. */
        RpcHttpRequest request();

        /** The time this exchange may take in all. */
        Duration timeout();

        /** Passes {@code request} on to the next interceptor, or sends it. */
        RpcHttpResponse proceed(RpcHttpRequest request);
    }
}
