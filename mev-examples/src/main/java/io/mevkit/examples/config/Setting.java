package io.mevkit.examples.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration variable of the {@code mevkit} command line: its environment name (the config file uses the
 * same names), its default, whether it is secret, and what it sets. The README's variable table documents exactly
 * these, and a test checks that each one parses a valid value and rejects an invalid one.
 */
public enum Setting {
    CHAIN_ID("MEVKIT_CHAIN_ID", "31337", false, "Chain id every node must serve (`--chain-id`)."),
    RPC_URL("MEVKIT_RPC_URL", "http://127.0.0.1:8545", true, "JSON-RPC HTTP URL (`--rpc`)."),
    RPC_URL_CHAIN(
            "MEVKIT_RPC_URL_<CHAIN_ID>", null, true, "JSON-RPC HTTP URL for one chain; wins over `MEVKIT_RPC_URL`."),
    WS_URL("MEVKIT_WS_URL", "ws://127.0.0.1:8545", true, "WebSocket URL (`--ws`)."),
    WS_URL_CHAIN("MEVKIT_WS_URL_<CHAIN_ID>", null, true, "WebSocket URL for one chain; wins over `MEVKIT_WS_URL`."),
    DB_URL(
            "MEVKIT_DB_URL",
            "jdbc:sqlite:mevkit.db",
            true,
            "Store: `jdbc:sqlite:<file>`, a plain file path, or `jdbc:postgresql://...` (`--db`)."),
    RPC_TIMEOUT("MEVKIT_RPC_TIMEOUT", "10s", false, "Time one HTTP JSON-RPC exchange may take."),
    RPC_MAX_RETRIES("MEVKIT_RPC_MAX_RETRIES", "2", false, "Retries of an idempotent read (0..100)."),
    CIRCUIT_BREAKER_FAILURES(
            "MEVKIT_CIRCUIT_BREAKER_FAILURES",
            null,
            false,
            "Consecutive failures that open an RPC endpoint's, WebSocket endpoint's or price source's circuit"
                    + " (1..1000; unset: each module's default, 5 / 5 / 3)."),
    CIRCUIT_BREAKER_OPEN_DELAY(
            "MEVKIT_CIRCUIT_BREAKER_OPEN_DELAY",
            null,
            false,
            "How long an open circuit stays open (unset: 10 s RPC, 30 s WebSocket, 30 s price source)."),
    CIRCUIT_BREAKER_SUCCESSES(
            "MEVKIT_CIRCUIT_BREAKER_SUCCESSES",
            null,
            false,
            "Successes that close a half-open RPC circuit / readings that re-admit a price source"
                    + " (1..100; unset: 1 / 3)."),
    PRICE_CACHE_TTL("MEVKIT_PRICE_CACHE_TTL", "12s", false, "How long an aggregated price is served from cache."),
    PRICE_CACHE_REFRESH(
            "MEVKIT_PRICE_CACHE_REFRESH", "9s", false, "Refresh a cached price ahead of expiry after this (< TTL)."),
    PRICE_MIN_CONFIDENCE(
            "MEVKIT_PRICE_MIN_CONFIDENCE", "0.7", false, "Minimum confidence score (0..1) of a usable price."),
    PRICE_MIN_SOURCES("MEVKIT_PRICE_MIN_SOURCES", "2", false, "Quorum: sources that must agree (1..20)."),
    PRICE_SOURCE_TIMEOUT("MEVKIT_PRICE_SOURCE_TIMEOUT", "2s", false, "How long the aggregate waits for one source."),
    COINGECKO_URL(
            "MEVKIT_COINGECKO_URL", null, false, "CoinGecko API base URL (unset: CoinGecko's public or pro API)."),
    COINGECKO_API_KEY("MEVKIT_COINGECKO_API_KEY", null, true, "CoinGecko demo-plan API key (unset: keyless)."),
    PYTH_URL("MEVKIT_PYTH_URL", "https://hermes.pyth.network", false, "Pyth Hermes base URL."),
    HEALTH_INTERVAL("MEVKIT_HEALTH_INTERVAL", "15s", false, "Pause between health-check evaluations."),
    BACKUP_DIR("MEVKIT_BACKUP_DIR", null, false, "Directory of scheduled and `store backup` backups."),
    BACKUP_INTERVAL("MEVKIT_BACKUP_INTERVAL", "1h", false, "Time between scheduled backups (>= 1 s)."),
    BACKUP_RETAIN("MEVKIT_BACKUP_RETAIN", "24", false, "Backups kept in the backup directory (1..10000)."),
    ARCHIVE_AGE(
            "MEVKIT_ARCHIVE_AGE", "30d", false, "Events and price snapshots older than this move to archive tables."),
    WS_HEARTBEAT("MEVKIT_WS_HEARTBEAT", "15s", false, "WebSocket ping interval; a late pong marks the link dead."),
    WS_CONNECT_TIMEOUT("MEVKIT_WS_CONNECT_TIMEOUT", "10s", false, "Longest a WebSocket connection attempt may take."),
    WS_RECONNECT_INITIAL(
            "MEVKIT_WS_RECONNECT_INITIAL", "250ms", false, "First reconnect backoff (full jitter, doubling)."),
    WS_RECONNECT_MAX("MEVKIT_WS_RECONNECT_MAX", "30s", false, "Largest reconnect backoff (>= the initial one)."),
    WS_MAX_DOWNTIME(
            "MEVKIT_WS_MAX_DOWNTIME", null, false, "Give up after this long without a connection (unset: never)."),
    POLLING_AFTER(
            "MEVKIT_POLLING_AFTER",
            "30s",
            false,
            "Fall back to HTTP polling after this long without a socket; `off` never polls."),
    POLL_INTERVAL(
            "MEVKIT_POLL_INTERVAL",
            null,
            false,
            "How often the polling fallback asks for the head (unset: block time)."),
    PRIVATE_KEY(
            "MEVKIT_PRIVATE_KEY",
            null,
            true,
            "Signing key (64 hex digits); environment only, never a flag or the config file."),
    PRIVATE_KEY_FILE("MEVKIT_PRIVATE_KEY_FILE", null, false, "File holding the signing key (`--private-key-file`)."),
    BUILDER_URL("MEVKIT_BUILDER_URL", null, false, "Block builder / relay JSON-RPC URL for `bundle` (`--builder`)."),
    BUILDER_AUTH_KEY(
            "MEVKIT_BUILDER_AUTH_KEY",
            null,
            true,
            "Flashbots reputation key signing builder requests; environment only."),
    BUILDER_AUTH_KEY_FILE("MEVKIT_BUILDER_AUTH_KEY_FILE", null, false, "File holding the builder reputation key.");

    private final String variable;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    Setting(String variable, String defaultValue, boolean secret, String description) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** The environment variable (and config-file key); per-chain ones end in {@code <CHAIN_ID>}. */
    public String variable() {
        return variable;
    }

    /** The default as it would be written in the environment; empty when unset by default. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Whether the value is secret: never shown in messages, only from the environment or a file. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** Whether this is a per-chain family such as {@code MEVKIT_RPC_URL_<CHAIN_ID>}. */
    public boolean perChain() {
        return variable.endsWith("_<CHAIN_ID>");
    }

    /** The concrete name for {@code chainId} of a per-chain family, else the variable itself. */
    public String variableFor(long chainId) {
        return perChain() ? variable.replace("<CHAIN_ID>", Long.toString(chainId)) : variable;
    }

    /** The setting whose exact (not per-chain) variable is {@code name}. */
    public static Optional<Setting> byVariable(String name) {
        return Arrays.stream(values())
                .filter(s -> !s.perChain() && s.variable.equals(name))
                .findFirst();
    }
}
