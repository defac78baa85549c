package io.mevkit.core.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Chains;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Chains without a formula against a scripted node. */
class GasOracleTest {

    private static RpcClient client(FakeNode node, long chainId) {
        return RpcClient.builder()
                .chainId(chainId)
                .endpoint(node.url())
                .maxRetries(0)
                .timeout(Duration.ofSeconds(5))
                .build();
    }

    @Test
    void aNodeProvidedChainAsksFeeHistoryForTheNextBaseFee() {
        try (FakeNode node = new FakeNode(42161)) {
            node.result(
                    "eth_feeHistory",
                    Map.of(
                            "oldestBlock", "0x64",
                            "baseFeePerGas", List.of("0x989680", "0x98b9c0"),
                            "gasUsedRatio", List.of(0.5)));
            try (RpcClient client = client(node, 42161)) {
                NextBaseFee next = GasOracle.of(client, Chains.ARBITRUM).nextBaseFee();
                assertEquals(101, next.blockNumber());
                assertEquals(BigInteger.valueOf(0x98b9c0), next.baseFee());
                assertEquals(NextBaseFee.Source.NODE, next.source());
                assertTrue(next.step().isEmpty());
            }
        }
    }

    @Test
    void withoutFeeHistoryTheNodesPendingBlockIsAsked() {
        try (FakeNode node = new FakeNode(42161)) {
            node.error("eth_feeHistory", -32601, "the method eth_feeHistory does not exist", null);
            node.on("eth_getBlockByNumber", request -> {
                assertEquals("pending", request.get("params").get(0).asText());
                return FakeNode.response(request, pendingBlock());
            });
            try (RpcClient client = client(node, 42161)) {
                NextBaseFee next = GasOracle.of(client, Chains.ARBITRUM).nextBaseFee();
                assertEquals(BigInteger.valueOf(0x1234), next.baseFee());
                assertEquals(0x65, next.blockNumber());
                assertEquals(
                        List.of("eth_feeHistory", "eth_getBlockByNumber"),
                        node.methods().stream()
                                .filter(m -> !m.equals("eth_chainId"))
                                .toList());
            }
        }
    }

    @Test
    void aZeroBaseFeeChainNeedsNoCallForTheParentsSuccessor() {
        try (FakeNode node = new FakeNode(56)) {
            node.on("eth_getBlockByNumber", request -> FakeNode.response(request, pendingBlock()));
            try (RpcClient client = client(node, 56)) {
                NextBaseFee next = GasOracle.of(client, Chains.BSC).nextBaseFee();
                assertEquals(BigInteger.ZERO, next.baseFee());
                assertEquals(NextBaseFee.Source.ZERO, next.source());
                assertEquals(0x66, next.blockNumber());
            }
        }
    }

    private static Map<String, Object> pendingBlock() {
        String zero32 = "0x" + "00".repeat(32);
        return Map.ofEntries(
                Map.entry("number", "0x65"),
                Map.entry("parentHash", zero32),
                Map.entry("sha3Uncles", zero32),
                Map.entry("transactionsRoot", zero32),
                Map.entry("stateRoot", zero32),
                Map.entry("receiptsRoot", zero32),
                Map.entry("difficulty", "0x0"),
                Map.entry("extraData", "0x"),
                Map.entry("gasLimit", "0x1c9c380"),
                Map.entry("gasUsed", "0x0"),
                Map.entry("timestamp", "0x6553f100"),
                Map.entry("baseFeePerGas", "0x1234"),
                Map.entry("uncles", List.of()),
                Map.entry("transactions", List.of()));
    }
}
