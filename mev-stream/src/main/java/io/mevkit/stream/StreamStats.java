package io.mevkit.stream;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a {@link StreamServer}'s counters. Counters only grow; {@code clients} is the number connected now.
 *
 * @param clients clients connected now
 * @param published messages published, per channel (every channel present)
 * @param delivered messages written to clients' sockets (events, replays, acknowledgements and other replies)
 * @param replayed events re-sent from replay buffers after a reconnect
 * @param gaps gap messages sent (what a client asked for was no longer in the replay buffer)
 * @param dropped messages never written to a client: refused by a full outbound queue, skipped while the client was
 *     being disconnected, or still queued when its connection ended
 * @param inboundRateLimited inbound messages refused by the per-client rate limit
 * @param inboundRejected inbound messages refused as malformed, unknown or forbidden
 * @param disconnects disconnections by reason (every reason present)
 * @param rejectedUpgrades refused connection attempts by reason (every reason present)
 */
public record StreamStats(
        int clients,
        Map<Channel, Long> published,
        long delivered,
        long replayed,
        long gaps,
        long dropped,
        long inboundRateLimited,
        long inboundRejected,
        Map<DisconnectReason, Long> disconnects,
        Map<UpgradeRejection, Long> rejectedUpgrades) {

    public StreamStats {
        published = Collections.unmodifiableMap(complete(published, Channel.class));
        disconnects = Collections.unmodifiableMap(complete(disconnects, DisconnectReason.class));
        rejectedUpgrades = Collections.unmodifiableMap(complete(rejectedUpgrades, UpgradeRejection.class));
    }

    /** Messages published on {@code channel}. */
    public long published(Channel channel) {
        return published.get(channel);
    }

    /** Disconnections for {@code reason}. */
    public long disconnects(DisconnectReason reason) {
        return disconnects.get(reason);
    }

    /** Refused upgrades for {@code reason}. */
    public long rejectedUpgrades(UpgradeRejection reason) {
        return rejectedUpgrades.get(reason);
    }

    private static <K extends Enum<K>> EnumMap<K, Long> complete(Map<K, Long> in, Class<K> type) {
        Objects.requireNonNull(in, type.getSimpleName());
        EnumMap<K, Long> out = new EnumMap<>(type);
        for (K k : type.getEnumConstants()) {
            out.put(k, in.getOrDefault(k, 0L));
        }
        return out;
    }
}
