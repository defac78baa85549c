package io.mevkit.stream.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.RateLimiter;
import io.mevkit.core.ValidationException;
import io.mevkit.stream.Channel;
import io.mevkit.stream.DisconnectReason;
import io.mevkit.stream.StreamServer;
import io.mevkit.stream.StreamStats;
import io.mevkit.stream.UpgradeRejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream's state: per channel a sequence counter, a replay ring and the subscribers, each guarded by the
 * channel's lock, so that the messages of one channel reach each client in sequence order and a subscription sees
 * exactly the messages after its acknowledged head. A request naming several channels takes their locks in enum
 * order (no deadlock). Nothing here blocks on a client's socket.
 */
public final class StreamHub {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    /** Close codes in the private-use range, documented in the README. */
    static final int CLOSE_SLOW_CONSUMER = 4001;

    static final int CLOSE_RATE_LIMITED = 4002;
    static final int CLOSE_TOKEN_EXPIRED = 4003;
    static final int CLOSE_STALE = 4004;

    private final Settings settings;
    private final ObjectMapper mapper;
    private final String epoch = UUID.randomUUID().toString();
    private final EnumMap<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
    private final Set<ClientEndpoint> clients = ConcurrentHashMap.newKeySet();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder replayed = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final LongAdder inboundRejected = new LongAdder();
    private final EnumMap<DisconnectReason, LongAdder> disconnects = new EnumMap<>(DisconnectReason.class);
    private final EnumMap<UpgradeRejection, LongAdder> rejections = new EnumMap<>(UpgradeRejection.class);
    private final Executor executor;
    private volatile boolean shutdown;

    private static final class ChannelState {
        final Channel channel;
        final ReentrantLock lock = new ReentrantLock();
        final Outgoing[] ring;
        final Set<ClientEndpoint> subscribers = new LinkedHashSet<>();
        long head;

        ChannelState(Channel channel, int size) {
            this.channel = channel;
            this.ring = new Outgoing[size];
        }

        long oldestRetained() {
            return Math.max(1, head - ring.length + 1);
        }

        Outgoing retained(long seq) {
            return ring[(int) (seq % ring.length)];
        }
    }

    public StreamHub(Settings settings, ObjectMapper mapper, Executor executor) {
        this.executor = executor;
        this.settings = settings;
        this.mapper = mapper;
        for (Channel c : Channel.values()) {
            channels.put(c, new ChannelState(c, settings.replayBufferSize()));
        }
        for (DisconnectReason r : DisconnectReason.values()) {
            disconnects.put(r, new LongAdder());
        }
        for (UpgradeRejection r : UpgradeRejection.values()) {
            rejections.put(r, new LongAdder());
        }
    }

    Executor executor() {
        return executor;
    }

    public Settings settings() {
        return settings;
    }

    public String epoch() {
        return epoch;
    }

    // ---- publishing

    public long publish(Channel channel, Object payload) {
        String data;
        try {
            data = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new ValidationException(
                    "payload", payload.getClass().getName(), "must serialize to JSON (" + e.getOriginalMessage() + ")");
        }
        ChannelState st = channels.get(channel);
        List<ClientEndpoint> slow = null;
        long seq;
        st.lock.lock();
        try {
            seq = ++st.head;
            Outgoing message = Outgoing.of("{\"type\":\"event\",\"channel\":\"" + channel.wireName() + "\",\"seq\":"
                    + seq + ",\"timestamp\":" + settings.clock().millis() + ",\"data\":" + data + "}");
            st.ring[(int) (seq % st.ring.length)] = message;
            for (ClientEndpoint c : st.subscribers) {
                slow = send(c, message, slow);
            }
        } finally {
            st.lock.unlock();
        }
        endSlow(slow);
        return seq;
    }

    private @Nullable List<ClientEndpoint> send(
            ClientEndpoint c, Outgoing message, @Nullable List<ClientEndpoint> slow) {
        switch (c.send(message)) {
            case SENT:
                return slow;
            case OVERFLOW:
                dropped.increment();
                List<ClientEndpoint> out = slow == null ? new ArrayList<>() : slow;
                out.add(c);
                return out;
            default:
                dropped.increment();
                return slow;
        }
    }

    /** Disconnects slow clients outside every channel lock (their close callback takes channel locks). */
    private void endSlow(@Nullable List<ClientEndpoint> slow) {
        if (slow != null) {
            for (ClientEndpoint c : slow) {
                LOG.debug("disconnecting a slow consumer ({} messages queued)", c.queuedMessages());
                c.end(DisconnectReason.SLOW_CONSUMER, CLOSE_SLOW_CONSUMER, "slow consumer");
            }
        }
    }

