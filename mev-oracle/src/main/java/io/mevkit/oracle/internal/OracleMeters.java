package io.mevkit.oracle.internal;

import com.github.benmanes.caffeine.cache.Cache;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.PriceUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Micrometer meters of a price oracle: cache statistics, quotes counted and excluded per source and reason,
 * unavailable prices per failure. Loaded only when the application gives a registry (Micrometer is optional).
 */
public final class OracleMeters {
    private final MeterRegistry registry;

    public OracleMeters(MeterRegistry registry, Cache<?, ?> cache) {
        this.registry = registry;
        CaffeineCacheMetrics.monitor(registry, cache, "mevkit.oracle.prices");
    }

    public void aggregated(AggregatedPrice price) {
        price.included()
                .forEach(q -> registry.counter("mevkit.oracle.quotes", "source", q.source(), "outcome", "included")
                        .increment());
        price.excluded().forEach(e -> registry.counter(
                        "mevkit.oracle.quotes",
                        "source",
                        e.source(),
                        "outcome",
                        e.reason().name().toLowerCase())
                .increment());
    }

    public void unavailable(PriceUnavailableException.Failure failure) {
        registry.counter("mevkit.oracle.unavailable", "failure", failure.name().toLowerCase())
                .increment();
    }
}
