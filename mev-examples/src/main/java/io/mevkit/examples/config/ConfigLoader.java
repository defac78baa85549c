package io.mevkit.examples.config;

import io.mevkit.core.bundle.FlashbotsSigner;
import io.mevkit.core.bundle.PrivateKeySigner;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds a {@link MevkitConfig} from, in order of precedence, command-line flags, the environment, a properties file
 * and the defaults of {@link Setting}. Every value is checked here, at start-up: a bad one fails with a
 * {@link ConfigException} naming the variable (secret values redacted). The config file uses the variable names as
 * keys; an unknown key in it is an error, an unknown {@code MEVKIT_*} environment variable a warning. Secret keys come
 * from the environment or a key file only. Not thread-safe; use once.
 */
public final class ConfigLoader {
    /** Environment variables of the project's test support, not of the command line. */
    private static final Set<String> FOREIGN_VARIABLES = Set.of("MEVKIT_ANVIL");

    private static final Pattern KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final String RPC_PREFIX = "MEVKIT_RPC_URL_";
    private static final String WS_PREFIX = "MEVKIT_WS_URL_";

    private final Map<String, String> env;
    private final Map<Setting, String> flags = new EnumMap<>(Setting.class);
    private final Map<Setting, String> flagNames = new EnumMap<>(Setting.class);
    private final Map<String, String> file = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private String fileLabel = "";

