package io.mevkit.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's HTTP endpoint while it runs: /health as JSON, /metrics as Prometheus text with the demo's counters. */
class DemoRunnerIT {
    @TempDir
    Path dir;

    @Test
    void healthAndMetricsAreServedWhileTheDemoRuns() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> health = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String[] url = new String[1];
        DemoRunner.Result result =
                DemoRunner.run(new DemoRunner.Options(7, 2, dir.resolve("d.db"), 0), new DemoRunner.Progress() {
                    @Override
                    public void started(String httpUrl) {
                        url[0] = httpUrl;
                    }

                    @Override
                    public void onBlock(int block, int of, Searcher.Summary summary) {
                        if (block == 2) {
                            HttpResponse<String> h = get(http, url[0] + "/health");
                            statuses.add(h.statusCode());
                            health.add(h.body());
                            metrics.add(get(http, url[0] + "/metrics").body());
                        }
                    }
                });
        assertEquals(2, result.summary().victimsSeen());
        assertEquals(List.of(200), statuses);
        JsonNode report = readTree(health.get(0));
        assertEquals("UP", report.get("status").asText(), health.get(0));
        for (String check : List.of("rpc", "store", "ws", "oracle.chainlink", "oracle.uniswap-v3-twap")) {
            assertEquals("UP", report.path("checks").path(check).path("status").asText(), check + ": " + health);
        }
        String text = metrics.get(0);
        assertTrue(text.contains("demo_victims_seen_total 2.0"), text);
        assertTrue(text.contains("# TYPE"), text);
    }

    private static HttpResponse<String> get(HttpClient http, String url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
