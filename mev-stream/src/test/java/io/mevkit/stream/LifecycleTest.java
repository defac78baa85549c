package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import io.mevkit.core.health.Health;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .collect(Collectors.toSet());
    }

    @Test
    void afterCloseNoServerThreadRemainsAndClientsAreToldTheServerIsGoing() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-client"));
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        Set<Thread> before = liveThreads();
        StreamServer server =
                StreamServer.builder().heartbeatInterval(Duration.ofMillis(20)).build();
        TestClient c = TestClient.open(http, server.uri(), null);
        c.next("welcome");
        c.subscribe("node_status");
        server.publish(Channel.NODE_STATUS, Map.of("up", true));
        c.next("event");
        assertTrue(
                liveThreads().stream().anyMatch(t -> t.getName().startsWith("mev-stream-")),
                "the server runs named threads");

        server.close();
        server.close();
        assertEquals(1001, c.closed.get(20, TimeUnit.SECONDS));
        assertEquals(1, server.stats().disconnects(DisconnectReason.SERVER_SHUTDOWN));
        assertThrows(IllegalStateException.class, () -> server.publish(Channel.NODE_STATUS, Map.of()));
        assertEquals(Health.Status.DOWN, server.healthCheck().check().status());
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(20, TimeUnit.SECONDS));
        Await.until(
                () -> liveThreads().stream()
                        .filter(t -> !before.contains(t))
                        // the JDK HttpClient's selector thread belongs to the test's client and ends with it
                        .noneMatch(t -> !t.getName().startsWith("HttpClient-")),
                () -> "threads left: "
                        + liveThreads().stream()
                                .filter(t -> !before.contains(t))
                                .map(Thread::getName)
                                .collect(Collectors.toList()));
    }

    @Test
    void anInjectedSchedulerRunsTheHeartbeatAndIsNotShutDownByClose() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            StreamServer server = StreamServer.builder().scheduler(scheduler).build();
            server.close();
            assertFalse(scheduler.isShutdown());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void healthIsUpWithDetailsWhileRunning() throws Exception {
        try (StreamServer server = StreamServer.builder().build()) {
            Health health = server.healthCheck().check();
            assertEquals(Health.Status.UP, health.status());
            assertEquals("0", health.details().get("clients"));
            assertEquals(Integer.toString(server.port()), health.details().get("port"));
        }
    }

    @Test
    void metersFollowTheStats() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamServer server = StreamServer.builder().build()) {
            new StreamMeters(server).bindTo(registry);
            TestClient c = TestClient.open(http, server.uri(), null);
            c.next("welcome");
            c.subscribe("gas_prices");
            for (int i = 0; i < 3; i++) {
                server.publish(Channel.GAS_PRICES, Map.of("i", i));
                c.next("event");
            }
            assertEquals(1.0, registry.get("mevkit.stream.clients").gauge().value());
            assertEquals(
                    3.0,
                    registry.get("mevkit.stream.published")
                            .tag("channel", "gas_prices")
                            .functionCounter()
                            .count());
            assertEquals(
                    0.0,
                    registry.get("mevkit.stream.published")
                            .tag("channel", "bundles")
                            .functionCounter()
                            .count());
            assertEquals(
                    5.0,
                    registry.get("mevkit.stream.delivered").functionCounter().count());
            c.close();
            Await.until(() -> server.stats().clients() == 0, () -> "client gone");
            assertEquals(
                    1.0,
                    registry.get("mevkit.stream.disconnects")
                            .tag("reason", "client_closed")
                            .functionCounter()
                            .count());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void servesAStaticDirectoryBesideTheWebSocket(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("index.html"), "<h1>dashboard</h1>");
        Files.writeString(dir.resolve("app.js"), "console.log(1)");
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        try (StreamServer server = StreamServer.builder().staticResources(dir).build()) {
            URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
            HttpResponse<String> index =
                    http.send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertEquals("<h1>dashboard</h1>", index.body());
            HttpResponse<String> js = http.send(
                    HttpRequest.newBuilder(base.resolve("app.js")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("console.log(1)", js.body());
            HttpResponse<String> missing = http.send(
                    HttpRequest.newBuilder(base.resolve("nope.txt")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
            TestClient c = TestClient.open(http, server.uri(), null);
            c.next("welcome");
            c.close();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void servesAClasspathDirectory() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(executor).build();
        try (StreamServer server = StreamServer.builder()
                .staticClasspathResources("dashboard-test/")
                .build()) {
            HttpResponse<String> index = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/index.html"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("stream test page"));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void badOptionsFailNamingTheFieldAndValue() {
        List<Runnable> bad = List.of(
                () -> StreamServer.builder().port(70000),
                () -> StreamServer.builder().path("stream"),
                () -> StreamServer.builder().allowOrigin("ops.example.com"),
                () -> StreamServer.builder().replayBufferSize(0),
                () -> StreamServer.builder().maxQueued(0, 1),
                () -> StreamServer.builder().inboundRateLimit(10, 0),
                () -> StreamServer.builder().heartbeatInterval(Duration.ZERO),
                () -> StreamServer.builder().threads(2, 1),
                () -> StreamServer.builder()
                        .heartbeatInterval(Duration.ofSeconds(30))
                        .staleAfter(Duration.ofSeconds(10))
                        .build(),
                () -> StreamServer.builder().inboundRateLimit(10, 5).build(),
                () -> StreamServer.builder().jwtIssuer("me").build(),
                () -> StreamServer.builder()
                        .staticClasspathResources("no-such-dir/")
                        .build());
        for (Runnable r : bad) {
            ValidationException e = assertThrows(ValidationException.class, r::run);
            assertFalse(e.field().isBlank());
        }
        ValidationException port = assertThrows(
                ValidationException.class, () -> StreamServer.builder().port(70000));
        assertEquals("port", port.field());
        assertEquals("70000", String.valueOf(port.value()));
    }
}