    private ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** A loader reading {@code env} (pass {@link System#getenv()} in production, a map in tests). */
    public static ConfigLoader fromEnvironment(Map<String, String> env) {
        return new ConfigLoader(env);
    }

    /** A flag's value for {@code setting}; {@code flag} (e.g. {@code --rpc}) is named in error messages. */
    public ConfigLoader flag(Setting setting, String flag, String value) {
        Objects.requireNonNull(setting, "setting");
        if (setting.perChain()) {
            throw new IllegalArgumentException("no flag for per-chain variables");
        }
        if (value != null) {
            flags.put(setting, value);
            flagNames.put(setting, flag);
        }
        return this;
    }

    /** Reads a properties file whose keys are the variable names ({@code MEVKIT_RPC_URL=http://...}). */
    public ConfigLoader file(Path path) {
        Objects.requireNonNull(path, "path");
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw ConfigException.of(
                    "--config", "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
        this.fileLabel = path.toString();
        for (String key :
                new TreeMap<>(props).keySet().stream().map(String::valueOf).toList()) {
            String value = props.getProperty(key);
            Optional<Setting> setting = Setting.byVariable(key);
            if (setting.isEmpty() && !key.startsWith(RPC_PREFIX) && !key.startsWith(WS_PREFIX)) {
                throw ConfigException.of(key, "is not a mevkit variable (in config file " + path + ")");
            }
            if (setting.filter(ConfigLoader::environmentOnly).isPresent()) {
                throw ConfigException.of(
                        key,
                        "must come from the environment or " + key + "_FILE, not the config file " + path
                                + " (value not shown)");
            }
            file.put(key, value.strip());
        }
        return this;
    }

    /** Warnings found while loading (unknown {@code MEVKIT_*} environment variables); read after {@link #load()}. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Resolves and validates every setting. */
    public MevkitConfig load() {
        for (String name : new TreeMap<>(env).keySet()) {
            if (name.startsWith("MEVKIT_")
                    && Setting.byVariable(name).isEmpty()
                    && !name.startsWith(RPC_PREFIX)
                    && !name.startsWith(WS_PREFIX)
                    && !FOREIGN_VARIABLES.contains(name)) {
                warnings.add("ignoring unknown environment variable " + name);
            }
        }
        long chainId = positiveLong(Setting.CHAIN_ID);
        validatePerChain(RPC_PREFIX, Setting.RPC_URL_CHAIN, "http", "https");
        validatePerChain(WS_PREFIX, Setting.WS_URL_CHAIN, "ws", "wss");
        Secret rpcUrl = Secret.of(chainUrl(Setting.RPC_URL, Setting.RPC_URL_CHAIN, chainId, "http", "https"));
        Secret wsUrl = Secret.of(chainUrl(Setting.WS_URL, Setting.WS_URL_CHAIN, chainId, "ws", "wss"));

        MevkitConfig.Rpc rpc = new MevkitConfig.Rpc(
                positiveDuration(Setting.RPC_TIMEOUT),
                intIn(Setting.RPC_MAX_RETRIES, 0, 100).orElseThrow());
        MevkitConfig.Breaker breaker = new MevkitConfig.Breaker(
                intIn(Setting.CIRCUIT_BREAKER_FAILURES, 1, 1000),
                optionalDuration(Setting.CIRCUIT_BREAKER_OPEN_DELAY),
                intIn(Setting.CIRCUIT_BREAKER_SUCCESSES, 1, 100));

        Duration ttl = positiveDuration(Setting.PRICE_CACHE_TTL);
        Duration refresh = positiveDuration(Setting.PRICE_CACHE_REFRESH);
        if (refresh.compareTo(ttl) >= 0) {
            throw invalid(Setting.PRICE_CACHE_REFRESH, "must be shorter than MEVKIT_PRICE_CACHE_TTL (" + ttl + ")");
        }
        MevkitConfig.Price price = new MevkitConfig.Price(
                ttl,
                refresh,
                fraction(Setting.PRICE_MIN_CONFIDENCE),
                intIn(Setting.PRICE_MIN_SOURCES, 1, 20).orElseThrow(),
                positiveDuration(Setting.PRICE_SOURCE_TIMEOUT),
                optionalUrl(Setting.COINGECKO_URL, "http", "https"),
                optionalRaw(Setting.COINGECKO_API_KEY).map(v -> {
                    if (v.isBlank() || v.length() > 200) {
                        throw invalid(Setting.COINGECKO_API_KEY, "must be 1..200 characters");
                    }
                    return Secret.of(v);
                }),
                optionalUrl(Setting.PYTH_URL, "http", "https").orElseThrow());

        Duration backupInterval = positiveDuration(Setting.BACKUP_INTERVAL);
        if (backupInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid(Setting.BACKUP_INTERVAL, "must be at least 1s");
        }
        MevkitConfig.Store store = new MevkitConfig.Store(
                optionalRaw(Setting.BACKUP_DIR).map(v -> path(Setting.BACKUP_DIR, v)),
                backupInterval,
                intIn(Setting.BACKUP_RETAIN, 1, 10_000).orElseThrow(),
                positiveDuration(Setting.ARCHIVE_AGE));

        Duration initial = positiveDuration(Setting.WS_RECONNECT_INITIAL);
        Duration max = positiveDuration(Setting.WS_RECONNECT_MAX);
        if (max.compareTo(initial) < 0) {
            throw invalid(
                    Setting.WS_RECONNECT_MAX, "must not be shorter than MEVKIT_WS_RECONNECT_INITIAL (" + initial + ")");
        }
        Optional<Duration> pollingAfter = optionalRaw(Setting.POLLING_AFTER)
                .filter(v -> !v.equalsIgnoreCase("off"))
                .map(v -> duration(Setting.POLLING_AFTER, v));
        MevkitConfig.Ws ws = new MevkitConfig.Ws(
                positiveDuration(Setting.WS_HEARTBEAT),
                positiveDuration(Setting.WS_CONNECT_TIMEOUT),
                initial,
                max,
                optionalDuration(Setting.WS_MAX_DOWNTIME),
                pollingAfter,
                optionalDuration(Setting.POLL_INTERVAL));

        Optional<Secret> key =
                keyFrom(Setting.PRIVATE_KEY, Setting.PRIVATE_KEY_FILE, v -> PrivateKeySigner.of(v, chainId));
        Optional<Secret> authKey =
                keyFrom(Setting.BUILDER_AUTH_KEY, Setting.BUILDER_AUTH_KEY_FILE, FlashbotsSigner::of);

        return new MevkitConfig(
                chainId,
                rpcUrl,
                wsUrl,
                db(),
                rpc,
                breaker,
                price,
                store,
                ws,
                positiveDuration(Setting.HEALTH_INTERVAL),
                key,
                optionalUrl(Setting.BUILDER_URL, "http", "https"),
                authKey);
    }

    // ------------------------------------------------------------------------------------------------ resolution

    private static boolean environmentOnly(Setting s) {
        return s == Setting.PRIVATE_KEY || s == Setting.BUILDER_AUTH_KEY;
    }

    private Optional<String> optionalRaw(Setting s) {
        String v = flags.get(s);
        if (v == null) {
            v = env.get(s.variable());
        }
        if (v == null) {
            v = file.get(s.variable());
        }
        if (v == null) {
            return s.defaultValue();
        }
        if (v.isBlank()) {
            throw invalid(s, v, "must not be empty (unset it instead)");
        }
        return Optional.of(v.strip());
    }

    private String raw(Setting s) {
        return optionalRaw(s).orElseThrow(() -> ConfigException.of(s.variable(), "is required"));
    }

    private ConfigException invalid(Setting s, String rule) {
        return invalid(s, optionalRaw(s).orElse(null), rule);
    }

    private ConfigException invalid(Setting s, String value, String rule) {
        String where = flagNames.containsKey(s) ? s.variable() + " (" + flagNames.get(s) + ")" : s.variable();
        if (!flagNames.containsKey(s) && !env.containsKey(s.variable()) && file.containsKey(s.variable())) {
            where = s.variable() + " (config file " + fileLabel + ")";
        }
        return ConfigException.invalid(where, value, s.secret(), rule);
    }

    // ------------------------------------------------------------------------------------------------- parsers

    private long positiveLong(Setting s) {
        String v = raw(s);
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(s, v, "must be a positive integer");
    }

    private OptionalInt intIn(Setting s, int min, int max) {
        Optional<String> v = optionalRaw(s);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(s, v.get(), "must be an integer in " + min + ".." + max);
    }

    private double fraction(Setting s) {
        String v = raw(s);
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw invalid(s, v, "must be a number in 0..1");
    }

    private Duration positiveDuration(Setting s) {
        return duration(s, raw(s));
    }

    private Optional<Duration> optionalDuration(Setting s) {
        return optionalRaw(s).map(v -> duration(s, v));
    }

    private Duration duration(Setting s, String v) {
        return Durations.parse(v)
                .orElseThrow(
                        () -> invalid(s, v, "must be a positive duration such as 500ms, 10s, 5m, 2h, 30d or PT10S"));
    }

    private Optional<String> optionalUrl(Setting s, String... schemes) {
        return optionalRaw(s).map(v -> {
            if (!isUrl(v, schemes)) {
                throw invalid(s, v, "must be a " + String.join(" or ", schemes) + " URL");
            }
            return v;
        });
    }

    private static boolean isUrl(String v, String... schemes) {
        try {
            URI uri = new URI(v);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return false;
            }
            for (String scheme : schemes) {
                if (scheme.equalsIgnoreCase(uri.getScheme())) {
                    return true;
                }
            }
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String chainUrl(Setting general, Setting perChain, long chainId, String... schemes) {
        // a flag wins over everything; otherwise the chain's own variable wins over the general one
        if (!flags.containsKey(general)) {
            String name = perChain.variableFor(chainId);
            String specific = env.containsKey(name) ? env.get(name) : file.get(name);
            if (specific != null) {
                return specific.strip();
            }
        }
        return optionalUrl(general, schemes).orElseThrow();
    }

    private void validatePerChain(String prefix, Setting family, String... schemes) {
        Map<String, String> all = new TreeMap<>(file);
        env.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                all.put(k, v);
            }
        });
        all.forEach((name, value) -> {
            if (!name.startsWith(prefix)) {
                return;
            }
            String suffix = name.substring(prefix.length());
            if (!suffix.matches("[1-9][0-9]{0,17}")) {
                throw ConfigException.of(
                        name, "is not a mevkit variable (" + family.variable() + " needs a positive chain id)");
            }
            if (!isUrl(value.strip(), schemes)) {
                throw ConfigException.invalid(
                        name, value, family.secret(), "must be a " + String.join(" or ", schemes) + " URL");
            }
        });
    }

    private Path path(Setting s, String v) {
        try {
            return Path.of(v);
        } catch (RuntimeException e) {
            throw invalid(s, v, "must be a file path");
        }
    }

    private MevkitConfig.Db db() {
        Setting s = Setting.DB_URL;
        String v = raw(s);
        if (v.startsWith("jdbc:postgresql://")) {
            return new MevkitConfig.Db(Optional.empty(), Optional.of(Secret.of(v)));
        }
        String file = v.startsWith("jdbc:sqlite:") ? v.substring("jdbc:sqlite:".length()) : v;
        if (file.isBlank() || file.startsWith("jdbc:") || file.startsWith(":memory")) {
            throw invalid(s, v, "must be jdbc:sqlite:<file>, a file path, or jdbc:postgresql://...");
        }
        Path path = path(s, file);
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw invalid(s, v, "must be in an existing directory");
        }
        return new MevkitConfig.Db(Optional.of(path), Optional.empty());
    }

