package io.mevkit.stream.internal;

import dev.failsafe.RateLimiter;
import io.mevkit.stream.Channel;
import io.mevkit.stream.DisconnectReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client: its grants, subscriptions, inbound rate limit and bounded outbound queue. Publishers only
 * append to the queue; a drain on a server worker thread hands batches to Jetty's non-blocking writer. The bound
 * counts messages not yet written to the socket, so a client that stops reading fills its own bound and is
 * disconnected without ever blocking a publisher or another client.
 */
public final class ClientEndpoint implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(ClientEndpoint.class);

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
    final RateLimiter<Object> limiter;
    private final EnumSet<Channel> subscriptions = EnumSet.noneOf(Channel.class);
    private static final int DRAIN_BATCH = 64;

    // guarded by this: messages queued for or inside Jetty's writer, not yet written to the socket
    private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();
    private int queuedMessages;
    private long queuedBytes;
    private boolean draining;
    private @Nullable CoreSession coreSession;
    final AtomicReference<@Nullable DisconnectReason> reason = new AtomicReference<>();
    final AtomicBoolean removed = new AtomicBoolean();
    final AtomicInteger rateStrikes = new AtomicInteger();
    volatile long lastSeenMillis;
    private volatile @Nullable Session session;

    ClientEndpoint(StreamHub hub, Set<Channel> authorized, @Nullable Instant expiresAt, RateLimiter<Object> limiter) {
        this.hub = hub;
        this.authorized = authorized;
        this.expiresAt = expiresAt;
        this.limiter = limiter;
        this.lastSeenMillis = hub.settings().clock().millis();
    }

    @Override
    public void onWebSocketOpen(Session session) {
        synchronized (this) {
            this.coreSession = ((WebSocketSession) session).getCoreSession();
        }
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

    /**
     * Queues {@code message} for this client and makes sure a drain is scheduled; called under the channel's lock, so
     * the queue keeps each channel's order. Never blocks and never writes on the caller's thread.
     */
    SendResult send(Outgoing message) {
        int bytes = message.bytes();
        synchronized (this) {
            if (coreSession == null || reason.get() != null || removed.get()) {
                return SendResult.CLOSED;
            }
            if (queuedMessages + 1 > hub.settings().maxQueuedMessages()
                    || queuedBytes + bytes > hub.settings().maxQueuedBytes()) {
                return reason.compareAndSet(null, DisconnectReason.SLOW_CONSUMER)
                        ? SendResult.OVERFLOW
                        : SendResult.CLOSED;
            }
            queuedMessages++;
            queuedBytes += bytes;
            pending.add(message);
            if (draining) {
                return SendResult.SENT;
            }
            draining = true;
        }
        try {
            hub.executor().execute(this::drain);
        } catch (RejectedExecutionException e) {
            // the server is stopping: what stays queued is discarded and counted when the connection closes
            synchronized (this) {
                draining = false;
            }
        }
        return SendResult.SENT;
    }

    /**
     * Hands the queued messages to Jetty in batches on a worker thread: frames of a batch are aggregated and written
     * with one flush. A message counts as queued until Jetty reports it written, so a client whose socket does not
     * drain fills its bound.
     */
    private void drain() {
        Outgoing[] batch = new Outgoing[DRAIN_BATCH];
        while (true) {
            int n = 0;
            CoreSession cs;
            synchronized (this) {
                cs = coreSession;
                while (n < DRAIN_BATCH && !pending.isEmpty()) {
                    batch[n++] = pending.poll();
                }
                if (n == 0 || cs == null) {
                    draining = false;
                    return;
                }
            }
            for (int i = 0; i < n; i++) {
                Outgoing m = batch[i];
                batch[i] = null;
                try {
                    cs.sendFrame(
                            new Frame(OpCode.TEXT).setPayload(m.payload()),
                            Callback.from(() -> written(m), x -> failed(m)),
                            i < n - 1);
                } catch (RuntimeException e) {
                    // a session closing under us: the message is lost and counted, the drain goes on
                    LOG.debug("sending a frame failed: {}", e.getClass().getName());
                    failed(m);
                }
            }
        }
    }

    private void written(Outgoing message) {
        synchronized (this) {
            queuedMessages--;
            queuedBytes -= message.bytes();
        }
        hub.countDelivered();
    }

    private void failed(Outgoing message) {
        synchronized (this) {
            queuedMessages--;
            queuedBytes -= message.bytes();
        }
        hub.countDropped(1);
    }

    /** Forgets what was never handed to Jetty, once the connection is gone; returns how many messages that was. */
    synchronized int discardPending() {
        int n = pending.size();
        pending.clear();
        queuedMessages -= n;
        queuedBytes = 0;
        return n;
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
            s.close(code, text, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    void ping() {
        Session s = session;
        if (s != null && reason.get() == null) {
            s.sendPing(ByteBuffer.allocate(0), org.eclipse.jetty.websocket.api.Callback.NOOP);
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

    synchronized int queuedMessages() {
        return queuedMessages;
    }
}
