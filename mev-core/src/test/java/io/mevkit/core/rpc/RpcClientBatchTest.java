package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.FakeNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches: answers matched by id in any order, per-request errors, whole-batch failures. */
class RpcClientBatchTest {
    private static final long CHAIN = 31337;
    private static final Address ALICE = Address.of("0x00000000000000000000000000000000000a11ce");
    private final FakeNode node = new FakeNode(CHAIN)
            .result("eth_blockNumber", "0x10")
            .result("eth_getBalance", "0xde0b6b3a7640000")
            .result("eth_gasPrice", "0x3b9aca00")
            .result("eth_getTransactionByHash", null);
    private final RpcRequest<Long> blockNumber = RpcRequest.of("eth_blockNumber", Long.class);
    private final RpcRequest<BigInteger> balance =
            RpcRequest.of("eth_getBalance", BigInteger.class, ALICE, BlockTag.LATEST);
    private final RpcRequest<BigInteger> gasPrice = RpcRequest.of("eth_gasPrice", BigInteger.class);

    @AfterEach
    void stop() {
        node.close();
    }

    private RpcClient client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .endpoint(node.url())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build();
    }

    @Test
    void answersInReverseOrderAreMatchedById() {
        node.batchOrder(entries -> {
            List<JsonNode> reversed = new ArrayList<>(entries);
            Collections.reverse(reversed);
            return reversed;
        });
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(blockNumber, balance, gasPrice));
            assertEquals(16L, result.get(blockNumber));
            assertEquals(new BigInteger("1000000000000000000"), result.get(balance));
            assertEquals(BigInteger.valueOf(1_000_000_000), result.get(gasPrice));
            assertEquals(16L, result.get(0));
            assertTrue(result.allSucceeded());
            assertEquals(3, result.size());
        }
        // one HTTP request for the chain check, one for the whole batch
        assertEquals(2, node.requests().size());
        assertEquals(List.of("eth_chainId", "eth_blockNumber", "eth_getBalance", "eth_gasPrice"), node.methods());
        JsonNode balanceCall = node.calls().get(2);
        assertEquals(ALICE.hex(), balanceCall.path("params").get(0).asText());
        assertEquals("latest", balanceCall.path("params").get(1).asText());
    }

    @Test
    void aMissingAnswerIsThatRequestsTypedErrorOnly() {
        node.batchOrder(entries -> entries.stream()
                .filter(e -> !e.path("result").asText().equals("0x3b9aca00"))
                .toList());
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(blockNumber, balance, gasPrice));
            assertEquals(16L, result.get(blockNumber));
            RpcException missing = assertThrows(RpcException.class, () -> result.get(gasPrice));
            assertEquals(Kind.MISSING_RESPONSE, missing.kind());
            assertEquals("eth_gasPrice", missing.method());
            assertEquals(Kind.MISSING_RESPONSE, result.error(2).orElseThrow().kind());
            assertTrue(result.error(0).isEmpty());
            assertFalse(result.allSucceeded());
        }
    }

    @Test
    void anErrorObjectIsThatRequestsError() {
        node.error("eth_gasPrice", -32601, "the method eth_gasPrice does not exist", null);
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(blockNumber, gasPrice));
            assertEquals(16L, result.get(blockNumber));
            RpcException e = assertThrows(RpcException.class, () -> result.get(gasPrice));
            assertEquals(Kind.RPC_ERROR, e.kind());
            assertEquals("eth_gasPrice", e.method());
            assertEquals(-32601, e.code().orElseThrow());
        }
    }

    @Test
    void aResultThatDoesNotDecodeIsThatRequestsError() {
        node.result("eth_gasPrice", List.of(1, 2));
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(gasPrice, blockNumber));
            assertEquals(Kind.MALFORMED_RESPONSE, result.error(0).orElseThrow().kind());
            assertEquals(16L, result.get(blockNumber));
        }
    }

    @Test
    void aNullResultIsNull() {
        RpcRequest<Transaction> tx = RpcRequest.of(
                "eth_getTransactionByHash", Transaction.class, io.mevkit.core.Hash.of("0x" + "11".repeat(32)));
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(tx, blockNumber));
            assertNull(result.get(tx));
            assertEquals(16L, result.get(blockNumber));
        }
    }

    @Test
    void aResultBeforeItsIdIsStillMatched() {
        node.batchOrder(entries -> entries.stream()
                .map(e -> {
                    ObjectNode reordered = FakeNode.JSON.createObjectNode();
                    reordered.set("result", e.get("result"));
                    reordered.put("jsonrpc", "2.0");
                    reordered.set("id", e.get("id"));
                    return (JsonNode) reordered;
                })
                .toList());
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(balance, blockNumber));
            assertEquals(new BigInteger("1000000000000000000"), result.get(balance));
            assertEquals(16L, result.get(blockNumber));
        }
    }

    @Test
    void anAnswerToAnUnknownIdMakesTheBatchMalformed() {
        node.batchOrder(entries -> entries.stream()
                .map(e -> {
                    ObjectNode copy = e.deepCopy();
                    copy.put("id", 123456789);
                    return (JsonNode) copy;
                })
                .toList());
        try (RpcClient client = client()) {
            RpcException e = assertThrows(RpcException.class, () -> client.batch(List.of(blockNumber, gasPrice)));
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertEquals("batch[eth_blockNumber,eth_gasPrice]", e.method());
        }
    }

    @Test
    void aDuplicateAnswerMakesTheBatchMalformed() {
        node.batchOrder(entries -> List.of(entries.get(0), entries.get(0), entries.get(1)));
        try (RpcClient client = client()) {
            RpcException e = assertThrows(RpcException.class, () -> client.batch(List.of(blockNumber, gasPrice)));
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertTrue(e.getMessage().contains("twice"), e.getMessage());
        }
    }

    @Test
    void aSingleErrorInPlaceOfTheBatchFailsItAsAWhole() {
        node.override(m -> m.equals("batch")
                ? new MockResponse()
                        .setBody(
                                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}")
                : null);
        try (RpcClient client = client()) {
            RpcException e = assertThrows(RpcException.class, () -> client.batch(List.of(blockNumber, gasPrice)));
            assertEquals(Kind.RPC_ERROR, e.kind());
            assertEquals(-32600, e.code().orElseThrow());
            assertEquals("batch[eth_blockNumber,eth_gasPrice]", e.method());
        }
    }

    @Test
    void aBatchOfReadsFailsOverAsAWhole() {
        try (FakeNode broken = new FakeNode(CHAIN).failAllBut(new MockResponse().setResponseCode(500));
                RpcClient client = RpcClient.builder()
                        .chainId(CHAIN)
                        .endpoint("broken", broken.url())
                        .endpoint("good", node.url())
                        .maxRetries(0)
                        .build()) {
            BatchResult result = client.batch(List.of(blockNumber, gasPrice));
            assertEquals(16L, result.get(blockNumber));
            assertEquals(
                    1,
                    broken.methods().stream().filter("eth_blockNumber"::equals).count());
        }
    }

    @Test
    void batchLabelsAreShort() {
        try (RpcClient client = client()) {
            node.failAllBut(new MockResponse().setResponseCode(400));
            List<RpcRequest<?>> many = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                many.add(blockNumber);
            }
            RpcException e = assertThrows(RpcException.class, () -> client.batch(many));
            assertEquals("batch[eth_blockNumber,eth_blockNumber,eth_blockNumber,eth_blockNumber,+3]", e.method());
        }
    }

    @Test
    void requestsOutsideTheBatchAreRejected() {
        try (RpcClient client = client()) {
            BatchResult result = client.batch(List.of(blockNumber));
            assertThrows(IllegalArgumentException.class, () -> result.get(gasPrice));
            assertThrows(IllegalArgumentException.class, () -> client.batch(List.of()));
        }
    }
}
