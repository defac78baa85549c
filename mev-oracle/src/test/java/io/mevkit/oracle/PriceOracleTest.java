package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.CircuitBreaker;
import io.mevkit.core.ValidationException;
import io.mevkit.core.health.Health;
import io.mevkit.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PriceOracleTest {
    static final AssetKey WETH = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final AssetKey PEPE = AssetKey.of(1, "0x6982508145454Ce325dDbE47a25d4ec3d2311933");
    static final PriceRegistry REGISTRY = PriceRegistry.builder().build();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T00:00:00Z"));
    PriceOracle oracle;

    @AfterEach
    void close() {
        if (oracle != null) {
            oracle.close();
        }
    }

    /** A source whose answer a test sets; counts its calls. */
    final class Scripted implements PriceSource {
        final String name;
        final SourceKind kind;
        final AtomicReference<Function<FetchContext, Quote>> answer = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();

        Scripted(String name, SourceKind kind, String price) {
            this.name = name;
            this.kind = kind;
            answerPrice(price);
        }

        void answerPrice(String price) {
            answer.set(ctx -> Quote.usd(
                    ctx.asset(),
                    name,
                    kind,
                    new BigDecimal(price),
                    new BigDecimal(price).movePointLeft(3),
                    clock.instant(),
                    clock.instant()));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SourceKind kind() {
            return kind;
        }

        @Override
        public boolean supports(AssetKey asset, PriceRegistry registry) {
            return asset.equals(WETH);
        }

        @Override
        public Quote fetch(FetchContext context) {
            calls.incrementAndGet();
            return answer.get().apply(context);
        }
    }

    PriceOracle.Builder oracle(PriceSource... sources) {
        PriceOracle.Builder b =
                PriceOracle.builder().registry(REGISTRY).clock(clock).sourceTimeout(Duration.ofMillis(200));
        for (PriceSource s : sources) {
            b.source(s);
        }
        return b;
    }

    /**
     * The caller can hold a loaded price a moment before the cache has stamped the entry's write time; advancing the
     * test clock in that moment would stamp it in the future and no refresh would be due. The cache counts a load as a
     * success after stamping it.
     */
    private void awaitLoadRecorded() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (oracle.cacheStats().loadSuccessCount() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, oracle.cacheStats().loadSuccessCount());
    }

    @Test
    void theAnswerDoesNotWaitForAHungSource() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hungEntered = new CountDownLatch(1);
        Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
        Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3001");
        Scripted hung = new Scripted("hung", SourceKind.PULL_ORACLE, "3000");
        hung.answer.set(ctx -> {
            hungEntered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS); // released only after the aggregate is observed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new PriceSourceException(ExclusionReason.ERROR, "released");
        });
        oracle = oracle(a, b, hung).build();
        AggregatedPrice price = oracle.price(WETH.chainId(), WETH.token());
        assertTrue(hungEntered.await(10, TimeUnit.SECONDS));
        assertEquals(1, release.getCount(), "the hung source was still blocked when the aggregate was observed");
        release.countDown();
        assertEquals(2, price.included().size());
        Exclusion timeout = price.excluded().get(0);
        assertEquals("hung", timeout.source());
        assertEquals(ExclusionReason.TIMEOUT, timeout.reason());
    }

    @Test
    void aSourceThirtyPercentOffIsExcludedWithProvenance() {
        oracle = oracle(
                        new Scripted("cg", SourceKind.AGGREGATOR_API, "3000"),
                        new Scripted("cl", SourceKind.PUSH_ORACLE, "3003"),
                        new Scripted("py", SourceKind.PULL_ORACLE, "2100"))
                .build();
        AggregatedPrice p = oracle.price(WETH.chainId(), WETH.token());
        assertEquals(ExclusionReason.OUTLIER, p.excluded().get(0).reason());
        assertEquals("py", p.excluded().get(0).source());
        assertFalse(p.confident());
        assertTrue(p.value().compareTo(new BigDecimal("3000")) >= 0);
    }

    @Test
    void twoOfThreeStaleIsATypedFailure() {
        Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
        Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3000");
        Scripted c = new Scripted("c", SourceKind.PULL_ORACLE, "3000");
        for (Scripted stale : new Scripted[] {a, b}) {
            stale.answer.set(ctx -> Quote.usd(
                    ctx.asset(),
                    stale.name,
                    stale.kind,
                    new BigDecimal("3000"),
                    BigDecimal.ONE,
                    clock.instant().minus(Duration.ofHours(1)),
                    clock.instant()));
        }
        oracle = oracle(a, b, c).build();
        PriceUnavailableException e =
                assertThrows(PriceUnavailableException.class, () -> oracle.price(WETH.chainId(), WETH.token()));
        assertEquals(PriceUnavailableException.Failure.NO_QUORUM, e.failure());
        assertEquals(
                2,
                e.excluded().stream()
                        .filter(x -> x.reason() == ExclusionReason.STALE)
                        .count());
    }

    @Test
    void failedLoadsAndRefreshesReachTheCallerTypedAndNothingLogsOutsideSlf4j() throws InterruptedException {
        java.util.logging.Logger caffeine = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");
        java.util.List<java.util.logging.LogRecord> records =
                java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        caffeine.addHandler(capture);
        try {
            Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
            Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3000");
            oracle = oracle(a, b)
                    .cache(Duration.ofSeconds(10), Duration.ofSeconds(5))
                    .build();
            for (Scripted s : new Scripted[] {a, b}) {
                s.answer.set(ctx -> {
                    throw new PriceSourceException(ExclusionReason.ERROR, "HTTP 500");
                });
            }
            PriceUnavailableException first =
                    assertThrows(PriceUnavailableException.class, () -> oracle.price(WETH.chainId(), WETH.token()));
            assertEquals(PriceUnavailableException.Failure.ALL_FAILED, first.failure());
            assertThrows(
                    java.util.concurrent.ExecutionException.class,
                    () -> oracle.priceAsync(WETH.chainId(), WETH.token()).get(5, TimeUnit.SECONDS));

            a.answerPrice("3000");
            b.answerPrice("3000");
            assertEquals(
                    new BigDecimal("3000"),
                    oracle.price(WETH.chainId(), WETH.token()).value());
            awaitLoadRecorded();
            int callsBefore = a.calls.get();
            for (Scripted s : new Scripted[] {a, b}) {
                s.answer.set(ctx -> {
                    throw new PriceSourceException(ExclusionReason.ERROR, "HTTP 503");
                });
            }
            clock.advance(Duration.ofSeconds(6)); // past refreshAfter: this read starts a refresh that fails
            assertEquals(
                    new BigDecimal("3000"),
                    oracle.price(WETH.chainId(), WETH.token()).value());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (a.calls.get() == callsBefore && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(a.calls.get() > callsBefore, "the refresh ran");
            Thread.sleep(50); // let the failed refresh complete inside the cache
            assertEquals(
                    new BigDecimal("3000"),
                    oracle.price(WETH.chainId(), WETH.token()).value(),
                    "a failed refresh keeps the old value until it expires");
            clock.advance(Duration.ofSeconds(5)); // past expiry: the failure now reaches the caller
            assertThrows(PriceUnavailableException.class, () -> oracle.price(WETH.chainId(), WETH.token()));
            assertEquals(
                    java.util.List.of(),
                    records.stream()
                            .map(r -> r.getLevel() + " " + r.getMessage())
                            .toList());
        } finally {
            caffeine.removeHandler(capture);
        }
    }

    @Test
    void noSourceForTheAssetIsNoSourcesNeverZero() {
        oracle = oracle(new Scripted("a", SourceKind.AGGREGATOR_API, "1")).build();
        PriceUnavailableException e =
                assertThrows(PriceUnavailableException.class, () -> oracle.price(PEPE.chainId(), PEPE.token()));
        assertEquals(PriceUnavailableException.Failure.NO_SOURCES, e.failure());
    }

    @Test
    void resultsAreCachedAndRefreshedAheadOfExpiry() throws InterruptedException {
        Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
        Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3000");
        oracle = oracle(a, b)
                .cache(Duration.ofSeconds(10), Duration.ofSeconds(5))
                .build();
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    new BigDecimal("3000"),
                    oracle.price(WETH.chainId(), WETH.token()).value());
        }
        assertEquals(1, a.calls.get());
        awaitLoadRecorded();
        a.answerPrice("3010");
        b.answerPrice("3010");
        clock.advance(Duration.ofSeconds(6));
        // past refreshAfter, before expiry: a value is served at once (the old one, or the refresh if it already
        // finished) while the refresh runs on the oracle's executor
        BigDecimal served = oracle.price(WETH.chainId(), WETH.token()).value();
        assertTrue(
                served.equals(new BigDecimal("3000")) || served.equals(new BigDecimal("3010")), served.toPlainString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && oracle.price(WETH.chainId(), WETH.token()).value().compareTo(new BigDecimal("3010")) != 0) {
            Thread.sleep(5);
        }
        assertEquals(
                new BigDecimal("3010"),
                oracle.price(WETH.chainId(), WETH.token()).value());
        assertTrue(a.calls.get() >= 2, "refreshed: " + a.calls.get() + " calls");
        assertTrue(oracle.cacheStats().hitCount() >= 5);
    }

    @Test
    void aFailingSourceIsCutOffThenReadmittedOnlyAfterAgreeingReadings() throws Exception {
        Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
        Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3000");
        Scripted flaky = new Scripted("flaky", SourceKind.PULL_ORACLE, "3000");
        flaky.answer.set(ctx -> {
            throw new PriceSourceException(ExclusionReason.ERROR, "HTTP 500");
        });
        oracle = oracle(a, b, flaky)
                .cache(Duration.ofMillis(2), Duration.ofMillis(1))
                .breaker(3, Duration.ofMillis(50), 2)
                .build();
        for (int i = 0; i < 3; i++) {
            oracle.priceAt(WETH.chainId(), WETH.token(), 1);
        }
        assertEquals(CircuitBreaker.State.OPEN, oracle.sourceStates().get("flaky"));
        assertEquals(
                Health.Status.DOWN,
                oracle.healthChecks().get("oracle.flaky").check().status());
        assertEquals(
                Health.Status.UP, oracle.healthChecks().get("oracle.a").check().status());
        int callsWhenOpened = flaky.calls.get();
        AggregatedPrice cut = oracle.priceAt(WETH.chainId(), WETH.token(), 1);
        assertEquals(ExclusionReason.CIRCUIT_OPEN, cut.excluded().get(0).reason());
        assertEquals(callsWhenOpened, flaky.calls.get(), "an open breaker does not call the source");

        flaky.answerPrice("3000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (oracle.sourceStates().get("flaky") == CircuitBreaker.State.OPEN && System.nanoTime() < deadline) {
            Thread.sleep(10);
            oracle.sourceStates(); // the breaker moves to half-open when asked after its delay
            oracle.priceAt(WETH.chainId(), WETH.token(), 1);
        }
        // on probation: fetched and compared, not counted
        AggregatedPrice probation = oracle.priceAt(WETH.chainId(), WETH.token(), 1);
        boolean counted = probation.included().stream().anyMatch(q -> q.source().equals("flaky"));
        if (oracle.sourceStates().get("flaky") == CircuitBreaker.State.HALF_OPEN) {
            assertFalse(counted);
            assertEquals(ExclusionReason.PROBATION, probation.excluded().get(0).reason());
        }
        for (int i = 0; i < 5 && oracle.sourceStates().get("flaky") != CircuitBreaker.State.CLOSED; i++) {
            oracle.priceAt(WETH.chainId(), WETH.token(), 1);
        }
        assertEquals(CircuitBreaker.State.CLOSED, oracle.sourceStates().get("flaky"));
        assertEquals(
                Health.Status.UP,
                oracle.healthChecks().get("oracle.flaky").check().status());
        assertTrue(oracle.priceAt(WETH.chainId(), WETH.token(), 1).included().stream()
                .anyMatch(q -> q.source().equals("flaky")));
    }

    @Test
    void aQuoteInWethIsValuedThroughWethsOwnAggregate() {
        Scripted a = new Scripted("a", SourceKind.AGGREGATOR_API, "3000");
        Scripted b = new Scripted("b", SourceKind.PUSH_ORACLE, "3000");
        PriceSource twap = new PriceSource() {
            @Override
            public String name() {
                return "twap";
            }

            @Override
            public SourceKind kind() {
                return SourceKind.DEX_TWAP;
            }

            @Override
            public boolean supports(AssetKey asset, PriceRegistry registry) {
                return asset.equals(PEPE);
            }

            @Override
            public Quote fetch(FetchContext ctx) {
                return new Quote(
                        PEPE,
                        "twap",
                        kind(),
                        new BigDecimal("0.000000004"),
                        new BigDecimal("0.00000000001"),
                        clock.instant(),
                        clock.instant(),
                        OptionalLong.of(1),
                        Optional.of(WETH));
            }
        };
        oracle = oracle(a, b, twap)
                .policy(AggregationPolicy.builder().minSources(1).build())
                .build();
        AggregatedPrice pepe = oracle.price(PEPE.chainId(), PEPE.token());
        assertEquals(
                0,
                new BigDecimal("0.000012").compareTo(pepe.value()),
                pepe.value().toPlainString());
        assertTrue(pepe.included().get(0).isUsd());
    }

    @Test
    void metersCountOutcomesAndCacheStatistics() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        oracle = oracle(
                        new Scripted("a", SourceKind.AGGREGATOR_API, "3000"),
                        new Scripted("b", SourceKind.PUSH_ORACLE, "3000"))
                .meterRegistry(meters)
                .build();
        oracle.price(WETH.chainId(), WETH.token());
        oracle.price(WETH.chainId(), WETH.token());
        assertEquals(
                1.0,
                meters.get("mevkit.oracle.quotes")
                        .tags("source", "a", "outcome", "included")
                        .counter()
                        .count());
        assertTrue(meters.get("cache.gets")
                        .tags("cache", "mevkit.oracle.prices", "result", "hit")
                        .functionCounter()
                        .count()
                >= 1);
    }

    @Test
    void closeLeavesNoOracleThreads() throws InterruptedException {
        oracle = oracle(
                        new Scripted("a", SourceKind.AGGREGATOR_API, "3000"),
                        new Scripted("b", SourceKind.PUSH_ORACLE, "3000"))
                .build();
        oracle.price(WETH.chainId(), WETH.token());
        oracle.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && oracleThreads() > 0) {
            Thread.sleep(10);
        }
        assertEquals(0, oracleThreads());
    }

    private static long oracleThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("mevkit-oracle"))
                .count();
    }

    @Test
    void builderNamesTheBadField() {
        Map<String, Runnable> cases = Map.of(
                "sources", () -> PriceOracle.builder().registry(REGISTRY).build(),
                "registry",
                        () -> PriceOracle.builder()
                                .source(new Scripted("a", SourceKind.AGGREGATOR_API, "1"))
                                .build(),
                "refreshAfter",
                        () -> oracle(new Scripted("a", SourceKind.AGGREGATOR_API, "1"))
                                .cache(Duration.ofSeconds(1), Duration.ofSeconds(2))
                                .build(),
                "sourceTimeout",
                        () -> oracle(new Scripted("a", SourceKind.AGGREGATOR_API, "1"))
                                .sourceTimeout(Duration.ZERO)
                                .build());
        cases.forEach((field, build) -> assertEquals(
                field, assertThrows(ValidationException.class, build::run).field()));
    }
}
