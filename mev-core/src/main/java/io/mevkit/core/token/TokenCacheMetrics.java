package io.mevkit.core.token;

import io.mevkit.core.token.TokenMetadataException.Reason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Micrometer meters for a {@link TokenMetadataClient}'s cache, tagged with the chain id: {@code mevkit.token.cache.hits},
 * {@code .misses}, {@code .evictions} (function counters over the cache statistics), {@code mevkit.token.cache.size}
 * (a gauge of cached entries, failures included) and {@code mevkit.token.load.failures} (a counter per failure
 * {@code reason}). Micrometer is an optional dependency: only this class needs it. The meters read the client when
 * the registry publishes and hold it weakly, as Micrometer does.
 */
public final class TokenCacheMetrics {
    private TokenCacheMetrics() {}

    /** Registers the client's meters in {@code registry}; returns the client. */
    public static TokenMetadataClient bind(TokenMetadataClient client, MeterRegistry registry) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of("chain", Long.toString(client.chain().id()));
        FunctionCounter.builder(
                        "mevkit.token.cache.hits", client, c -> c.cacheStats().hitCount())
                .description("token metadata served from the cache")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder(
                        "mevkit.token.cache.misses", client, c -> c.cacheStats().missCount())
                .description("token metadata not in the cache, read from the node")
                .tags(tags)
                .register(registry);
        FunctionCounter.builder("mevkit.token.cache.evictions", client, c -> c.cacheStats()
                        .evictionCount())
                .description("entries evicted by size or an expired failure")
                .tags(tags)
                .register(registry);
        Gauge.builder("mevkit.token.cache.size", client, TokenMetadataClient::cachedCount)
                .description("cached tokens, failures included")
                .tags(tags)
                .register(registry);
        for (Reason reason : Reason.values()) {
            FunctionCounter.builder("mevkit.token.load.failures", client, c -> c.loadFailureCount(reason))
                    .description("tokens whose metadata could not be read, by reason")
                    .tags(tags.and("reason", reason.name()))
                    .register(registry);
        }
        return client;
    }
}
