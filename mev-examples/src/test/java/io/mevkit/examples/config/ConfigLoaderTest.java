package io.mevkit.examples.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    /** anvil's first well-known development key: public knowledge, never a real secret. */
    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    static final String BAD_KEY = "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef00";

    @TempDir
    static Path dir;

    /**
     * One row per variable: a valid value and what it sets, and an invalid value with a fragment of the rule the
     * error must state. {@code invalid == null} means the variable has no invalid text value of its own (not used).
     */
    record Row(
            Setting setting,
            String variable,
            String valid,
            Function<MevkitConfig, Object> read,
            Object expected,
            String invalid,
            String rule) {
        @Override
        public String toString() {
            return variable;
        }
    }

    static Path keyFile(String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content + "\n");
            return p;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<Row> rows() {
        Path keyFile = keyFile("key.txt", KEY);
        Path authFile = keyFile("auth.txt", KEY);
        Path backups = dir.resolve("backups");
        return List.of(
                new Row(Setting.CHAIN_ID, "MEVKIT_CHAIN_ID", "1", MevkitConfig::chainId, 1L, "0", "positive integer"),
                new Row(
                        Setting.RPC_URL,
                        "MEVKIT_RPC_URL",
                        "https://node.example/rpc",
                        c -> c.rpcUrl().reveal(),
                        "https://node.example/rpc",
                        "ftp://node.example",
                        "http or https URL"),
                new Row(
                        Setting.RPC_URL_CHAIN,
                        "MEVKIT_RPC_URL_31337",
                        "http://127.0.0.1:9999",
                        c -> c.rpcUrl().reveal(),
                        "http://127.0.0.1:9999",
                        "not a url",
                        "http or https URL"),
                new Row(
                        Setting.WS_URL,
                        "MEVKIT_WS_URL",
                        "wss://node.example/ws",
                        c -> c.wsUrl().reveal(),
                        "wss://node.example/ws",
                        "http://node.example",
                        "ws or wss URL"),
                new Row(
                        Setting.WS_URL_CHAIN,
                        "MEVKIT_WS_URL_31337",
                        "ws://127.0.0.1:9999",
                        c -> c.wsUrl().reveal(),
                        "ws://127.0.0.1:9999",
                        "https://x.example",
                        "ws or wss URL"),
                new Row(
                        Setting.DB_URL,
                        "MEVKIT_DB_URL",
                        "jdbc:sqlite:" + dir.resolve("a.db"),
                        c -> c.db().sqliteFile(),
                        Optional.of(dir.resolve("a.db")),
                        "jdbc:mysql://x/db",
                        "jdbc:sqlite:<file>"),
                new Row(
                        Setting.RPC_TIMEOUT,
                        "MEVKIT_RPC_TIMEOUT",
                        "1500ms",
                        c -> c.rpc().timeout(),
                        Duration.ofMillis(1500),
                        "10 seconds",
                        "positive duration"),
                new Row(
                        Setting.RPC_MAX_RETRIES,
                        "MEVKIT_RPC_MAX_RETRIES",
                        "0",
                        c -> c.rpc().maxRetries(),
                        0,
                        "101",
                        "0..100"),
                new Row(
                        Setting.CIRCUIT_BREAKER_FAILURES,
                        "MEVKIT_CIRCUIT_BREAKER_FAILURES",
                        "7",
                        c -> c.breaker().failures(),
                        OptionalInt.of(7),
                        "0",
                        "1..1000"),
                new Row(
                        Setting.CIRCUIT_BREAKER_OPEN_DELAY,
                        "MEVKIT_CIRCUIT_BREAKER_OPEN_DELAY",
                        "PT45S",
                        c -> c.breaker().openDelay(),
                        Optional.of(Duration.ofSeconds(45)),
                        "-5s",
                        "positive duration"),
                new Row(
                        Setting.CIRCUIT_BREAKER_SUCCESSES,
                        "MEVKIT_CIRCUIT_BREAKER_SUCCESSES",
                        "2",
                        c -> c.breaker().successes(),
                        OptionalInt.of(2),
                        "two",
                        "1..100"),
                new Row(
                        Setting.PRICE_CACHE_TTL,
                        "MEVKIT_PRICE_CACHE_TTL",
                        "1m",
                        c -> c.price().cacheTtl(),
                        Duration.ofMinutes(1),
                        "0s",
                        "positive duration"),
                new Row(
                        Setting.PRICE_CACHE_REFRESH,
                        "MEVKIT_PRICE_CACHE_REFRESH",
                        "5s",
                        c -> c.price().cacheRefresh(),
                        Duration.ofSeconds(5),
                        "20s",
                        "shorter than MEVKIT_PRICE_CACHE_TTL"),
                new Row(
                        Setting.PRICE_MIN_CONFIDENCE,
                        "MEVKIT_PRICE_MIN_CONFIDENCE",
                        "0.9",
                        c -> c.price().minConfidence(),
                        0.9,
                        "1.5",
                        "0..1"),
                new Row(
                        Setting.PRICE_MIN_SOURCES,
                        "MEVKIT_PRICE_MIN_SOURCES",
                        "1",
                        c -> c.price().minSources(),
                        1,
                        "0",
                        "1..20"),
                new Row(
                        Setting.PRICE_SOURCE_TIMEOUT,
                        "MEVKIT_PRICE_SOURCE_TIMEOUT",
                        "750ms",
                        c -> c.price().sourceTimeout(),
                        Duration.ofMillis(750),
                        "fast",
                        "positive duration"),
                new Row(
                        Setting.COINGECKO_URL,
                        "MEVKIT_COINGECKO_URL",
                        "http://127.0.0.1:1234/api/v3",
                        c -> c.price().coingeckoUrl(),
                        Optional.of("http://127.0.0.1:1234/api/v3"),
                        "coingecko",
                        "http or https URL"),
                new Row(
                        Setting.COINGECKO_API_KEY,
                        "MEVKIT_COINGECKO_API_KEY",
                        "CG-secretkey",
                        c -> c.price().coingeckoApiKey().map(Secret::reveal),
                        Optional.of("CG-secretkey"),
                        "k".repeat(201),
                        "1..200 characters"),
                new Row(
                        Setting.PYTH_URL,
                        "MEVKIT_PYTH_URL",
                        "http://127.0.0.1:4321",
                        c -> c.price().pythUrl(),
                        "http://127.0.0.1:4321",
                        "hermes",
                        "http or https URL"),
                new Row(
                        Setting.HEALTH_INTERVAL,
                        "MEVKIT_HEALTH_INTERVAL",
                        "5s",
                        MevkitConfig::healthInterval,
                        Duration.ofSeconds(5),
                        "5x",
                        "positive duration"),
                new Row(
                        Setting.BACKUP_DIR,
                        "MEVKIT_BACKUP_DIR",
                        backups.toString(),
                        c -> c.store().backupDir(),
                        Optional.of(backups),
                        "bad\0path",
                        "file path"),
                new Row(
                        Setting.BACKUP_INTERVAL,
                        "MEVKIT_BACKUP_INTERVAL",
                        "30m",
                        c -> c.store().backupInterval(),
                        Duration.ofMinutes(30),
                        "500ms",
                        "at least 1s"),
                new Row(
                        Setting.BACKUP_RETAIN,
                        "MEVKIT_BACKUP_RETAIN",
                        "3",
                        c -> c.store().backupRetain(),
                        3,
                        "0",
                        "1..10000"),
                new Row(
                        Setting.ARCHIVE_AGE,
                        "MEVKIT_ARCHIVE_AGE",
                        "7d",
                        c -> c.store().archiveAge(),
                        Duration.ofDays(7),
                        "a week",
                        "positive duration"),
                new Row(
                        Setting.WS_HEARTBEAT,
                        "MEVKIT_WS_HEARTBEAT",
                        "20s",
                        c -> c.ws().heartbeat(),
                        Duration.ofSeconds(20),
                        "0ms",
                        "positive duration"),
                new Row(
                        Setting.WS_CONNECT_TIMEOUT,
                        "MEVKIT_WS_CONNECT_TIMEOUT",
                        "3s",
                        c -> c.ws().connectTimeout(),
                        Duration.ofSeconds(3),
                        "3", // a bare number has no unit
                        "positive duration"),
                new Row(
                        Setting.WS_RECONNECT_INITIAL,
                        "MEVKIT_WS_RECONNECT_INITIAL",
                        "100ms",
                        c -> c.ws().reconnectInitial(),
                        Duration.ofMillis(100),
                        "-1s",
                        "positive duration"),
                new Row(
                        Setting.WS_RECONNECT_MAX,
                        "MEVKIT_WS_RECONNECT_MAX",
                        "1m",
                        c -> c.ws().reconnectMax(),
                        Duration.ofMinutes(1),
                        "100ms",
                        "not be shorter than MEVKIT_WS_RECONNECT_INITIAL"),
                new Row(
                        Setting.WS_MAX_DOWNTIME,
                        "MEVKIT_WS_MAX_DOWNTIME",
                        "10m",
                        c -> c.ws().maxDowntime(),
                        Optional.of(Duration.ofMinutes(10)),
                        "forever",
                        "positive duration"),
                new Row(
                        Setting.POLLING_AFTER,
                        "MEVKIT_POLLING_AFTER",
                        "off",
                        c -> c.ws().pollingAfter(),
                        Optional.empty(),
                        "never",
                        "positive duration"),
                new Row(
                        Setting.POLL_INTERVAL,
                        "MEVKIT_POLL_INTERVAL",
                        "2s",
                        c -> c.ws().pollInterval(),
                        Optional.of(Duration.ofSeconds(2)),
                        "2 s",
                        "positive duration"),
                new Row(
                        Setting.PRIVATE_KEY,
                        "MEVKIT_PRIVATE_KEY",
                        KEY,
                        c -> c.privateKey().map(Secret::reveal),
                        Optional.of(KEY),
                        BAD_KEY,
                        "64 hex digits"),
                new Row(
                        Setting.PRIVATE_KEY_FILE,
                        "MEVKIT_PRIVATE_KEY_FILE",
                        keyFile.toString(),
                        c -> c.privateKey().map(Secret::reveal),
                        Optional.of(KEY),
                        keyFile("bad-key.txt", BAD_KEY).toString(),
                        "must contain a private key"),
                new Row(
                        Setting.BUILDER_URL,
                        "MEVKIT_BUILDER_URL",
                        "https://relay.example",
                        MevkitConfig::builderUrl,
                        Optional.of("https://relay.example"),
                        "relay.example",
                        "http or https URL"),
                new Row(
                        Setting.BUILDER_AUTH_KEY,
                        "MEVKIT_BUILDER_AUTH_KEY",
                        KEY,
                        c -> c.builderAuthKey().map(Secret::reveal),
                        Optional.of(KEY),
                        BAD_KEY,
                        "64 hex digits"),
                new Row(
                        Setting.BUILDER_AUTH_KEY_FILE,
                        "MEVKIT_BUILDER_AUTH_KEY_FILE",
                        authFile.toString(),
                        c -> c.builderAuthKey().map(Secret::reveal),
                        Optional.of(KEY),
                        dir.resolve("missing.txt").toString(),
                        "readable file"));
    }

    static Stream<Row> table() {
        return rows().stream();
    }

    @Test
    void theTableCoversEverySetting() {
        Set<Setting> covered =
                rows().stream().map(Row::setting).collect(Collectors.toCollection(() -> EnumSet.noneOf(Setting.class)));
        assertEquals(EnumSet.allOf(Setting.class), covered);
    }

    @ParameterizedTest(name = "{0} valid")
    @MethodSource("table")
    void aValidValueReachesTheConfiguration(Row row) {
        MevkitConfig config = ConfigLoader.fromEnvironment(Map.of(row.variable(), row.valid()))
                .load();
        assertEquals(row.expected(), row.read().apply(config));
    }

    @ParameterizedTest(name = "{0} invalid")
    @MethodSource("table")
    void anInvalidValueFailsNamingTheVariable(Row row) {
        ConfigException e = assertThrows(
                ConfigException.class, () -> ConfigLoader.fromEnvironment(Map.of(row.variable(), row.invalid()))
                        .load());
        assertTrue(e.getMessage().startsWith(row.variable()), e.getMessage());
        assertTrue(e.getMessage().contains(row.rule()), e.getMessage());
        assertEquals(row.variable(), e.variable().split(" ")[0]);
        assertFalse(e.getMessage().contains("\n"), "one line");
        if (row.setting().secret()) {
            assertFalse(e.getMessage().contains(row.invalid()), "secret echoed: " + e.getMessage());
            assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
        } else if (row.setting() != Setting.PRIVATE_KEY_FILE && row.setting() != Setting.BUILDER_AUTH_KEY_FILE) {
            assertTrue(
                    e.getMessage().contains(row.invalid().replace("\0", " "))
                            || row.invalid().contains("\0"),
                    e.getMessage());
        }
    }

    @Test
    void keyFileContentIsNeverEchoed() {
        Path bad = keyFile("bad-key-2.txt", BAD_KEY);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(
                        Map.of("MEVKIT_PRIVATE_KEY_FILE", bad.toString()))
                .load());
        assertFalse(e.getMessage().contains(BAD_KEY.substring(2, 20)), e.getMessage());
        assertTrue(e.getMessage().startsWith("MEVKIT_PRIVATE_KEY_FILE"), e.getMessage());
    }

    @Test
    void secretsAreRedactedWhenPrinted() {
        MevkitConfig config = ConfigLoader.fromEnvironment(Map.of(
                        "MEVKIT_PRIVATE_KEY", KEY,
                        "MEVKIT_RPC_URL", "https://user:pw@node.example/key123",
                        "MEVKIT_COINGECKO_API_KEY", "CG-secretkey"))
                .load();
        String shown = config.toString();
        assertFalse(shown.contains(KEY.substring(2)), shown);
        assertFalse(shown.contains("pw@"), shown);
        assertFalse(shown.contains("CG-secretkey"), shown);
        assertTrue(shown.contains("<redacted>"), shown);
    }

    @Test
    void keysComeFromTheEnvironmentOrAFileNeverTheConfigFile() throws IOException {
        Path file = dir.resolve("with-key.properties");
        Files.writeString(file, "MEVKIT_PRIVATE_KEY=" + KEY + "\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(Map.of())
                .file(file));
        assertTrue(e.getMessage().startsWith("MEVKIT_PRIVATE_KEY must come from the environment"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.substring(2)), e.getMessage());
    }

    @Test
    void keyAndKeyFileTogetherAreRefused() {
        Path keyFile = keyFile("key-both.txt", KEY);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(
                        Map.of("MEVKIT_PRIVATE_KEY", KEY, "MEVKIT_PRIVATE_KEY_FILE", keyFile.toString()))
                .load());
        assertTrue(e.getMessage().contains("set only one"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.substring(2)), e.getMessage());
    }

    @Test
    void precedenceIsFlagThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = dir.resolve("precedence.properties");
        Files.writeString(
                file, "MEVKIT_RPC_URL=http://file.example\nMEVKIT_RPC_TIMEOUT=3s\nMEVKIT_RPC_MAX_RETRIES=7\n");
        Map<String, String> env = Map.of("MEVKIT_RPC_URL", "http://env.example", "MEVKIT_RPC_TIMEOUT", "4s");

        MevkitConfig flagged = ConfigLoader.fromEnvironment(env)
                .flag(Setting.RPC_URL, "--rpc", "http://flag.example")
                .file(file)
                .load();
        assertEquals("http://flag.example", flagged.rpcUrl().reveal());
        assertEquals(Duration.ofSeconds(4), flagged.rpc().timeout()); // env over file
        assertEquals(7, flagged.rpc().maxRetries()); // file over default

        MevkitConfig plain = ConfigLoader.fromEnvironment(env).file(file).load();
        assertEquals("http://env.example", plain.rpcUrl().reveal());

        MevkitConfig defaults = ConfigLoader.fromEnvironment(Map.of()).load();
        assertEquals("http://127.0.0.1:8545", defaults.rpcUrl().reveal());
        assertEquals(Duration.ofSeconds(10), defaults.rpc().timeout());
        assertEquals(2, defaults.rpc().maxRetries());
    }

    @Test
    void aPerChainUrlWinsOverTheGeneralOneButNotOverTheFlag() {
        Map<String, String> env = new HashMap<>();
        env.put("MEVKIT_CHAIN_ID", "8453");
        env.put("MEVKIT_RPC_URL", "http://general.example");
        env.put("MEVKIT_RPC_URL_8453", "http://base.example");
        env.put("MEVKIT_RPC_URL_1", "http://mainnet.example");
        assertEquals(
                "http://base.example",
                ConfigLoader.fromEnvironment(env).load().rpcUrl().reveal());
        assertEquals(
                "http://flag.example",
                ConfigLoader.fromEnvironment(env)
                        .flag(Setting.RPC_URL, "--rpc", "http://flag.example")
                        .load()
                        .rpcUrl()
                        .reveal());
    }

    @Test
    void aBadFlagValueNamesTheFlagAndItsVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(Map.of())
                .flag(Setting.CHAIN_ID, "--chain-id", "abc")
                .load());
        assertEquals("MEVKIT_CHAIN_ID (--chain-id) must be a positive integer but was \"abc\"", e.getMessage());
    }

    @Test
    void aBadFileValueNamesTheFile() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "MEVKIT_HEALTH_INTERVAL=soon\n");
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigLoader.fromEnvironment(Map.of()).file(file).load());
        assertTrue(e.getMessage().startsWith("MEVKIT_HEALTH_INTERVAL (config file " + file + ")"), e.getMessage());
    }

    @Test
    void anUnknownFileKeyIsAnErrorAndAnUnknownVariableAWarning() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "MEVKIT_RPC_ULR=http://x.example\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(Map.of())
                .file(file));
        assertTrue(e.getMessage().startsWith("MEVKIT_RPC_ULR is not a mevkit variable"), e.getMessage());

        ConfigLoader loader = ConfigLoader.fromEnvironment(Map.of("MEVKIT_RPC_ULR", "x", "MEVKIT_ANVIL", "/bin/anvil"));
        loader.load();
        assertEquals(List.of("ignoring unknown environment variable MEVKIT_RPC_ULR"), loader.warnings());
    }

    @Test
    void aPerChainVariableNeedsAChainId() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.fromEnvironment(
                        Map.of("MEVKIT_RPC_URL_MAINNET", "http://x.example"))
                .load());
        assertTrue(e.getMessage().startsWith("MEVKIT_RPC_URL_MAINNET is not a mevkit variable"), e.getMessage());
    }

    @Test
    void theModuleBuildersAcceptTheDefaults() {
        MevkitConfig config = ConfigLoader.fromEnvironment(Map.of(
                        "MEVKIT_CIRCUIT_BREAKER_FAILURES",
                        "4",
                        "MEVKIT_BACKUP_DIR",
                        dir.toString(),
                        "MEVKIT_PRIVATE_KEY",
                        KEY))
                .load();
        try (var rpc = config.rpcClientBuilder().build()) {
            assertEquals(31337, rpc.configuredChainId());
        }
        assertEquals(0.7, config.aggregationPolicy().minScore());
        assertEquals(dir, config.backupPolicy().orElseThrow().directory());
        assertEquals(
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
                config.signer().orElseThrow().address().toString());
        assertTrue(config.healthRegistryBuilder().build() != null);
    }

    @Test
    void theReadmeDocumentsEveryVariable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = Arrays.stream(Setting.values())
                .map(Setting::variable)
                .filter(v -> !readme.contains("`" + v + "`"))
                .toList();
        assertEquals(List.of(), missing);
    }
}
