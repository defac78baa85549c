package io.mevkit.examples.config;

import dev.failsafe.CircuitBreaker;
import io.mevkit.core.Chain;
import io.mevkit.core.Chains;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.bundle.BuilderClient;
import io.mevkit.core.bundle.BuilderDialect;
import io.mevkit.core.bundle.BuilderEndpoint;
import io.mevkit.core.bundle.FlashbotsSigner;
import io.mevkit.core.bundle.PrivateKeySigner;
import io.mevkit.core.health.HealthRegistry;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.oracle.AggregationPolicy;
import io.mevkit.oracle.CoinGeckoSource;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.oracle.PythHermesSource;
import io.mevkit.store.BackupPolicy;
import io.mevkit.store.MevStore;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.WsClient;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The validated configuration of the {@code mevkit} command line, built by {@link ConfigLoader} from flags, the
 * environment, a config file and defaults (in that precedence). Its methods produce the modules' builders with
 * these settings applied, so a caller only adds what is particular to its use. Immutable.
 *
 * @param chainId the chain every node must serve
 * @param rpcUrl the JSON-RPC HTTP URL (may carry credentials)
 * @param wsUrl the WebSocket URL (may carry credentials)
 * @param db where the store lives
 * @param rpc HTTP JSON-RPC client settings
 * @param breaker circuit-breaker settings shared by the RPC client, the WebSocket client and the price oracle
 * @param price price-oracle settings
 * @param store backup and archive settings
 * @param ws WebSocket and polling-fallback settings
 * @param healthInterval the pause between health evaluations
 * @param privateKey the signing key, if configured
 * @param builderUrl the block builder's URL, if configured
 * @param builderAuthKey the builder reputation key, if configured
 */
