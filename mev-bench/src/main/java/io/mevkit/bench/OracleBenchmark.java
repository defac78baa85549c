package io.mevkit.bench;

import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AggregationPolicy;
import io.mevkit.oracle.AssetKey;
import io.mevkit.oracle.FetchContext;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.oracle.PriceRegistry;
import io.mevkit.oracle.PriceSource;
import io.mevkit.oracle.Quote;
import io.mevkit.oracle.SourceKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A price over three sources, one of which hangs: mevkit fetches in parallel under a 50 ms per-source timeout; the
 * naive baseline asks the sources one after another, each with a 200 ms client timeout (the hung one uses all of
 * it). Both give 3001: the median of all three, and the weighted median of the two that answered in time. Also cached reads, beside a plain map lookup.
 */
@State(Scope.Benchmark)
public class OracleBenchmark {
    static final AssetKey WETH = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final Duration HUNG_CLIENT_TIMEOUT = Duration.ofMillis(200);

    PriceOracle oracle;
    PriceOracle cachedOracle;
    List<Slow> sources;
    final Map<AssetKey, AggregatedPrice> plainMap = new ConcurrentHashMap<>();
    final AtomicLong block = new AtomicLong();

    /** A source answering after a fixed delay; the hung one answers only after the client timeout. */
    static final class Slow implements PriceSource {
        final String name;
        final SourceKind kind;
        final long delayMillis;
        final BigDecimal price;

        Slow(String name, SourceKind kind, long delayMillis, String price) {
            this.name = name;
            this.kind = kind;
            this.delayMillis = delayMillis;
            this.price = new BigDecimal(price);
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
            return true;
        }

        @Override
        public Quote fetch(FetchContext context) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Instant now = Instant.now();
            return Quote.usd(context.asset(), name, kind, price, BigDecimal.valueOf(3), now, now);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        sources = List.of(
                new Slow("fast", SourceKind.AGGREGATOR_API, 5, "3000"),
                new Slow("medium", SourceKind.PUSH_ORACLE, 10, "3002"),
                new Slow("hung", SourceKind.PULL_ORACLE, HUNG_CLIENT_TIMEOUT.toMillis(), "3001"));
        oracle = build(Duration.ofMillis(50));
        cachedOracle = build(Duration.ofMillis(50));
        AggregatedPrice parallel = oracle.priceAt(1, WETH.token(), 0);
        BigDecimal sequential = baselineSequentialFetch();
        if (parallel.value().compareTo(sequential) != 0 || parallel.included().size() != 2) {
            throw new IllegalStateException("mevkit " + parallel.value() + " vs sequential " + sequential);
        }
        plainMap.put(WETH, cachedOracle.price(1, WETH.token()));
    }

    private PriceOracle build(Duration timeout) {
        PriceOracle.Builder b = PriceOracle.builder()
                .registry(PriceRegistry.builder().build())
                .policy(AggregationPolicy.builder().minSources(1).build())
                // measure the timeout path every time: the hung source's breaker never opens here
                .breaker(Integer.MAX_VALUE, Duration.ofSeconds(1), 1)
                .clock(Clock.systemUTC())
                .sourceTimeout(timeout)
                .cache(Duration.ofHours(1), Duration.ofMinutes(30));
        sources.forEach(b::source);
        return b.build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        oracle.close();
        cachedOracle.close();
    }

    /** Parallel fetch, one source hung: the answer comes at the per-source timeout. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AggregatedPrice mevkitAggregateWithHungSource() {
        return oracle.priceAt(1, WETH.token(), block.incrementAndGet());
    }

    /** The naive way: each source in turn, waiting on the hung one until the client's timeout. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public BigDecimal baselineSequentialFetch() {
        FetchContext ctx = new FetchContext(WETH, PriceRegistry.builder().build(), Optional.empty(), Instant.now());
        BigDecimal[] prices =
                sources.stream().map(s -> s.fetch(ctx).price()).sorted().toArray(BigDecimal[]::new);
        return prices[prices.length / 2];
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AggregatedPrice mevkitCachedRead() {
        return cachedOracle.price(1, WETH.token());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AggregatedPrice baselineMapRead() {
        return plainMap.get(WETH);
    }
}