    // ---- connections

    /** A new client for an accepted upgrade, or null when the server is full or shutting down. */
    @Nullable
    ClientEndpoint reserveClient(TokenAuthenticator.@Nullable Result auth) {
        if (shutdown || clients.size() >= settings.maxClients()) {
            return null;
        }
        Set<Channel> granted = auth == null ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(auth.channels());
        return new ClientEndpoint(this, granted, auth == null ? null : auth.expiresAt(), inboundLimiter());
    }

    /**
     * {@code burst} messages per {@code burst / perSecond} seconds: the sustained rate is {@code perSecond}, and a
     * client may spend a whole period's permits at once.
     */
    private RateLimiter<Object> inboundLimiter() {
        long periodNanos = Math.max(1, 1_000_000_000L * settings.inboundBurst() / settings.inboundPerSecond());
        return RateLimiter.burstyBuilder(settings.inboundBurst(), Duration.ofNanos(periodNanos))
                .build();
    }

    void countRejection(UpgradeRejection why) {
        rejections.get(why).increment();
    }

    void countDelivered() {
        delivered.increment();
    }

    void countDropped(int n) {
        dropped.add(n);
    }

    void opened(ClientEndpoint c) {
        clients.add(c);
        if (shutdown) {
            c.end(DisconnectReason.SERVER_SHUTDOWN, 1001, "server shutting down");
            return;
        }
        ObjectNode welcome = mapper.createObjectNode();
        welcome.put("type", "welcome");
        welcome.put("protocol", StreamServer.PROTOCOL);
        welcome.put("epoch", epoch);
        ArrayNode granted = welcome.putArray("channels");
        c.authorized.forEach(ch -> granted.add(ch.wireName()));
        welcome.put("heartbeatMs", settings.heartbeatInterval().toMillis());
        welcome.put("replayBufferSize", settings.replayBufferSize());
        if (c.expiresAt != null) {
            welcome.put("expiresAt", c.expiresAt.toEpochMilli());
        }
        welcome.put("timestamp", settings.clock().millis());
        control(c, welcome);
    }

    void closed(ClientEndpoint c, int statusCode) {
        if (c.removed.getAndSet(true)) {
            return;
        }
        clients.remove(c);
        synchronized (clients) {
            clients.notifyAll();
        }
        DisconnectReason why = c.reason.get();
        if (why == null) {
            why = fromCloseCode(statusCode);
            c.reason.compareAndSet(null, why);
        }
        disconnects.get(why).increment();
        dropped.add(c.discardPending());
        for (Channel ch : c.subscriptions()) {
            ChannelState st = channels.get(ch);
            st.lock.lock();
            try {
                st.subscribers.remove(c);
            } finally {
                st.lock.unlock();
            }
        }
    }

    private static DisconnectReason fromCloseCode(int code) {
        switch (code) {
            case 1000:
            case 1001:
                return DisconnectReason.CLIENT_CLOSED;
            case 1002:
            case 1003:
            case 1007:
            case 1008:
            case 1009:
                return DisconnectReason.PROTOCOL_ERROR;
            default:
                return DisconnectReason.CONNECTION_LOST;
        }
    }

    void onError(ClientEndpoint c, Throwable cause) {
        LOG.debug("client connection error: {}", cause.getClass().getName());
    }

