package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.ws.RequestPolicy;
import io.mevkit.ws.WsException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** One JSON-RPC request over the socket, from its creation to its single completion. Thread-safe. */
final class PendingRequest {
    /** Receives the outcome, on the thread that produced it (often the reader thread: keep it short). */
    interface Callback {
        void onResult(JsonNode result);

        void onError(WsException error);
    }

    final long id;
    final String method;
    final JsonNode params;
    final RequestPolicy policy;
    final boolean internal;
    private final Callback callback;
    private final AtomicBoolean done = new AtomicBoolean();
    volatile @Nullable Object sentOn;
    volatile @Nullable ScheduledFuture<?> timeout;

    PendingRequest(long id, String method, JsonNode params, RequestPolicy policy, boolean internal, Callback callback) {
        this.id = id;
        this.method = method;
        this.params = params;
        this.policy = policy;
        this.internal = internal;
        this.callback = callback;
    }

    boolean isDone() {
        return done.get();
    }

    boolean succeed(JsonNode result) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        callback.onResult(result);
        return true;
    }

    boolean fail(WsException error) {
        return fail(error, () -> {});
    }

    /**
     * Fails the request unless it is done already; {@code count} runs before the caller hears of the failure, so a
     * counter it bumps is up to date by the time the caller's future completes.
     */
    boolean fail(WsException error, Runnable count) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        cancelTimeout();
        count.run();
        callback.onError(error);
        return true;
    }

    private void cancelTimeout() {
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }
}
