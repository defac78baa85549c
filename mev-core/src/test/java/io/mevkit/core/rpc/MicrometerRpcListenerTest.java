package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.testing.FakeNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/** Micrometer meters, when the application has Micrometer. */
class MicrometerRpcListenerTest {
    @Test
    void exchangesRetriesFailoversAndSendsAreMetered() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        byte[] raw = Hex.decode("0x02abcdef");
        try (FakeNode bad = new FakeNode(31337).failAllBut(new MockResponse().setResponseCode(500));
                FakeNode good = new FakeNode(31337)
                        .result("eth_blockNumber", "0x1")
                        .result("eth_sendRawTransaction", Hash.keccak256(raw).hex());
                RpcClient client = RpcClient.builder()
                        .chainId(31337)
                        .endpoint("bad", bad.url())
                        .endpoint("good", good.url())
                        .timeout(Duration.ofSeconds(5))
                        .addListener(MicrometerRpcListener.create(registry))
                        .build()) {
            client.blockNumber();
            client.sendRawTransaction(raw);
        }
        assertEquals(
                1,
                registry.get("mevkit.rpc.exchanges")
                        .tags("endpoint", "good", "method", "eth_blockNumber", "outcome", "ok")
                        .timer()
                        .count());
        assertEquals(
                1,
                registry.get("mevkit.rpc.exchanges")
                        .tags("endpoint", "bad", "method", "eth_blockNumber", "outcome", "HTTP_STATUS")
                        .timer()
                        .count());
        assertEquals(
                2.0,
                registry.get("mevkit.rpc.failovers").tags("endpoint", "bad", "kind", "HTTP_STATUS").counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum());
        assertEquals(
                1.0,
                registry.get("mevkit.rpc.sends")
                        .tags("outcome", "ACCEPTED", "resend", "false")
                        .counter()
                        .count());
        assertEquals(
                2.0,
                registry.get("mevkit.rpc.chain.checks").tags("matches", "true").counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum());
        assertThrows(NullPointerException.class, () -> MicrometerRpcListener.create(null));
    }
}