    /** A key from its environment variable or its key file (never both); checked by {@code check}, never shown. */
    private Optional<Secret> keyFrom(Setting direct, Setting keyFile, java.util.function.Consumer<String> check) {
        Optional<String> value = Optional.ofNullable(env.get(direct.variable())).map(String::strip);
        Optional<String> filePath = optionalRaw(keyFile);
        if (value.isPresent() && filePath.isPresent()) {
            throw ConfigException.of(
                    direct.variable(), "and " + keyFile.variable() + " are both set; set only one (values not shown)");
        }
        if (filePath.isPresent()) {
            Path p = path(keyFile, filePath.get());
            if (!Files.isReadable(p) || Files.isDirectory(p)) {
                throw invalid(keyFile, filePath.get(), "must name a readable file");
            }
            try {
                value = Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
            } catch (IOException | RuntimeException e) {
                throw invalid(keyFile, filePath.get(), "must name a readable UTF-8 file");
            }
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String where = filePath.isPresent() ? keyFile.variable() : direct.variable();
        String rule = filePath.isPresent() ? "must contain a private key of 64 hex digits" : "must be 64 hex digits";
        if (!KEY.matcher(value.get()).matches()) {
            throw ConfigException.invalid(where, null, true, rule);
        }
        try {
            check.accept(value.get());
        } catch (RuntimeException e) {
            throw ConfigException.invalid(where, null, true, "must be a valid secp256k1 private key");
        }
        return Optional.of(Secret.of(value.get()));
    }
}
