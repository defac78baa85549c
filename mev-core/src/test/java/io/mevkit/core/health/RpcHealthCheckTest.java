package io.mevkit.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.health.Health.Status;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import io.mevkit.core.testing.ManualScheduler;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RPC endpoints contribute a health check: probed with eth_chainId, with circuit, chain check and last error. */
class RpcHealthCheckTest {
    private static RpcClient.Builder client() {
        return RpcClient.builder().chainId(31337).timeout(Duration.ofSeconds(2)).maxRetries(0);
    }

    @Test
    void anEndpointThatAnswersOnTheRightChainIsUp() throws Exception {
        try (FakeNode node = new FakeNode(31337);
                RpcClient client = client().endpoint("main", node.url()).build()) {
            Health health = client.healthCheck().check();
            assertEquals(Status.UP, health.status());
            assertEquals("UP", health.details().get("main.state"));
            assertEquals("CLOSED", health.details().get("main.circuit"));
            assertEquals("MATCHES", health.details().get("main.chain"));
            assertEquals("31337", health.details().get("main.chainId"));
            assertTrue(health.details().containsKey("main.probeLatencyMs"));
            assertEquals("1/1", health.details().get("usableEndpoints"));
        }
    }

    @Test
    void theCheckGoesDownWhenTheEndpointGoesDown() throws Exception {
        ManualScheduler scheduler = new ManualScheduler();
        FakeNode node = new FakeNode(31337);
        try (RpcClient client = client().endpoint("main", node.url()).build();
                HealthRegistry registry = HealthRegistry.builder()
                        .scheduler(scheduler)
                        .interval(Duration.ofSeconds(5))
                        .build()
                        .register("rpc", client.healthCheck(Duration.ofSeconds(3)))) {
            registry.start();
            scheduler.runDue();
            assertEquals(Status.UP, registry.latest().orElseThrow().status());

            node.close();
            scheduler.advance(Duration.ofSeconds(5));
            HealthReport report = registry.latest().orElseThrow();
            assertEquals(Status.DOWN, report.status());
            Map<String, String> details = report.checks().get("rpc").details();
            assertEquals("DOWN", details.get("main.state"));
            assertEquals("TRANSPORT", details.get("main.probeError"));
            assertTrue(details.get("main.lastError").startsWith("TRANSPORT"), details.toString());
            assertTrue(details.containsKey("main.lastErrorAt"));
            assertEquals("0/1", details.get("usableEndpoints"));
        }
    }

    @Test
    void oneOfTwoEndpointsDownIsDegraded() throws Exception {
        FakeNode dead = new FakeNode(31337);
        String deadUrl = dead.url();
        dead.close();
        try (FakeNode node = new FakeNode(31337);
                RpcClient client = client().endpoint("a", deadUrl)
                        .endpoint("b", node.url())
                        .build()) {
            Health health = client.healthCheck().check();
            assertEquals(Status.DEGRADED, health.status());
            assertEquals("DOWN", health.details().get("a.state"));
            assertEquals("UP", health.details().get("b.state"));
            assertEquals("1/2", health.details().get("usableEndpoints"));
        }
    }

    @Test
    void anEndpointOnTheWrongChainIsReportedAndDown() throws Exception {
        try (FakeNode node = new FakeNode(1);
                RpcClient client = client().endpoint("main", node.url()).build()) {
            Health health = client.healthCheck().check();
            assertEquals(Status.DOWN, health.status());
            assertEquals("WRONG_CHAIN", health.details().get("main.state"));
            assertEquals("WRONG_CHAIN", health.details().get("main.chain"));
            assertEquals("1", health.details().get("main.chainId"));
        }
    }
}
