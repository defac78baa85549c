package io.mevkit.stream.internal;

import io.mevkit.stream.Channel;
import io.mevkit.stream.DisconnectReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;

/**
 * One connected client: its grants, subscriptions, inbound rate limit and bounded outbound queue. Messages are handed
 * to Jetty's non-blocking writer at once; the queue bound counts those not yet written, so a client that stops
 * reading fills its own bound and is disconnected without ever blocking a publisher.
 */
public final class ClientEndpoint implements Session.Listener.AutoDemanding {
    enum SendResult {
        SENT,
        /** This send overflowed the queue: the caller must disconnect the client as a slow consumer. */
        OVERFLOW,
        /** The client is already going away; nothing was sent. */
        CLOSED
    }

    private final StreamHub hub;
    final Set<Channel> authorized;
    final @Nullable Instant expiresAt;
    final RateLimiter limiter;
    private final EnumSet<Channel> subscriptions = EnumSet.noneOf(Channel.class);
    private final AtomicInteger queuedMessages = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    final AtomicReference<@Nullable DisconnectReason> reason = new AtomicReference<>();
    final AtomicBoolean removed = new AtomicBoolean();
    final AtomicInteger rateStrikes = new AtomicInteger();
    volatile long lastSeenMillis;
    private volatile @Nullable Session session;

    ClientEndpoint(StreamHub hub, Set<Channel> authorized, @Nullable Instant expiresAt, RateLimiter limiter) {
        this.hub = hub;
        this.authorized = authorized;
        this.expiresAt = expiresAt;
        this.limiter = limiter;
        this.lastSeenMillis = hub.settings().clock().millis();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        lastSeenMillis = hub.settings().clock().millis();
        hub.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        lastSeenMillis = hub.settings().clock().millis();
        hub.onText(this, message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed();
        lastSeenMillis = hub.settings().clock().millis();
        hub.onBinary(this);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastSeenMillis = hub.settings().clock().millis();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        hub.onError(this, cause);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        hub.closed(this, statusCode);
    }

    SendResult send(Outgoing message) {
        Session s = session;
        if (s == null || reason.get() != null || removed.get()) {
            return SendResult.CLOSED;
        }
        int n = queuedMessages.incrementAndGet();
        long b = queuedBytes.addAndGet(message.bytes());
        if (n > hub.settings().maxQueuedMessages() || b > hub.settings().maxQueuedBytes()) {
            queuedMessages.decrementAndGet();
            queuedBytes.addAndGet(-message.bytes());
            return reason.compareAndSet(null, DisconnectReason.SLOW_CONSUMER) ? SendResult.OVERFLOW : SendResult.CLOSED;
        }
        s.sendText(message.text(), Callback.from(() -> written(message), x -> failed(message)));
        return SendResult.SENT;
    }

    private void written(Outgoing message) {
        queuedMessages.decrementAndGet();
        queuedBytes.addAndGet(-message.bytes());
        hub.countDelivered();
    }

    private void failed(Outgoing message) {
        queuedMessages.decrementAndGet();
        queuedBytes.addAndGet(-message.bytes());
        hub.countDropped(1);
    }

    /** Ends the connection: a close frame for responsive clients, a hard disconnect for slow or stale ones. */
    void end(DisconnectReason why, int code, String text) {
        reason.compareAndSet(null, why);
        Session s = session;
        if (s == null) {
            return;
        }
        if (why == DisconnectReason.SLOW_CONSUMER || why == DisconnectReason.STALE) {
            s.disconnect();
        } else {
            s.close(code, text, Callback.NOOP);
        }
    }

    void ping() {
        Session s = session;
        if (s != null && reason.get() == null) {
            s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    synchronized boolean subscribed(Channel c) {
        return subscriptions.contains(c);
    }

    synchronized void subscriptionAdded(Channel c) {
        subscriptions.add(c);
    }

    synchronized void subscriptionRemoved(Channel c) {
        subscriptions.remove(c);
    }

    synchronized Set<Channel> subscriptions() {
        return EnumSet.copyOf(subscriptions);
    }

    int queuedMessages() {
        return queuedMessages.get();
    }
}