    /** Every heartbeat: ends clients whose token expired or that went silent, and pings the others. */
    public void heartbeat() {
        try {
            long now = settings.clock().millis();
            long staleMillis = settings.staleAfter().toMillis();
            for (ClientEndpoint c : clients) {
                if (c.expiresAt != null && now >= c.expiresAt.toEpochMilli()) {
                    c.end(DisconnectReason.TOKEN_EXPIRED, CLOSE_TOKEN_EXPIRED, "token expired");
                } else if (now - c.lastSeenMillis > staleMillis) {
                    c.end(DisconnectReason.STALE, CLOSE_STALE, "stale");
                } else {
                    c.ping();
                }
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep the heartbeat alive
            LOG.warn("stream heartbeat failed: {}", e.getClass().getName());
        }
    }

    /**
     * Refuses new clients and closes every connection with 1001 (going away), waiting up to {@code grace} for the
     * close handshakes, so that clients see an orderly shutdown and reconnect.
     */
    public void shutdown(Duration grace) {
        shutdown = true;
        for (ClientEndpoint c : clients) {
            c.end(DisconnectReason.SERVER_SHUTDOWN, 1001, "server shutting down");
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (clients) {
            while (!clients.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.debug("{} clients did not finish closing in {}", clients.size(), grace);
                    return;
                }
                try {
                    clients.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // ---- inbound

    void onBinary(ClientEndpoint c) {
        if (admit(c)) {
            error(c, null, "bad_request", "binary messages are not supported", null);
        }
    }

    void onText(ClientEndpoint c, String text) {
        if (!admit(c)) {
            return;
        }
        JsonNode request;
        try {
            request = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            error(c, null, "bad_request", "not JSON", null);
            return;
        }
        if (request == null || !request.isObject()) {
            error(c, null, "bad_request", "expected a JSON object", null);
            return;
        }
        JsonNode id = request.get("id");
        String type = request.path("type").asText("");
        switch (type) {
            case "subscribe":
                subscribe(c, id, request);
                break;
            case "unsubscribe":
                unsubscribe(c, id, request);
                break;
            case "ping":
                ObjectNode pong = mapper.createObjectNode();
                pong.put("type", "pong");
                if (id != null) {
                    pong.set("id", id);
                }
                pong.put("timestamp", settings.clock().millis());
                control(c, pong);
                break;
            default:
                error(c, id, "bad_request", "unknown type", null);
        }
    }

    /** The inbound rate limit: refuse over the limit; disconnect a client that keeps sending regardless. */
    private boolean admit(ClientEndpoint c) {
        if (c.limiter.tryAcquirePermit()) {
            c.rateStrikes.set(0);
            return true;
        }
        rateLimited.increment();
        if (c.rateStrikes.incrementAndGet() > settings.inboundBurst()) {
            c.end(DisconnectReason.RATE_LIMITED, CLOSE_RATE_LIMITED, "rate limited");
        } else {
            error(c, null, "rate_limited", "too many messages; this one was ignored", null);
        }
        return false;
    }

    private @Nullable EnumSet<Channel> channelsOf(ClientEndpoint c, @Nullable JsonNode id, JsonNode request) {
        JsonNode names = request.get("channels");
        if (names == null || !names.isArray() || names.isEmpty()) {
            error(c, id, "bad_request", "channels must be a non-empty array", null);
            return null;
        }
        EnumSet<Channel> out = EnumSet.noneOf(Channel.class);
        for (JsonNode n : names) {
            Optional<Channel> ch = n.isTextual() ? Channel.fromWireName(n.asText()) : Optional.empty();
            if (ch.isEmpty()) {
                error(c, id, "unknown_channel", "no such channel", n.toString());
                return null;
            }
            out.add(ch.get());
        }
        return out;
    }

    private void subscribe(ClientEndpoint c, @Nullable JsonNode id, JsonNode request) {
        EnumSet<Channel> wanted = channelsOf(c, id, request);
        if (wanted == null) {
            return;
        }
        for (Channel ch : wanted) {
            if (!c.authorized.contains(ch)) {
                error(c, id, "forbidden", "the token does not grant this channel", ch.wireName());
                return;
            }
        }
        Map<Channel, Long> lastSeq = new EnumMap<>(Channel.class);
        JsonNode last = request.get("lastSeq");
        if (last != null && !last.isNull()) {
            if (!last.isObject()) {
                error(c, id, "bad_request", "lastSeq must be an object of channel: sequence", null);
                return;
            }
            for (Map.Entry<String, JsonNode> e : last.properties()) {
                Optional<Channel> ch = Channel.fromWireName(e.getKey());
                if (ch.isEmpty() || !wanted.contains(ch.get())) {
                    error(c, id, "bad_request", "lastSeq names a channel not subscribed here", e.getKey());
                    return;
                }
                if (!e.getValue().canConvertToLong()
                        || e.getValue().asLong() < 0
                        || !e.getValue().isIntegralNumber()) {
                    error(c, id, "bad_request", "lastSeq values must be non-negative integers", e.getKey());
                    return;
                }
                lastSeq.put(ch.get(), e.getValue().asLong());
            }
        }
        JsonNode clientEpoch = request.get("epoch");
        boolean otherEpoch = clientEpoch != null
                && clientEpoch.isTextual()
                && !clientEpoch.asText().equals(epoch);
        List<ClientEndpoint> slow = null;
        lockAll(wanted);
        try {
            ObjectNode ack = mapper.createObjectNode();
            ack.put("type", "subscribed");
            if (id != null) {
                ack.set("id", id);
            }
            ack.put("epoch", epoch);
            ObjectNode heads = ack.putObject("heads");
            for (Channel ch : wanted) {
                heads.put(ch.wireName(), channels.get(ch).head);
            }
            slow = send(c, render(ack), slow);
            for (Channel ch : wanted) {
                ChannelState st = channels.get(ch);
                if (c.removed.get() || c.subscribed(ch)) {
                    continue;
                }
                Long since = lastSeq.get(ch);
                if (since != null) {
                    slow = replay(c, st, since, otherEpoch, slow);
                }
                st.subscribers.add(c);
                c.subscriptionAdded(ch);
            }
        } finally {
            unlockAll(wanted);
        }
        endSlow(slow);
    }

    private @Nullable List<ClientEndpoint> replay(
            ClientEndpoint c, ChannelState st, long since, boolean otherEpoch, @Nullable List<ClientEndpoint> slow) {
        long oldest = st.oldestRetained();
        long from;
        if (otherEpoch || since > st.head) {
            slow = send(c, gap(st.channel, "reset", 1, oldest - 1), slow);
            gaps.increment();
            from = oldest;
        } else if (since + 1 < oldest) {
            slow = send(c, gap(st.channel, "evicted", since + 1, oldest - 1), slow);
            gaps.increment();
            from = oldest;
        } else {
            from = since + 1;
        }
        for (long seq = from; seq <= st.head; seq++) {
            slow = send(c, st.retained(seq), slow);
            replayed.increment();
        }
        return slow;
    }

    private Outgoing gap(Channel ch, String why, long from, long to) {
        ObjectNode gap = mapper.createObjectNode();
        gap.put("type", "gap");
        gap.put("channel", ch.wireName());
        gap.put("reason", why);
        gap.put("from", from);
        gap.put("to", to);
        gap.put("epoch", epoch);
        gap.put("timestamp", settings.clock().millis());
        return render(gap);
    }

    private void unsubscribe(ClientEndpoint c, @Nullable JsonNode id, JsonNode request) {
        EnumSet<Channel> unwanted = channelsOf(c, id, request);
        if (unwanted == null) {
            return;
        }
        List<ClientEndpoint> slow = null;
        lockAll(unwanted);
        try {
            ObjectNode ack = mapper.createObjectNode();
            ack.put("type", "unsubscribed");
            if (id != null) {
                ack.set("id", id);
            }
            ObjectNode heads = ack.putObject("heads");
            for (Channel ch : unwanted) {
                ChannelState st = channels.get(ch);
                st.subscribers.remove(c);
                c.subscriptionRemoved(ch);
                heads.put(ch.wireName(), st.head);
            }
            slow = send(c, render(ack), slow);
        } finally {
            unlockAll(unwanted);
        }
        endSlow(slow);
    }

    private void lockAll(EnumSet<Channel> set) {
        for (Channel ch : set) {
            channels.get(ch).lock.lock();
        }
    }

    private void unlockAll(EnumSet<Channel> set) {
        for (Channel ch : set) {
            channels.get(ch).lock.unlock();
        }
    }

    private void error(ClientEndpoint c, @Nullable JsonNode id, String code, String message, @Nullable String channel) {
        inboundRejected.increment();
        ObjectNode error = mapper.createObjectNode();
        error.put("type", "error");
        if (id != null) {
            error.set("id", id);
        }
        error.put("code", code);
        error.put("message", message);
        if (channel != null) {
            error.put("channel", channel);
        }
        control(c, error);
    }

    private void control(ClientEndpoint c, ObjectNode message) {
        endSlow(send(c, render(message), null));
    }

    private Outgoing render(ObjectNode node) {
        return Outgoing.of(node.toString());
    }

    // ---- stats

    public StreamStats stats() {
        Map<Channel, Long> published = new EnumMap<>(Channel.class);
        channels.forEach((ch, st) -> {
            st.lock.lock();
            try {
                published.put(ch, st.head);
            } finally {
                st.lock.unlock();
            }
        });
        Map<DisconnectReason, Long> d = new EnumMap<>(DisconnectReason.class);
        disconnects.forEach((k, v) -> d.put(k, v.sum()));
        Map<UpgradeRejection, Long> r = new EnumMap<>(UpgradeRejection.class);
        rejections.forEach((k, v) -> r.put(k, v.sum()));
        return new StreamStats(
                clients.size(),
                published,
                delivered.sum(),
                replayed.sum(),
                gaps.sum(),
                dropped.sum(),
                rateLimited.sum(),
                inboundRejected.sum(),
                d,
                r);
    }
}
