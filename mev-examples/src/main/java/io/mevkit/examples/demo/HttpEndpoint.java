package io.mevkit.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthRegistry;
import io.mevkit.core.health.HealthReport;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's loopback HTTP endpoint: {@code GET /health} is the health registry's report as JSON (HTTP 200 when UP or
 * DEGRADED, 503 when DOWN), {@code GET /metrics} the Prometheus text exposition. One daemon thread; {@link #close()}
 * stops it.
 */
final class HttpEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;

    HttpEndpoint(int port, HealthRegistry health, PrometheusMeterRegistry metrics) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", exchange -> {
            HealthReport report = health.evaluate();
            int status = report.status() == Health.Status.DOWN ? 503 : 200;
            respond(exchange, status, "application/json", JSON.writeValueAsString(toJson(report)));
        });
        server.createContext(
                "/metrics",
                exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.start();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static ObjectNode toJson(HealthReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", report.status().name());
        root.put("evaluatedAt", report.evaluatedAt().toString());
        ObjectNode checks = root.putObject("checks");
        for (Map.Entry<String, Health> e : report.checks().entrySet()) {
            ObjectNode c = checks.putObject(e.getKey());
            c.put("status", e.getValue().status().name());
            ObjectNode details = c.putObject("details");
            e.getValue().details().forEach(details::put);
        }
        return root;
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
