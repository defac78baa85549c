package io.mevkit.oracle;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.failsafe.CircuitBreaker;
import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthCheck;
import io.mevkit.oracle.internal.Aggregation;
import io.mevkit.oracle.internal.OracleMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * USD prices aggregated over several {@link PriceSource}s: all sources fetched in parallel, each under its own
 * timeout (the answer never waits for a hung source); stale, failed and outlying quotes excluded with provenance;
 * a circuit breaker per source that re-admits it only after several readings that agree with the others; results
 * cached with a TTL and refreshed ahead of expiry. See {@link AggregationPolicy} for the rule.
 *
 * <p>Create one per application with {@link #builder()} and share it; it is thread-safe. {@link #close()} stops
 * the threads it created (none if the executors were given).
 */
public final class PriceOracle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PriceOracle.class);
    private static final MathContext MC = MathContext.DECIMAL128;

    private final List<PriceSource> sources;
    private final PriceRegistry registry;
    private final AggregationPolicy policy;
    private final Clock clock;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsExecutors;
    private final Duration defaultTimeout;
    private final Map<String, Duration> timeouts;
    private final Map<String, CircuitBreaker<Object>> breakers;
    private final AsyncLoadingCache<AssetKey, AggregatedPrice> cache;
    private final OracleMeters meters;

    private PriceOracle(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.registry = b.registry;
        this.policy = b.policy;
        this.clock = b.clock;
        this.ownsExecutors = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newCachedThreadPool(threads("mevkit-oracle-fetch"));
        this.scheduler = b.scheduler != null
                ? b.scheduler
                : Executors.newSingleThreadScheduledExecutor(threads("mevkit-oracle-timer"));
        this.defaultTimeout = b.sourceTimeout;
        this.timeouts = Map.copyOf(b.timeouts);
        Map<String, CircuitBreaker<Object>> map = new LinkedHashMap<>();
        for (PriceSource source : sources) {
            map.put(
                    source.name(),
                    CircuitBreaker.builder()
                            .withFailureThreshold(b.breakerFailures)
                            .withDelay(b.breakerOpenDelay)
                            .withSuccessThreshold(b.breakerReadmitAfter)
                            .build());
        }
        this.breakers = Map.copyOf(map);
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(b.cacheTtl)
                .refreshAfterWrite(b.refreshAfter)
                .maximumSize(b.cacheSize)
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L)
                .executor(this::cacheMaintenance)
                .recordStats()
                .buildAsync(new AsyncCacheLoader<AssetKey, AggregatedPrice>() {
                    @Override
                    public CompletableFuture<AggregatedPrice> asyncLoad(AssetKey asset, Executor ignored) {
                        return quiet(compute(asset, Optional.empty(), 0));
                    }

                    @Override
                    public CompletableFuture<AggregatedPrice> asyncReload(
                            AssetKey asset, AggregatedPrice old, Executor ignored) {
                        return quiet(compute(asset, Optional.empty(), 0));
                    }
                });
        this.meters = b.meterRegistry == null ? null : new OracleMeters(b.meterRegistry, cache.synchronous());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The aggregated USD price of {@code token} on {@code chainId}; cached. */
    public AggregatedPrice price(long chainId, Address token) {
        return join(priceAsync(chainId, token));
    }

    public CompletableFuture<AggregatedPrice> priceAsync(long chainId, Address token) {
        AssetKey key = new AssetKey(chainId, token);
        CompletableFuture<AggregatedPrice> cached = cache.get(key);
        return cached.handle((price, error) -> {
            if (error == null) {
                return price;
            }
            // Caffeine drops a failed entry on its own, a moment later; a caller that saw this failure and asks again
            // must get a new attempt, not the same failure
            cache.asMap().remove(key, cached);
            Throwable cause =
                    error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof LoadFailed failed && failed.getCause() != null) {
                cause = failed.getCause();
            }
            throw cause instanceof CompletionException c ? c : new CompletionException(cause);
        });
    }

    /**
     * A failed load is an ordinary outcome here (no quorum, every source down) and the caller gets it as a typed
     * exception. Caffeine logs every failed asynchronous load or refresh at WARNING through {@code System.Logger},
     * outside the application's slf4j configuration, except a cancellation; so the failure travels as one and is
     * unwrapped in {@link #priceAsync}. A failed refresh keeps the old value until it expires, as before.
     */
    private static CompletableFuture<AggregatedPrice> quiet(CompletableFuture<AggregatedPrice> load) {
        CompletableFuture<AggregatedPrice> quiet = new CompletableFuture<>();
        load.whenComplete((price, error) -> {
            if (error == null) {
                quiet.complete(price);
            } else {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                LOG.debug("price load failed", cause);
                quiet.completeExceptionally(new LoadFailed(cause));
            }
        });
        return quiet;
    }

    /**
     * Caffeine's own housekeeping, on the oracle's executor; once {@link #close()} shut that down (a load can finish
     * after it), on the calling thread, where Caffeine would otherwise log the rejection at WARNING.
     */
    private void cacheMaintenance(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            task.run();
        }
    }

    /** Carries a load's real failure past Caffeine's logging; see {@link #quiet}. */
    private static final class LoadFailed extends CancellationException {
        private static final long serialVersionUID = 1L;

        LoadFailed(Throwable cause) {
            super(cause.getMessage());
            initCause(cause);
        }
    }

    /** The aggregated price with every on-chain read pinned to {@code block}; not cached. */
    public AggregatedPrice priceAt(long chainId, Address token, long block) {
        return join(compute(new AssetKey(chainId, token), Optional.of(block), 0));
    }

    /** Cache statistics (hits, misses, loads, evictions); also exported as meters when a registry is set. */
    public CacheStats cacheStats() {
        return cache.synchronous().stats();
    }

    /** Each source's breaker state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN} (probation). */
    public Map<String, CircuitBreaker.State> sourceStates() {
        Map<String, CircuitBreaker.State> states = new LinkedHashMap<>();
        breakers.forEach((name, breaker) -> states.put(name, breaker.getState()));
        return states;
    }

    /**
     * One health check per source, for a {@link io.mevkit.core.health.HealthRegistry}: UP while its breaker is
     * closed, DEGRADED on probation (half-open), DOWN while open.
     */
    public Map<String, HealthCheck> healthChecks() {
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        breakers.forEach((name, breaker) -> checks.put("oracle." + name, () -> {
            Map<String, String> details = Map.of("breaker", breaker.getState().name());
            return switch (breaker.getState()) {
                case CLOSED -> Health.up(details);
                case HALF_OPEN -> Health.degraded(details);
                case OPEN -> Health.down(details);
            };
        }));
        return checks;
    }

    @Override
    public void close() {
        if (ownsExecutors) {
            executor.shutdownNow();
            scheduler.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompletableFuture<AggregatedPrice> compute(AssetKey asset, Optional<Long> block, int depth) {
        FetchContext context = new FetchContext(asset, registry, block, clock.instant());
        List<PriceSource> applicable =
                sources.stream().filter(s -> s.supports(asset, registry)).toList();
        List<Exclusion> exclusions = new ArrayList<>();
        Map<PriceSource, CompletableFuture<Quote>> running = new LinkedHashMap<>();
        Map<PriceSource, Boolean> probation = new HashMap<>();
        for (PriceSource source : applicable) {
            CircuitBreaker<Object> breaker = breakers.get(source.name());
            if (!breaker.tryAcquirePermit()) {
                exclusions.add(excluded(source, ExclusionReason.CIRCUIT_OPEN, "breaker open after repeated failures"));
                continue;
            }
            probation.put(source, breaker.isHalfOpen());
            running.put(source, fetch(source, context));
        }
        return CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> running)
                .thenCompose(done -> toUsd(asset, done, probation, exclusions, depth))
                .thenApply(gathered -> aggregate(asset, applicable.size(), gathered));
    }

    private CompletableFuture<Quote> fetch(PriceSource source, FetchContext context) {
        CompletableFuture<Quote> future = CompletableFuture.supplyAsync(() -> source.fetch(context), executor);
        Duration timeout = timeouts.getOrDefault(source.name(), defaultTimeout);
        java.util.concurrent.ScheduledFuture<?> timer = scheduler.schedule(
                () -> future.completeExceptionally(
                        new TimeoutException(source.name() + " gave no quote within " + timeout)),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        future.whenComplete((quote, error) -> timer.cancel(false));
        return future;
    }

    /** Quotes that counted, quotes on probation, and exclusions so far. */
    private record Gathered(List<Quote> quotes, List<Quote> probation, List<Exclusion> exclusions) {}

    private CompletableFuture<Gathered> toUsd(
            AssetKey asset,
            Map<PriceSource, CompletableFuture<Quote>> done,
            Map<PriceSource, Boolean> probation,
            List<Exclusion> exclusions,
            int depth) {
        List<CompletableFuture<Optional<Quote>>> converted = new ArrayList<>();
        Map<CompletableFuture<Optional<Quote>>, PriceSource> owners = new HashMap<>();
        List<Exclusion> all = new ArrayList<>(exclusions);
        for (Map.Entry<PriceSource, CompletableFuture<Quote>> entry : done.entrySet()) {
            PriceSource source = entry.getKey();
            Quote quote;
            try {
                quote = entry.getValue().join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                all.add(failure(source, e.getCause() != null ? e.getCause() : e));
                continue;
            }
            CompletableFuture<Optional<Quote>> usd =
                    quote.isUsd() ? CompletableFuture.completedFuture(Optional.of(quote)) : convert(quote, depth);
            converted.add(usd);
            owners.put(usd, source);
        }
        return CompletableFuture.allOf(converted.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> {
                    List<Quote> quotes = new ArrayList<>();
                    List<Quote> onProbation = new ArrayList<>();
                    for (CompletableFuture<Optional<Quote>> f : converted) {
                        PriceSource source = owners.get(f);
                        try {
                            Optional<Quote> q = f.join();
                            if (q.isEmpty()) {
                                continue;
                            }
                            if (Boolean.TRUE.equals(probation.get(source))) {
                                onProbation.add(q.get());
                            } else {
                                quotes.add(q.get());
                            }
                        } catch (CompletionException e) {
                            all.add(excluded(
                                    source,
                                    ExclusionReason.ERROR,
                                    "no USD price for its quote asset: "
                                            + e.getCause().getMessage()));
                        }
                    }
                    return new Gathered(quotes, onProbation, all);
                });
    }

    /** A quote in another asset (a TWAP in WETH) times that asset's aggregated USD price, σ propagated. */
    private CompletableFuture<Optional<Quote>> convert(Quote quote, int depth) {
        AssetKey denomination = quote.denomination().orElseThrow();
        if (depth >= 2 || denomination.equals(quote.asset())) {
            return CompletableFuture.failedFuture(new PriceUnavailableException(
                    denomination,
                    PriceUnavailableException.Failure.NO_SOURCES,
                    "route too deep or circular",
                    List.of(),
                    List.of()));
        }
        CompletableFuture<AggregatedPrice> base =
                depth == 0 ? cache.get(denomination) : compute(denomination, Optional.empty(), depth + 1);
        return base.thenApply(usd -> {
            BigDecimal price = quote.price().multiply(usd.value(), MC);
            BigDecimal a = quote.uncertainty().multiply(usd.value(), MC);
            BigDecimal c = quote.price().multiply(usd.sigma(), MC);
            BigDecimal sigma = a.multiply(a, MC).add(c.multiply(c, MC)).sqrt(MC);
            return Optional.of(new Quote(
                    quote.asset(),
                    quote.source(),
                    quote.kind(),
                    price,
                    sigma,
                    quote.observedAt().isBefore(usd.asOf()) ? quote.observedAt() : usd.asOf(),
                    quote.fetchedAt(),
                    quote.block(),
                    Optional.empty()));
        });
    }

    private AggregatedPrice aggregate(AssetKey asset, int asked, Gathered gathered) {
        AggregatedPrice result;
        try {
            result = Aggregation.aggregate(
                    asset, gathered.quotes(), gathered.exclusions(), asked, policy, clock.instant());
        } catch (PriceUnavailableException e) {
            recordOutcomes(e.included(), e.excluded());
            if (meters != null) {
                meters.unavailable(e.failure());
            }
            LOG.debug("no price for {}: {}", asset, e.getMessage());
            throw e;
        }
        List<Exclusion> excluded = new ArrayList<>(result.excluded());
        for (Quote q : gathered.probation()) {
            BigDecimal relative = q.price().subtract(result.value()).abs().divide(result.value(), MC);
            boolean agrees = relative.compareTo(policy.maxDeviation()) <= 0;
            CircuitBreaker<Object> breaker = breakers.get(q.source());
            if (agrees) {
                breaker.recordSuccess();
            } else {
                breaker.recordFailure();
            }
            excluded.add(new Exclusion(
                    q.source(),
                    q.kind(),
                    Optional.of(q),
                    ExclusionReason.PROBATION,
                    (agrees ? "agrees" : "disagrees") + " with the aggregate; not counted until its breaker closes"));
        }
        recordOutcomes(result.included(), result.excluded());
        AggregatedPrice withProbation = new AggregatedPrice(
                result.asset(),
                result.value(),
                result.sigma(),
                result.lower(),
                result.upper(),
                result.score(),
                result.confident(),
                result.asOf(),
                result.included(),
                excluded);
        if (meters != null) {
            meters.aggregated(withProbation);
        }
        return withProbation;
    }

    private void recordOutcomes(List<Quote> included, List<Exclusion> excluded) {
        for (Quote q : included) {
            breakers.get(q.source()).recordSuccess();
        }
        for (Exclusion e : excluded) {
            CircuitBreaker<Object> breaker = breakers.get(e.source());
            if (breaker == null) {
                continue;
            }
            switch (e.reason()) {
                case STALE, OUTLIER, ERROR, TIMEOUT, INVALID, PINNED -> breaker.recordFailure();
                // rate limits, missing ids, sequencer downtime and open breakers say nothing about the source's honesty
                default -> {}
            }
        }
    }

    private Exclusion failure(PriceSource source, Throwable error) {
        if (error instanceof PriceSourceException e) {
            return excluded(source, e.reason(), e.getMessage());
        }
        if (error instanceof TimeoutException) {
            return excluded(source, ExclusionReason.TIMEOUT, error.getMessage());
        }
        return excluded(source, ExclusionReason.ERROR, error.getClass().getSimpleName() + ": " + error.getMessage());
    }

    private static Exclusion excluded(PriceSource source, ExclusionReason reason, String detail) {
        return new Exclusion(source.name(), source.kind(), Optional.empty(), reason, detail == null ? "" : detail);
    }

    private static AggregatedPrice join(CompletableFuture<AggregatedPrice> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds a {@link PriceOracle}; not thread-safe; validated at {@link #build()}. */
    public static final class Builder {
        private final List<PriceSource> sources = new ArrayList<>();
        private PriceRegistry registry;
        private AggregationPolicy policy = AggregationPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private ExecutorService executor;
        private ScheduledExecutorService scheduler;
        private Duration sourceTimeout = Duration.ofSeconds(2);
        private final Map<String, Duration> timeouts = new HashMap<>();
        private Duration cacheTtl = Duration.ofSeconds(12);
        private Duration refreshAfter = Duration.ofSeconds(9);
        private long cacheSize = 10_000;
        private int breakerFailures = 3;
        private Duration breakerOpenDelay = Duration.ofSeconds(30);
        private int breakerReadmitAfter = 3;
        private MeterRegistry meterRegistry;

        private Builder() {}

        public Builder source(PriceSource source) {
            sources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        public Builder registry(PriceRegistry registry) {
            this.registry = registry;
            return this;
        }

        public Builder policy(AggregationPolicy policy) {
            this.policy = policy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The executor for fetches and the scheduler for timeouts; both stay the caller's (not shut down by
         * {@link #close()}). Without them the oracle makes its own daemon threads and stops them on close.
         */
        public Builder executors(ExecutorService executor, ScheduledExecutorService scheduler) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** How long the aggregate waits for any one source. */
        public Builder sourceTimeout(Duration timeout) {
            this.sourceTimeout = timeout;
            return this;
        }

        public Builder sourceTimeout(String source, Duration timeout) {
            timeouts.put(Objects.requireNonNull(source, "source"), timeout);
            return this;
        }

        /** How long an aggregate is served from the cache, and after how long it is refreshed ahead of expiry. */
        public Builder cache(Duration ttl, Duration refreshAfter) {
            this.cacheTtl = ttl;
            this.refreshAfter = refreshAfter;
            return this;
        }

        public Builder cacheSize(long entries) {
            this.cacheSize = entries;
            return this;
        }

        /**
         * A source's breaker opens after {@code failures} failed or outlying readings in a row, stays open for
         * {@code openDelay}, then is on probation until {@code readmitAfter} readings agree with the others.
         */
        public Builder breaker(int failures, Duration openDelay, int readmitAfter) {
            this.breakerFailures = failures;
            this.breakerOpenDelay = openDelay;
            this.breakerReadmitAfter = readmitAfter;
            return this;
        }

        /** Exports cache statistics and per-source outcomes as Micrometer meters (optional dependency). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        public PriceOracle build() {
            if (sources.isEmpty()) {
                throw new ValidationException("sources", sources, "must name at least one source");
            }
            Map<String, Long> names = new HashMap<>();
            sources.forEach(s -> names.merge(s.name(), 1L, Long::sum));
            names.forEach((name, count) -> {
                if (count > 1) {
                    throw new ValidationException("sources", name, "must have unique names");
                }
            });
            if (registry == null) {
                throw new ValidationException("registry", null, "is required");
            }
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(clock, "clock");
            requirePositive("sourceTimeout", sourceTimeout);
            timeouts.forEach((source, t) -> requirePositive("sourceTimeout[" + source + "]", t));
            requirePositive("cacheTtl", cacheTtl);
            requirePositive("refreshAfter", refreshAfter);
            if (refreshAfter.compareTo(cacheTtl) >= 0) {
                throw new ValidationException(
                        "refreshAfter", refreshAfter, "must be shorter than cacheTtl " + cacheTtl);
            }
            if (cacheSize < 1) {
                throw new ValidationException("cacheSize", cacheSize, "must be >= 1");
            }
            if (breakerFailures < 1) {
                throw new ValidationException("breakerFailures", breakerFailures, "must be >= 1");
            }
            requirePositive("breakerOpenDelay", breakerOpenDelay);
            if (breakerReadmitAfter < 1) {
                throw new ValidationException("breakerReadmitAfter", breakerReadmitAfter, "must be >= 1");
            }
            return new PriceOracle(this);
        }

        private static void requirePositive(String field, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new ValidationException(field, d, "must be positive");
            }
        }
    }
}
