package io.mevkit.ws;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link WsClient}'s {@link WsStats} to Micrometer meters ({@code mevkit.ws.*}), for applications that have
 * Micrometer; the client itself never needs it. Every meter reads a fresh snapshot when the registry polls it.
 * Thread-safe.
 */
public final class WsMeters implements MeterBinder {
    private final WsClient client;
    private final Tags tags;

    public WsMeters(WsClient client, Iterable<Tag> tags) {
        this.client = Objects.requireNonNull(client, "client");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    public WsMeters(WsClient client) {
        this(client, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "mevkit.ws.connects", "successful connections", WsStats::connects);
        counter(registry, "mevkit.ws.reconnects", "reconnections after a drop", WsStats::reconnects);
        counter(registry, "mevkit.ws.attempts", "connection attempts", WsStats::attempts);
        counter(registry, "mevkit.ws.drops", "established connections lost", WsStats::drops);
        counter(registry, "mevkit.ws.frames.malformed", "frames discarded as invalid", WsStats::malformedFrames);
        counter(registry, "mevkit.ws.frames.oversize", "messages discarded as too long", WsStats::oversizeMessages);
        counter(registry, "mevkit.ws.requests", "JSON-RPC requests", WsStats::requests);
        counter(registry, "mevkit.ws.requests.resent", "requests resent after a drop", WsStats::requestsResent);
        counter(registry, "mevkit.ws.requests.lost", "requests failed after a drop", WsStats::requestsLost);
        counter(registry, "mevkit.ws.requests.timeouts", "requests timed out", WsStats::requestTimeouts);
        counter(registry, "mevkit.ws.stale", "newHeads silences beyond the watchdog", WsStats::staleDetections);
        counter(
                registry,
                "mevkit.ws.backfilled",
                "events delivered from the backfill source",
                WsStats::backfilledEvents);
        counter(registry, "mevkit.ws.gaps", "gaps delivered", WsStats::gaps);
        counter(registry, "mevkit.ws.poll.cycles", "HTTP polling rounds", WsStats::pollCycles);
        counter(
                registry,
                "mevkit.ws.subscription.dropped",
                "items discarded by overflow policies",
                s -> s.subscriptions().stream()
                        .mapToLong(SubscriptionStats::dropped)
                        .sum());
        gauge(registry, "mevkit.ws.connected", "1 when connected", s -> s.state() == ConnectionState.CONNECTED ? 1 : 0);
        gauge(registry, "mevkit.ws.polling", "1 while HTTP polling replaces the socket", s -> s.polling() ? 1 : 0);
        gauge(
                registry,
                "mevkit.ws.subscription.buffered",
                "items waiting for listeners",
                s -> s.subscriptions().stream()
                        .mapToLong(SubscriptionStats::buffered)
                        .sum());
        gauge(registry, "mevkit.ws.subscriptions", "active subscriptions", s -> s.subscriptions()
                .size());
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<WsStats> f) {
        FunctionCounter.builder(name, client, c -> f.applyAsDouble(c.stats()))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<WsStats> f) {
        Gauge.builder(name, client, c -> f.applyAsDouble(c.stats()))
                .description(description)
                .tags(tags)
                .register(registry);
    }
}