public record MevkitConfig(
        long chainId,
        Secret rpcUrl,
        Secret wsUrl,
        Db db,
        Rpc rpc,
        Breaker breaker,
        Price price,
        Store store,
        Ws ws,
        Duration healthInterval,
        Optional<Secret> privateKey,
        Optional<String> builderUrl,
        Optional<Secret> builderAuthKey) {

    public MevkitConfig {
        Objects.requireNonNull(rpcUrl, "rpcUrl");
        Objects.requireNonNull(wsUrl, "wsUrl");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ws, "ws");
        Objects.requireNonNull(healthInterval, "healthInterval");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(builderUrl, "builderUrl");
        Objects.requireNonNull(builderAuthKey, "builderAuthKey");
    }

    /** Where the store lives: a SQLite file, or a PostgreSQL JDBC URL (which may carry a password). */
    public record Db(Optional<Path> sqliteFile, Optional<Secret> postgresUrl) {
        public Db {
            if (sqliteFile.isPresent() == postgresUrl.isPresent()) {
                throw new IllegalArgumentException("exactly one of sqliteFile and postgresUrl");
            }
        }
    }

    /** HTTP JSON-RPC settings. */
    public record Rpc(Duration timeout, int maxRetries) {}

    /** Circuit-breaker settings; an empty value keeps each module's own default. */
    public record Breaker(OptionalInt failures, Optional<Duration> openDelay, OptionalInt successes) {}

    /** Price-oracle settings. */
    public record Price(
            Duration cacheTtl,
            Duration cacheRefresh,
            double minConfidence,
            int minSources,
            Duration sourceTimeout,
            Optional<String> coingeckoUrl,
            Optional<Secret> coingeckoApiKey,
            String pythUrl) {}

    /** Backup and archive settings. */
    public record Store(Optional<Path> backupDir, Duration backupInterval, int backupRetain, Duration archiveAge) {}

    /**
     * WebSocket settings.
     *
     * @param pollingAfter when to fall back to HTTP polling; empty: never
     * @param pollInterval the polling interval; empty: the chain's block time
     */
    public record Ws(
            Duration heartbeat,
            Duration connectTimeout,
            Duration reconnectInitial,
            Duration reconnectMax,
            Optional<Duration> maxDowntime,
            Optional<Duration> pollingAfter,
            Optional<Duration> pollInterval) {}

    /** The chain's known parameters (block time, wrapped native token) when it is one of {@link Chains}. */
    public Optional<Chain> knownChain() {
        return Chains.defaults().find(chainId);
    }

    /**
     * The configured chain: one of {@link Chains} when known, else a generic EIP-1559 chain with a 12 s block time and
     * no Multicall3 (token reads then go one by one).
     */
    public Chain chain() {
        return knownChain()
                .orElseGet(() -> new Chain(
                        chainId,
                        "chain-" + chainId,
                        "ETH",
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ofSeconds(12),
                        FeeMarket.eip1559(2, 8)));
    }

    /** An {@link RpcClient} builder for the configured chain and URL, timeout, retries and breakers. */
    public RpcClient.Builder rpcClientBuilder() {
        RpcClient.Builder b = RpcClient.builder()
                .chainId(chainId)
                .endpoint("rpc", rpcUrl.reveal())
                .timeout(rpc.timeout())
                .maxRetries(rpc.maxRetries());
        if (breaker.failures().isPresent()
                || breaker.openDelay().isPresent()
                || breaker.successes().isPresent()) {
            int failures = breaker.failures().orElse(5);
            Duration delay = breaker.openDelay().orElse(Duration.ofSeconds(10));
            int successes = breaker.successes().orElse(1);
            b.circuitBreakers(() -> CircuitBreaker.builder()
                    .withFailureThreshold(failures)
                    .withDelay(delay)
                    .withSuccessThreshold(successes)
                    .build());
        }
        return b;
    }

    /**
     * A {@link WsClient} builder for the configured WebSocket URL (with the HTTP URL for backfill and polling), chain,
     * heartbeat, reconnect backoff, breaker and polling fallback. Building it starts connecting.
     */
    public WsClient.Builder wsClientBuilder() {
        WsClient.Builder b = WsClient.builder()
                .endpoint(Endpoint.of(wsUrl.reveal(), rpcUrl.reveal()))
                .expectedChainId(chainId)
                .heartbeat(ws.heartbeat())
                .connectTimeout(ws.connectTimeout())
                .backoff(ws.reconnectInitial(), ws.reconnectMax());
        knownChain().ifPresent(c -> b.blockTime(c.blockTime()));
        ws.maxDowntime().ifPresent(b::maxDowntime);
        if (breaker.failures().isPresent() || breaker.openDelay().isPresent()) {
            b.circuitBreaker(breaker.failures().orElse(5), breaker.openDelay().orElse(Duration.ofSeconds(30)));
        }
        if (ws.pollingAfter().isPresent()) {
            b.pollingAfter(ws.pollingAfter().get());
            ws.pollInterval().ifPresent(b::pollInterval);
        } else {
            b.noPolling();
        }
        return b;
    }

    /** The aggregation policy with the configured minimum confidence and quorum. */
    public AggregationPolicy aggregationPolicy() {
        return AggregationPolicy.builder()
                .minScore(price.minConfidence())
                .minSources(price.minSources())
                .build();
    }

    /**
     * A {@link PriceOracle} builder with the configured policy, cache, source timeout and breaker; the caller adds
     * sources and a registry.
     */
    public PriceOracle.Builder priceOracleBuilder() {
        return PriceOracle.builder()
                .policy(aggregationPolicy())
                .cache(price.cacheTtl(), price.cacheRefresh())
                .sourceTimeout(price.sourceTimeout())
                .breaker(
                        breaker.failures().orElse(3),
                        breaker.openDelay().orElse(Duration.ofSeconds(30)),
                        breaker.successes().orElse(3));
    }

    /** A CoinGecko source builder with the configured base URL and key (demo plan with a key, else keyless). */
    public CoinGeckoSource.Builder coinGeckoBuilder(OkHttpClient http) {
        CoinGeckoSource.Builder b = CoinGeckoSource.builder(http);
        price.coingeckoApiKey().ifPresent(k -> b.apiKey(CoinGeckoSource.Plan.DEMO, k.reveal()));
        price.coingeckoUrl().ifPresent(b::baseUrl);
        return b;
    }

    /** A Pyth Hermes source builder with the configured endpoint. */
    public PythHermesSource.Builder pythBuilder(OkHttpClient http) {
        return PythHermesSource.builder(http).endpoint(price.pythUrl());
    }

    /** The backup policy, when a backup directory is configured. */
    public Optional<BackupPolicy> backupPolicy() {
        return store.backupDir().map(dir -> BackupPolicy.builder(dir)
                .interval(store.backupInterval())
                .retain(store.backupRetain())
                .build());
    }

    /** A {@link MevStore} builder on the configured database, with the backup policy when one is configured. */
    public MevStore.Builder storeBuilder() {
        MevStore.Builder b = MevStore.builder();
        if (db.sqliteFile().isPresent()) {
            b.sqlite(db.sqliteFile().get());
        } else {
            b.postgres(postgresDataSource().orElseThrow());
        }
        backupPolicy().ifPresent(b::backups);
        return b;
    }

    /** A data source for the configured PostgreSQL database; empty when the store is SQLite. */
    public Optional<DataSource> postgresDataSource() {
        return db.postgresUrl().map(url -> {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url.reveal());
            return ds;
        });
    }

    /** A {@link HealthRegistry} builder with the configured interval. */
    public HealthRegistry.Builder healthRegistryBuilder() {
        return HealthRegistry.builder().interval(healthInterval);
    }

    /** The transaction signer for the configured key on the configured chain. */
    public Optional<PrivateKeySigner> signer() {
        return privateKey.map(k -> PrivateKeySigner.of(k.reveal(), chainId));
    }

    /**
     * A builder client for the configured builder URL (Flashbots dialect), signing its requests with the reputation key,
     * or without one with a fresh random key for this client only (the builder then knows no reputation for it, and
     * asks about bundles sent by it need the same key).
     */
    public Optional<BuilderClient> builderClient() {
        return builderUrl.map(url -> BuilderClient.builder()
                .endpoint(BuilderEndpoint.of("builder", url, BuilderDialect.FLASHBOTS))
                .signer(FlashbotsSigner.of(builderAuthKey.map(Secret::reveal).orElseGet(MevkitConfig::ephemeralKey)))
                .build());
    }

    private static final BigInteger SECP256K1_ORDER =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private static String ephemeralKey() {
        SecureRandom random = new SecureRandom();
        BigInteger k;
        do {
            k = new BigInteger(256, random);
        } while (k.signum() == 0 || k.compareTo(SECP256K1_ORDER) >= 0);
        String hex = k.toString(16);
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }
}
