package io.mevkit.ws;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a {@link WsClient}'s counters, available without any metrics library ({@link WsMeters} binds them to
 * Micrometer when the application has it).
 *
 * @param state the connection state
 * @param endpoint the endpoint currently connected or being tried, if any
 * @param polling whether HTTP polling currently replaces the socket
 * @param connects successful connections, the first included
 * @param reconnects successful reconnections after a drop
 * @param attempts connection attempts
 * @param drops connections lost after they were established
 * @param lastDowntime the last outage, from detecting the drop to connected again
 * @param lastBackoff the backoff delays scheduled during the last outage, in total
 * @param malformedFrames frames discarded as invalid JSON-RPC
 * @param oversizeMessages messages discarded for exceeding the maximum size
 * @param requests JSON-RPC requests made by the application
 * @param requestsResent requests written again after a drop (policy RESEND)
 * @param requestsLost requests failed after a drop (policy FAIL)
 * @param requestTimeouts requests that timed out
 * @param staleDetections silences of {@code newHeads} subscriptions beyond the watchdog limit
 * @param backfilledEvents events delivered from the backfill source, all subscriptions together
 * @param gaps gaps delivered, all subscriptions together
 * @param pollCycles polling rounds completed
 * @param endpoints per-endpoint health, in configuration order
 * @param subscriptions per-subscription counters, by id
 */
public record WsStats(
        ConnectionState state,
        Optional<String> endpoint,
        boolean polling,
        long connects,
        long reconnects,
        long attempts,
        long drops,
        Optional<Duration> lastDowntime,
        Optional<Duration> lastBackoff,
        long malformedFrames,
        long oversizeMessages,
        long requests,
        long requestsResent,
        long requestsLost,
        long requestTimeouts,
        long staleDetections,
        long backfilledEvents,
        long gaps,
        long pollCycles,
        List<EndpointStats> endpoints,
        List<SubscriptionStats> subscriptions) {
    public WsStats {
        endpoints = List.copyOf(endpoints);
        subscriptions = List.copyOf(subscriptions);
    }
}
