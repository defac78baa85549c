package io.mevkit.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token cache's meters against a scripted node: hits, misses, size and failures by reason. */
class TokenCacheMetricsTest {
    private static final Address GOOD = Address.of("0x1111111111111111111111111111111111111111");
    private static final Address BAD = Address.of("0x2222222222222222222222222222222222222222");
    private static final String ABC =
            "0x" + "00".repeat(31) + "20" + "00".repeat(31) + "03" + "414243" + "00".repeat(29);

    private static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void hitsMissesSizeAndFailuresByReasonAreMetered() {
        try (FakeNode node = new FakeNode(31337)) {
            node.on("eth_call", request -> {
                String to = request.get("params").get(0).get("to").asText();
                String data = request.get("params").get(0).get("data").asText();
                if (data.equals("0x313ce567")) {
                    // 18 decimals for the good token, 256 (not a uint8) for the bad one
                    return FakeNode.response(
                            request, "0x" + "00".repeat(30) + (to.equalsIgnoreCase(GOOD.hex()) ? "0012" : "0100"));
                }
                return FakeNode.response(request, ABC);
            });
            try (RpcClient client = RpcClient.builder()
                    .chainId(31337)
                    .endpoint(node.url())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                MeterRegistry registry = new SimpleMeterRegistry();
                TokenMetadataClient tokens = TokenCacheMetrics.bind(
                        TokenMetadataClient.builder()
                                .client(client)
                                .chain(Chains.ANVIL)
                                .build(),
                        registry);
                tokens.getAll(List.of(GOOD, BAD));
                tokens.getAll(List.of(GOOD, BAD));
                tokens.get(GOOD);

                assertEquals(2.0, counter(registry, "mevkit.token.cache.misses", "chain", "31337"));
                assertEquals(3.0, counter(registry, "mevkit.token.cache.hits", "chain", "31337"));
                assertEquals(
                        2.0,
                        registry.get("mevkit.token.cache.size")
                                .tags("chain", "31337")
                                .gauge()
                                .value());
                assertEquals(
                        1.0,
                        counter(registry, "mevkit.token.load.failures", "chain", "31337", "reason", "BAD_DECIMALS"));
                assertEquals(
                        0.0, counter(registry, "mevkit.token.load.failures", "chain", "31337", "reason", "REVERTED"));
                assertEquals(0.0, counter(registry, "mevkit.token.cache.evictions", "chain", "31337"));
            }
        }
    }
}
