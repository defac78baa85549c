package io.mevkit.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link StreamServer}'s {@link StreamStats} to Micrometer meters ({@code mevkit.stream.*}) for applications
 * that have Micrometer; the server itself never needs it. Meters: {@code clients} (gauge), {@code published} per
 * {@code channel}, {@code delivered}, {@code replayed}, {@code gaps}, {@code dropped}, {@code inbound.rate_limited},
 * {@code inbound.rejected}, {@code disconnects} per {@code reason}, {@code upgrades.rejected} per {@code reason}.
 * Every meter reads a fresh snapshot when the registry polls it. Thread-safe.
 */
public final class StreamMeters implements MeterBinder {
    private final StreamServer server;
    private final Tags tags;

    public StreamMeters(StreamServer server, Iterable<Tag> tags) {
        this.server = Objects.requireNonNull(server, "server");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    public StreamMeters(StreamServer server) {
        this(server, Tags.empty());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mevkit.stream.clients", server, s -> s.stats().clients())
                .description("clients connected now")
                .tags(tags)
                .register(registry);
        for (Channel channel : Channel.values()) {
            counter(
                    registry,
                    "mevkit.stream.published",
                    "messages published",
                    Tags.of("channel", channel.wireName()),
                    s -> s.published(channel));
        }
        counter(
                registry,
                "mevkit.stream.delivered",
                "messages written to clients",
                Tags.empty(),
                StreamStats::delivered);
        counter(
                registry,
                "mevkit.stream.replayed",
                "events replayed after a reconnect",
                Tags.empty(),
                StreamStats::replayed);
        counter(registry, "mevkit.stream.gaps", "gap messages sent", Tags.empty(), StreamStats::gaps);
        counter(
                registry,
                "mevkit.stream.dropped",
                "messages never written to a client",
                Tags.empty(),
                StreamStats::dropped);
        counter(
                registry,
                "mevkit.stream.inbound.rate_limited",
                "inbound messages refused by the rate limit",
                Tags.empty(),
                StreamStats::inboundRateLimited);
        counter(
                registry,
                "mevkit.stream.inbound.rejected",
                "inbound messages refused as malformed, unknown or forbidden",
                Tags.empty(),
                StreamStats::inboundRejected);
        for (DisconnectReason reason : DisconnectReason.values()) {
            counter(
                    registry,
                    "mevkit.stream.disconnects",
                    "client disconnections",
                    Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)),
                    s -> s.disconnects(reason));
        }
        for (UpgradeRejection reason : UpgradeRejection.values()) {
            counter(
                    registry,
                    "mevkit.stream.upgrades.rejected",
                    "refused connection attempts",
                    Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)),
                    s -> s.rejectedUpgrades(reason));
        }
    }

    private void counter(
            MeterRegistry registry, String name, String description, Tags extra, ToDoubleFunction<StreamStats> f) {
        FunctionCounter.builder(name, server, s -> f.applyAsDouble(s.stats()))
                .description(description)
                .tags(tags.and(extra))
                .register(registry);
    }
}
