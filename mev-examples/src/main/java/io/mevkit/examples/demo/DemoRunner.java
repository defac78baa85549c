package io.mevkit.examples.demo;

import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.bundle.BuiltBlock;
import io.mevkit.core.bundle.BundleSimulator;
import io.mevkit.core.bundle.LocalBuilder;
import io.mevkit.core.bundle.PrivateKeySigner;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.core.bundle.RiskState;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthRegistry;
import io.mevkit.core.rpc.MicrometerRpcListener;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.oracle.AggregationPolicy;
import io.mevkit.oracle.AssetKey;
import io.mevkit.oracle.ChainlinkFeed;
import io.mevkit.oracle.ChainlinkSource;
import io.mevkit.oracle.EthCaller;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.oracle.PriceRegistry;
import io.mevkit.oracle.TwapRoute;
import io.mevkit.oracle.UniswapV3TwapSource;
import io.mevkit.store.MevStore;
import io.mevkit.testing.Anvil;
import io.mevkit.ws.ConnectionState;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.WsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the demo end to end: anvil ({@code --no-mining --order fifo}), the contracts, the victims' traffic, the
 * searcher and the local builder, one victim per block. The chain's clock is the builder's: it mines the next block
 * once the searcher has decided on every victim it was sent (or after a bound), so the run is quick and the same for
 * one seed. anvil stops when the run ends, also on Ctrl-C (a shutdown hook).
 */
