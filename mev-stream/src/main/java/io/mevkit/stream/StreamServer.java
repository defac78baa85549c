package io.mevkit.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthCheck;
import io.mevkit.stream.internal.Settings;
import io.mevkit.stream.internal.StreamHub;
import io.mevkit.stream.internal.TokenAuthenticator;
import io.mevkit.stream.internal.UpgradeGate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable WebSocket server that streams what the host application {@linkplain #publish publishes} to
 * dashboards: eight {@linkplain Channel channels}, a sequence number per channel, replay of missed messages from a
 * bounded buffer after a reconnect (or a typed gap), JWT authentication with per-channel scopes, an origin
 * allow-list, a per-client inbound rate limit and a bounded outbound queue per client (a slow client is disconnected
 * and counted; it never slows the others), heartbeats and stale-client cleanup. Runs on embedded Jetty 12.
 *
 * <p>Secure by default: without a {@linkplain Builder#jwtSecret JWT secret} the server accepts unauthenticated
 * clients but binds to a loopback address only; {@link Builder#build()} refuses any other host. There is no switch
 * that disables authentication when a secret is configured.
 *
 * <p>{@link Builder#build()} starts the server; {@link #close()} stops it and every thread it started. Thread-safe:
 * {@link #publish} may be called from any number of threads; messages of one channel reach every client in
 * sequence order.
 */
public final class StreamServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamServer.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** The WebSocket subprotocol clients offer; the server accepts it when offered. */
    public static final String PROTOCOL = "mevkit.stream.v1";
    /** Prefix of the subprotocol that carries a token from browsers: {@code bearer.<jwt>}. */
    public static final String BEARER_PROTOCOL_PREFIX = "bearer.";

    /** How long close() waits for clients to finish the close handshake before stopping hard. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final StreamHub hub;
    private final Server jetty;
    private final ServerConnector connector;
    private final String path;
    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final ScheduledFuture<?> heartbeat;
    private final boolean authenticated;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private StreamServer(Builder b, Settings settings) {
        this.path = b.path;
        this.authenticated = settings.authenticator() != null;
        ObjectMapper mapper = b.objectMapper != null ? b.objectMapper : new ObjectMapper();
        int id = INSTANCES.incrementAndGet();
        QueuedThreadPool pool = new QueuedThreadPool(b.maxThreads, Math.min(2, b.maxThreads));
        this.hub = new StreamHub(settings, mapper, pool);
        pool.setName("mev-stream-" + id + "-http");
        pool.setReservedThreads(0);
        ScheduledExecutorScheduler jettyScheduler =
                new ScheduledExecutorScheduler("mev-stream-" + id + "-scheduler", true);
        this.jetty = new Server(pool, jettyScheduler, null);
        this.connector = new ServerConnector(jetty, 1, b.selectors);
        connector.setHost(b.host);
        connector.setPort(b.port);
        jetty.addConnector(connector);

        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(jetty, container -> {
            container.setIdleTimeout(settings.staleAfter().plus(settings.heartbeatInterval()));
            container.setMaxTextMessageSize(b.maxInboundMessageBytes);
            container.setMaxBinaryMessageSize(b.maxInboundMessageBytes);
            container.addMapping(path, new UpgradeGate(hub));
        });
        Handler fallback = staticHandler(b, jetty);
        if (fallback != null) {
            ws.setHandler(fallback);
        }
        jetty.setHandler(ws);
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownsScheduler = false;
        } else {
            this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mev-stream-" + id + "-heartbeat");
                t.setDaemon(true);
                return t;
            });
            this.ownsScheduler = true;
        }
        try {
            jetty.start();
        } catch (Exception e) {
            stopQuietly();
            throw new MevException("stream server could not start on " + b.host + ":" + b.port, e);
        }
        long every = settings.heartbeatInterval().toMillis();
        this.heartbeat = scheduler.scheduleWithFixedDelay(hub::heartbeat, every, every, TimeUnit.MILLISECONDS);
        LOG.debug("stream server listening on {} (authenticated: {})", uri(), authenticated);
    }

    private static @Nullable Handler staticHandler(Builder b, Server jetty) {
        if (b.staticDirectory == null && b.staticClasspathDirectory == null) {
            return null;
        }
        ResourceHandler handler = new ResourceHandler();
        // tied to the server's lifecycle: a jar mounted for classpath resources is unmounted when the server stops
        ResourceFactory factory = ResourceFactory.of(jetty);
        Resource base = b.staticDirectory != null
                ? factory.newResource(b.staticDirectory)
                : factory.newClassLoaderResource(b.staticClasspathDirectory, false);
        if (base == null || !base.exists()) {
            throw new ValidationException("staticClasspathResources", b.staticClasspathDirectory, "was not found");
        }
        handler.setBaseResource(base);
        handler.setDirAllowed(false);
        handler.setWelcomeFiles("index.html");
        return handler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Publishes {@code payload} (anything Jackson serializes) on {@code channel} to every subscribed client and into
     * the channel's replay buffer. Never blocks on a client: a client whose outbound queue is full is disconnected.
     *
     * @return the message's sequence number on its channel (1 for the first)
     * @throws ValidationException if the payload cannot be serialized to JSON
     * @throws IllegalStateException after {@link #close()}
     */
    public long publish(Channel channel, Object payload) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
        if (closed) {
            throw new IllegalStateException("stream server is closed");
        }
        return hub.publish(channel, payload);
    }

    /** The port the server listens on (the chosen one when built with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The WebSocket URI clients connect to, e.g. {@code ws://127.0.0.1:8787/stream}. */
    public URI uri() {
        String host = connector.getHost();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("ws://" + host + ":" + port() + path);
    }

    /** Whether clients must present a JWT (a secret was configured). */
    public boolean authenticated() {
        return authenticated;
    }

    /** The server's epoch: a random id that changes with every start, so clients can tell a restarted server. */
    public String epoch() {
        return hub.epoch();
    }

    /** A snapshot of the counters. */
    public StreamStats stats() {
        return hub.stats();
    }

    /**
     * A health check for a {@link io.mevkit.core.health.HealthRegistry}: UP while running, with clients, port and
     * slow-consumer disconnections as details; DOWN once closed.
     */
    public HealthCheck healthCheck() {
        return () -> {
            StreamStats s = stats();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("clients", Integer.toString(s.clients()));
            details.put("slowConsumerDisconnects", Long.toString(s.disconnects(DisconnectReason.SLOW_CONSUMER)));
            details.put("dropped", Long.toString(s.dropped()));
            if (closed || !jetty.isRunning()) {
                return Health.down(details);
            }
            details.put("port", Integer.toString(port()));
            return Health.up(details);
        };
    }

    /**
     * Closes every client connection with 1001 (going away; waiting up to 2 s for the handshakes), then stops the
     * server and every thread it started. Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        heartbeat.cancel(false);
        hub.shutdown(SHUTDOWN_GRACE);
        stopQuietly();
        LOG.debug("stream server closed");
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("jetty stop failed: {}", e.getClass().getName());
        }
        if (ownsScheduler) {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("stream heartbeat thread did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Configures a {@link StreamServer}; every option is validated when set and again at {@link #build()}. Not
     * thread-safe.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String path = "/stream";
        private byte @Nullable [] secret;
        private @Nullable String issuer;
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private int replayBufferSize = 1024;
        private int maxQueuedMessages = 1024;
        private long maxQueuedBytes = 8L * 1024 * 1024;
        private int inboundPerSecond = 20;
        private int inboundBurst = 40;
        private int maxClients = 10_000;
        private int maxInboundMessageBytes = 64 * 1024;
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration staleAfter = Duration.ofSeconds(45);
        private int maxThreads = 16;
        private int selectors = 1;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private @Nullable ObjectMapper objectMapper;
        private @Nullable Path staticDirectory;
        private @Nullable String staticClasspathDirectory;

        private Builder() {}

        /** The address to bind (default {@code 127.0.0.1}); anything but loopback requires a JWT secret. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The port (default 0: any free port, see {@link StreamServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new ValidationException("port", port, "must be in [0, 65535]");
            }
            this.port = port;
            return this;
        }

        /** The WebSocket path (default {@code /stream}). */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/") || path.contains("*") || path.contains(" ")) {
                throw new ValidationException("path", path, "must start with / and contain no wildcard or space");
            }
            this.path = path;
            return this;
        }

        /**
         * The HS256 secret (at least 32 bytes) tokens are verified with. With a secret every client needs a valid,
         * unexpired token; without one the server binds to loopback only.
         */
        public Builder jwtSecret(byte[] secret) {
            requireSecret(secret);
            this.secret = secret.clone();
            return this;
        }

        /** The issuer ({@code iss}) tokens must carry; none required by default. */
        public Builder jwtIssuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /**
         * Adds an allowed browser origin, e.g. {@code https://ops.example.com}. Requests without an {@code Origin}
         * header (non-browser clients) and same-origin requests are always allowed; any other origin is refused.
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            URI uri;
            try {
                uri = URI.create(origin);
            } catch (IllegalArgumentException e) {
                throw new ValidationException("origin", origin, "must be scheme://host[:port]");
            }
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new ValidationException("origin", origin, "must be scheme://host[:port]");
            }
            allowedOrigins.add(origin.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Messages kept per channel for replay after a reconnect (default 1024). */
        public Builder replayBufferSize(int size) {
            this.replayBufferSize = positive("replayBufferSize", size);
            return this;
        }

        /**
         * The per-client outbound queue: messages not yet written to the client's socket (default 1024) and their
         * total UTF-8 size (default 8 MiB). A client that exceeds either is disconnected as a slow consumer.
         */
        public Builder maxQueued(int messages, long bytes) {
            this.maxQueuedMessages = positive("maxQueuedMessages", messages);
            if (bytes < 1) {
                throw new ValidationException("maxQueuedBytes", bytes, "must be positive");
            }
            this.maxQueuedBytes = bytes;
            return this;
        }

        /**
         * Inbound messages per client: {@code perSecond} sustained, {@code burst} at once (defaults 20 and 40), as
         * failsafe's bursty limiter of {@code burst} permits per {@code burst / perSecond} seconds.
         */
        public Builder inboundRateLimit(int perSecond, int burst) {
            this.inboundPerSecond = positive("inboundPerSecond", perSecond);
            this.inboundBurst = positive("inboundBurst", burst);
            return this;
        }

        /** The most clients connected at once (default 10,000); more are refused with HTTP 503. */
        public Builder maxClients(int maxClients) {
            this.maxClients = positive("maxClients", maxClients);
            return this;
        }

        /** The largest inbound message accepted (default 64 KiB); a larger one closes the connection. */
        public Builder maxInboundMessageBytes(int bytes) {
            this.maxInboundMessageBytes = positive("maxInboundMessageBytes", bytes);
            return this;
        }

        /** How often clients are pinged and checked for staleness and token expiry (default 15 s). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive("heartbeatInterval", interval);
            return this;
        }

        /** A client silent (no pong, no message) for longer than this is disconnected (default 45 s). */
        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = positive("staleAfter", staleAfter);
            return this;
        }

        /** The most HTTP/WebSocket worker threads (default 16) and selector threads (default 1). */
        public Builder threads(int maxThreads, int selectors) {
            if (maxThreads < 4) {
                throw new ValidationException("maxThreads", maxThreads, "must be at least 4");
            }
            this.maxThreads = maxThreads;
            this.selectors = positive("selectors", selectors);
            return this;
        }

        /** The clock for message timestamps, token expiry, rate limits and staleness (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scheduler the heartbeat runs on (default: a thread the server owns and stops at close). An injected
         * scheduler belongs to the caller and is never shut down by the server.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The Jackson mapper payloads are serialized with (default: a plain {@link ObjectMapper}). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Serves the files of {@code directory} over HTTP beside the WebSocket (e.g. a dashboard page). */
        public Builder staticResources(Path directory) {
            Objects.requireNonNull(directory, "directory");
            if (!Files.isDirectory(directory)) {
                throw new ValidationException("staticResources", directory, "must be an existing directory");
            }
            this.staticDirectory = directory;
            this.staticClasspathDirectory = null;
            return this;
        }

        /** Serves a classpath directory (e.g. {@code "dashboard/"} inside a jar) over HTTP beside the WebSocket. */
        public Builder staticClasspathResources(String directory) {
            Objects.requireNonNull(directory, "directory");
            this.staticClasspathDirectory = directory;
            this.staticDirectory = null;
            return this;
        }

        /**
         * Validates the configuration and starts the server.
         *
         * @throws ValidationException naming the field and value of the first bad option (never a secret)
         * @throws MevException if the server cannot bind
         */
        public StreamServer build() {
            if (secret == null && !isLoopback(host)) {
                throw new ValidationException(
                        "host", host, "must be a loopback address when no jwtSecret is configured");
            }
            if (issuer != null && secret == null) {
                throw new ValidationException("jwtIssuer", issuer, "needs a jwtSecret");
            }
            if (staleAfter.compareTo(heartbeatInterval) <= 0) {
                throw new ValidationException("staleAfter", staleAfter, "must be longer than heartbeatInterval");
            }
            if (inboundBurst < inboundPerSecond) {
                throw new ValidationException("inboundBurst", inboundBurst, "must be at least inboundPerSecond");
            }
            if (maxThreads < selectors + 3) {
                throw new ValidationException("maxThreads", maxThreads, "must exceed selectors + 2 acceptor/worker");
            }
            TokenAuthenticator authenticator = secret == null ? null : new TokenAuthenticator(secret, issuer, clock);
            Settings settings = new Settings(
                    clock,
                    authenticator,
                    Set.copyOf(allowedOrigins),
                    replayBufferSize,
                    maxQueuedMessages,
                    maxQueuedBytes,
                    inboundPerSecond,
                    inboundBurst,
                    maxClients,
                    heartbeatInterval,
                    staleAfter);
            return new StreamServer(this, settings);
        }

        static void requireSecret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length < 32) {
                throw ValidationException.redacted("jwtSecret", "must be at least 32 bytes (HS256)");
            }
        }

        private static boolean isLoopback(String host) {
            try {
                InetAddress address = new InetSocketAddress(host, 0).getAddress();
                return address != null && address.isLoopbackAddress();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static int positive(String field, int value) {
            if (value < 1) {
                throw new ValidationException(field, value, "must be positive");
            }
            return value;
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException(field, value, "must be positive");
            }
            return value;
        }
    }
}
