package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mevkit.ws.Gap;
import io.mevkit.ws.Subscription;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;
import io.mevkit.ws.SubscriptionOverflowException;
import io.mevkit.ws.SubscriptionStats;
import io.mevkit.ws.WsException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The parts every subscription shares: the stable local id, the node's current id, the bounded buffer and the
 * listener. Subclasses decide what a notification becomes and what a reconnect means for them. Thread-safe.
 *
 * @param <T> the event type
 */
public abstract class SubscriptionCore<T> implements Subscription<T>, DeliveryBuffer.Sink {
    protected final SubscriptionHost host;
    private final long id;
    private final SubscriptionKind kind;
    private final ArrayNode subscribeParams;
    private final SubscriptionListener<T> listener;
    private final DeliveryBuffer buffer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong backfilled = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong pendingDropped = new AtomicLong();
    private volatile boolean active = true;
    private volatile boolean everAcknowledged;
    private volatile @Nullable String serverId;
    private volatile long lastNotificationNanos;
    private volatile boolean staleReported;
    private volatile @Nullable Runnable unsubscriber;
    private volatile boolean internal;

    protected SubscriptionCore(
            SubscriptionHost host,
            long id,
            SubscriptionKind kind,
            ArrayNode subscribeParams,
            SubscriptionOptions options,
            SubscriptionListener<T> listener) {
        this.host = host;
        this.id = id;
        this.kind = kind;
        this.subscribeParams = subscribeParams;
        this.listener = listener;
        this.buffer = new DeliveryBuffer(options.capacity(), options.overflow(), host.worker(), this);
        this.lastNotificationNanos = host.nanoTime();
    }

    /** A notification's {@code result} arrived on the socket (reader thread). */
    public abstract void onNotification(JsonNode result);

    /** The socket carrying this subscription dropped (or was never there). */
    public abstract void onDisconnected();

    /** A socket is ready with this subscription acknowledged and the node's head at {@code head}. */
    public abstract void onConnected(long head);

    /** The polling fallback saw the node's head at {@code head}. */
    public abstract void onPoll(long head);

    /** The highest block delivered, or -1. */
    public abstract long lastBlock();

    @Override
    public final long id() {
        return id;
    }

    @Override
    public final SubscriptionKind kind() {
        return kind;
    }

    @Override
    public final boolean isActive() {
        return active;
    }

    @Override
    public final CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public final void unsubscribe() {
        Runnable u = unsubscriber;
        if (u != null) {
            u.run();
        } else {
            discard();
        }
    }

    @Override
    public final SubscriptionStats stats() {
        DeliveryBuffer.Snapshot s = buffer.snapshot();
        return new SubscriptionStats(
                id,
                kind,
                s.produced(),
                s.delivered(),
                s.buffered(),
                s.dropped(),
                buffer.capacity(),
                duplicates.get(),
                backfilled.get(),
                gaps.get(),
                lastBlock());
    }

    /** The client's own subscription (its head tracker), hidden from stats. */
    public final boolean isInternal() {
        return internal;
    }

    public final void markInternal() {
        internal = true;
    }

    public final ArrayNode subscribeParams() {
        return subscribeParams;
    }

    public final void setUnsubscriber(Runnable unsubscriber) {
        this.unsubscriber = unsubscriber;
    }

    public final @Nullable String serverId() {
        return serverId;
    }

    public final void setServerId(@Nullable String serverId) {
        this.serverId = serverId;
    }

    public final boolean everAcknowledged() {
        return everAcknowledged;
    }

    /** Marks the first acknowledgement; returns true if this was it. */
    public final boolean acknowledged() {
        boolean first = !everAcknowledged;
        everAcknowledged = true;
        return first;
    }

    public final long lastNotificationNanos() {
        return lastNotificationNanos;
    }

    public final boolean staleReported() {
        return staleReported;
    }

    public final void markStaleReported() {
        staleReported = true;
    }

    protected final void touched() {
        lastNotificationNanos = host.nanoTime();
        staleReported = false;
    }

    /** Resets the silence clock (a fresh socket starts a fresh watchdog period). */
    public final void resetSilence() {
        touched();
    }

    /** Stops delivery at once and discards what is buffered (unsubscribe, close). */
    public final void discard() {
        active = false;
        buffer.discard();
        if (!ready.isDone()) {
            ready.completeExceptionally(new WsException("subscription " + id + " ended before it was acknowledged"));
        }
    }

    /** Ends the subscription with an error after delivering what is buffered (rejected, client failed). */
    public final void fail(WsException error) {
        active = false;
        buffer.terminate(error);
        if (!ready.isDone()) {
            ready.completeExceptionally(error);
        }
    }

    public final void completeReady() {
        if (!ready.isDone()) {
            try {
                host.worker().execute(() -> ready.complete(null));
            } catch (RejectedExecutionException shutDown) {
                ready.complete(null);
            }
        }
    }

    protected final void deliverEvent(T event, boolean fromBackfill) {
        long discarded = buffer.offer(event);
        if (fromBackfill) {
            backfilled.incrementAndGet();
            host.backfilled(1);
        }
        if (discarded > 0) {
            reportDropped(discarded);
        }
    }

    protected final void deliverGap(Gap gap) {
        gaps.incrementAndGet();
        long discarded = buffer.offer(gap);
        host.gapDelivered(this, gap);
        if (discarded > 0) {
            reportDropped(discarded);
        }
    }

    protected final void duplicate() {
        duplicates.incrementAndGet();
    }

    private void reportDropped(long discarded) {
        // coalesced: one listener event covers every drop since the previous event was taken
        if (pendingDropped.getAndAdd(discarded) == 0) {
            host.dropped(this, 0);
        }
    }

    /** Takes the drops accumulated since the last call (for the coalesced listener event). */
    public final long takeDropped() {
        return pendingDropped.getAndSet(0);
    }

    @Override
    @SuppressWarnings("unchecked") // the buffer holds only this subscription's events (T) and Gaps
    public final void deliver(Object item) {
        if (item instanceof Gap gap) {
            listener.onGap(gap);
        } else {
            listener.onEvent((T) item);
        }
    }

    @Override
    public final void terminated(WsException error) {
        listener.onError(error);
    }

    @Override
    public final void overflowFailed() {
        active = false;
        buffer.terminate(new SubscriptionOverflowException(id, buffer.capacity()));
        // the producer may hold this subscription's lock: end it on the node from another thread
        try {
            host.worker().execute(() -> host.ended(this));
        } catch (RejectedExecutionException shutDown) {
            // the client is closing; nothing to end on the node
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + id + " " + kind + "]";
    }
}