public final class DemoRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);
    private static final Duration STEP_BOUND = Duration.ofSeconds(30);

    /** The scope of the demo's risk state in its store: its day's loss and kill switch outlive a run. */
    public static final String RISK_SCOPE = "demo";

    /**
     * The run's options: seed, number of blocks (one victim each), the SQLite file, the HTTP port (0: any), the risk
     * limits, and whether to re-arm the risk kill switch before the run (it stays tripped in the store across runs).
     */
    public record Options(long seed, int blocks, Path db, int httpPort, RiskSettings risk, boolean rearmRisk) {
        public Options {
            if (blocks < 1) {
                throw new io.mevkit.core.ValidationException("blocks", blocks, "must be >= 1");
            }
            Objects.requireNonNull(db, "db");
            Objects.requireNonNull(risk, "risk");
        }

        /** The default risk limits, the kill switch left as the store has it. */
        public Options(long seed, int blocks, Path db, int httpPort) {
            this(seed, blocks, db, httpPort, RiskSettings.defaults(), false);
        }
    }

    /**
     * A finished run: the searcher's summary, the store's row counts, the timing and where things were, and the risk
     * policy at the end (its day's loss and kill switch, and the bundles still in flight: none once all settled).
     */
    public record Result(
            Searcher.Summary summary,
            int blocks,
            Path db,
            Map<String, Long> rows,
            Duration elapsed,
            String httpUrl,
            long setupBlocks,
            RiskState risk,
            int bundlesInFlight) {}

    /** Called after each block with the searcher's running summary. */
    public interface Progress {
        void onBlock(int block, int of, Searcher.Summary summary);

        /** Called once everything runs, with the HTTP endpoint's base URL. */
        default void started(String httpUrl) {}
    }

    /**
     * Optional hooks into a run (the dashboard's stream uses them): the searcher's events plus the run's start and
     * blocks; every method is a no-op by default.
     */
    public interface Observer extends Searcher.Listener {
        /** Once everything is wired, before the first victim: the run's health registry and meters. */
        default void started(HealthRegistry health, MeterRegistry metrics) {}

        /** After each block, before {@link Progress#onBlock}. */
        default void block(int block, int of, Searcher.Summary summary) {}
    }

    private DemoRunner() {}

    public static Result run(Options options, Progress progress) {
        return run(options, progress, new Observer() {});
    }

    /** Runs the demo, telling {@code observer} what happens. */
    public static Result run(Options options, Progress progress, Observer observer) {
        long started = System.nanoTime();
        Anvil anvil = Anvil.builder().noMining().order("fifo").start();
        Thread hook = new Thread(anvil::close, "demo-anvil-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (anvil) {
            return runOn(anvil, options, progress, observer, started);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it stops anvil itself
            }
        }
    }

    private static Result runOn(Anvil anvil, Options options, Progress progress, Observer observer, long started) {
        DemoChain chain = DemoChain.deploy(anvil);
        long setupBlocks = anvil.blockNumber();
        long chainId = anvil.chainId();
        Address weth = Address.of(chain.weth());
        Address usdc = Address.of(chain.usdc());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        long chainTime = anvil.block("latest").orElseThrow().path("timestamp").asLong(0);
        if (chainTime == 0) {
            chainTime = io.mevkit.core.Hex.toLong(
                    anvil.block("latest").orElseThrow().path("timestamp").asText());
        }
        // the feeds and the TWAP are judged by chain time (the setup moved it ahead of the wall clock)
        Clock clock =
                Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.ofEpochSecond(chainTime)));
        try (RpcClient rpc = RpcClient.builder()
                        .chain(Chains.ANVIL)
                        .endpoint(anvil.rpcUrl())
                        .addListener(MicrometerRpcListener.create(metrics))
                        .build();
                MevStore store = MevStore.builder().sqlite(options.db()).build();
                PriceOracle stables = PriceOracle.builder()
                        .source(ChainlinkSource.create(EthCaller.of(rpc), clock))
                        .registry(PriceRegistry.builder()
                                .chainlink(
                                        new AssetKey(chainId, usdc),
                                        ChainlinkFeed.of(
                                                Address.of(chain.usdcUsdFeed()),
                                                Duration.ofDays(1),
                                                new BigDecimal("0.001")))
                                .build())
                        .policy(AggregationPolicy.builder().minSources(1).build())
                        .clock(clock)
                        .build();
                PriceOracle oracle = PriceOracle.builder()
                        .source(ChainlinkSource.create(EthCaller.of(rpc), clock))
                        .source(new UsdConvertedSource(UniswapV3TwapSource.create(EthCaller.of(rpc), clock), stables))
                        .registry(PriceRegistry.builder()
                                .chainlink(
                                        new AssetKey(chainId, weth),
                                        ChainlinkFeed.of(
                                                Address.of(chain.ethUsdFeed()),
                                                Duration.ofHours(1),
                                                new BigDecimal("0.005")))
                                .twap(
                                        new AssetKey(chainId, weth),
                                        new TwapRoute(
                                                Address.of(chain.v3Pool()),
                                                Duration.ofSeconds(60),
                                                new AssetKey(chainId, usdc),
                                                18,
                                                6))
                                .build())
                        .policy(AggregationPolicy.builder()
                                .minSources(2)
                                .minKinds(2)
                                .build())
                        .clock(clock)
                        .meterRegistry(metrics)
                        .build();
                HealthRegistry health = HealthRegistry.builder().build();
                WsClient ws = WsClient.builder()
                        .endpoint(Endpoint.of(anvil.wsUrl(), anvil.rpcUrl()))
                        .chain(Chains.ANVIL)
                        .staleAfter(Duration.ofMinutes(5)) // blocks come when the builder mines: silence is normal
                        .noPolling()
                        .random(new SplittableRandom(options.seed()))
                        .build();
                HttpEndpoint http = new HttpEndpoint(options.httpPort(), health, metrics)) {
            health.register("rpc", rpc.healthCheck());
            health.register("store", store.healthCheck());
            oracle.healthChecks().forEach(health::register);
            health.register(
                    "ws",
                    () -> ws.state() == ConnectionState.CONNECTED
                            ? Health.up(Map.of("state", ws.state().name()))
                            : Health.down(Map.of("state", ws.state().name())));

            RiskPolicy risk = options.risk().policy(store.riskStateStore(RISK_SCOPE), clock);
            if (options.rearmRisk() && risk.state().tripped()) {
                risk.rearm();
            } else if (risk.state().tripped()) {
                log.warn(
                        "the risk kill switch in {} is tripped: every sandwich will be refused (re-arm it to trade)",
                        options.db());
            }
            BundleSimulator simulator = BundleSimulator.of(rpc);
            LocalBuilder builder = LocalBuilder.create(rpc, simulator);
            Searcher searcher = Searcher.builder()
                    .config(new Searcher.Config(
                            chainId,
                            weth,
                            Address.of(chain.v2().factory()),
                            Address.of(chain.v2().router()),
                            Address.of(chain.v3().factory()),
                            Address.of(chain.v3().swapRouter()),
                            BigInteger.valueOf(2_000_000_000L),
                            builder.name()))
                    .signer(PrivateKeySigner.of(anvil.privateKey(DemoChain.SEARCHER_ACCOUNT), chainId))
                    .rpc(rpc, Chains.ANVIL)
                    .store(store)
                    .oracle(oracle)
                    .simulator(simulator)
                    .submitter(builder)
                    .risk(risk, options.risk())
                    .meters(metrics)
                    .build();
            searcher.listener(observer);
            observer.started(health, metrics);
            ws.awaitConnected(Duration.ofSeconds(15));
            ws.subscribePendingTransactions(searcher::onPending);
            ws.subscribeNewHeads(searcher::onHead);
            log.info("demo running: anvil {}, http {}", anvil.rpcUrl(), http.url());
            progress.started(http.url());

            VictimTraffic traffic = new VictimTraffic(chain, new SplittableRandom(options.seed()));
            for (int i = 1; i <= options.blocks(); i++) {
                traffic.sendOne();
                long sent = i;
                await(() -> searcher.decided() >= sent, "the searcher's decision on victim " + i);
                BuiltBlock mined = builder.buildBlock();
                mined.rejected()
                        .forEach(r -> log.info("the builder turned down bundle {}: {}", r.bundleHash(), r.reason()));
                await(() -> searcher.settledThrough() >= mined.number(), "settlement of block " + mined.number());
                observer.block(i, options.blocks(), searcher.summary());
                progress.onBlock(i, options.blocks(), searcher.summary());
            }
            Searcher.Summary summary = searcher.summary();
            Map<String, Long> rows = store.rowCounts();
            return new Result(
                    summary,
                    options.blocks(),
                    options.db(),
                    rows,
                    Duration.ofNanos(System.nanoTime() - started),
                    http.url(),
                    setupBlocks,
                    risk.state(),
                    risk.inFlight());
        }
    }

    /** Waits, bounded, for a condition the searcher reaches on its own threads; a miss is logged, not fatal. */
    private static void await(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + STEP_BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                log.warn("gave up waiting for {} after {}", what, STEP_BOUND);
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
