package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class WsMetersTest {
    @Test
    void metersReadTheClientsStats() {
        try (FakeNode node = new FakeNode(new FakeChain(3), 31337);
                WsClient client = WsClientTest.fast(node.endpoint()).build()) {
            client.awaitConnected(WsClientTest.WAIT);
            client.subscribeNewHeads(new Recorder<>());
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new WsMeters(client, Tags.of("chain", "test")).bindTo(registry);
            assertEquals(
                    1.0,
                    registry.get("mevkit.ws.connected")
                            .tag("chain", "test")
                            .gauge()
                            .value());
            assertEquals(
                    1.0, registry.get("mevkit.ws.connects").functionCounter().count());
            assertEquals(1.0, registry.get("mevkit.ws.subscriptions").gauge().value());
            node.sendRaw("{oops");
            long deadline = System.nanoTime() + WsClientTest.WAIT.toNanos();
            while (registry.get("mevkit.ws.frames.malformed").functionCounter().count() < 1) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("malformed frame not counted");
                }
                WsClientTest.sleep(2);
            }
            assertEquals(
                    1.0,
                    registry.get("mevkit.ws.frames.malformed").functionCounter().count());
        }
    }
}
