package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.FakeNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The typed helpers: what they send and how they decode. The block fixture is built by hand in the shape of a
 * Prague-era mainnet block (withdrawals, blob gas, requests hash; legacy, EIP-2930, EIP-1559, blob, EIP-7702 and
 * contract-creating transactions); values are made up, so the checks compare against the fixture's own JSON.
 */
class RpcDecodingTest {
    private static final long CHAIN = 31337;
    private static final Address TOKEN = Address.of("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    private static final Hash TRANSFER = Hash.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    private final FakeNode node = new FakeNode(CHAIN);

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

    static byte[] resource(String name) {
        try (InputStream in = RpcDecodingTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode fixtureBlock() throws IOException {
        return FakeNode.JSON.readTree(resource("mainnet-shaped-block.json")).get("result");
    }

    @Test
    void fullBlockDecodesEveryFieldExactly() throws IOException {
        JsonNode raw = fixtureBlock();
        node.result("eth_getBlockByNumber", raw);
        try (RpcClient client = client()) {
            Block block =
                    client.getBlockByNumber(BlockTag.number(0x1506d4e), true).orElseThrow();
            RawJson.assertBlock(raw, block);
            assertEquals(6, block.transactions().size());
            assertTrue(block.hasFullTransactions());
            assertEquals(
                    List.of(0, 1, 2, 3, 4, 2),
                    block.transactions().stream().map(Transaction::type).toList());
            Transaction blob = block.transactions().get(3);
            assertEquals(2, blob.blobVersionedHashes().size());
            assertEquals(
                    BigInteger.valueOf(1_000_000_000), blob.maxFeePerBlobGas().orElseThrow());
            assertTrue(block.transactions().get(5).isContractCreation());
            assertEquals(OptionalLongs.of(1), block.transactions().get(0).chainId());
            assertEquals(
                    new BigInteger("200000000000000000"),
                    block.transactions().get(0).value());
        }
        JsonNode sent = node.calls().get(1);
        assertEquals("eth_getBlockByNumber", sent.path("method").asText());
        assertEquals("0x1506d4e", sent.path("params").get(0).asText());
        assertTrue(sent.path("params").get(1).asBoolean());
    }

    @Test
    void blockWithHashesOnlyKeepsTheHashes() throws IOException {
        JsonNode raw = fixtureBlock().deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode hashes = FakeNode.JSON.createArrayNode();
        raw.path("transactions").forEach(tx -> hashes.add(tx.path("hash").asText()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) raw).set("transactions", hashes);
        node.result("eth_getBlockByNumber", raw);
        try (RpcClient client = client()) {
            Block block = client.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
            RawJson.assertBlock(raw, block);
            assertEquals(List.of(), block.transactions());
            assertEquals(6, block.transactionHashes().size());
            assertFalse(block.hasFullTransactions());
        }
        assertEquals("latest", node.calls().get(1).path("params").get(0).asText());
        assertFalse(node.calls().get(1).path("params").get(1).asBoolean());
    }

    @Test
    void missingBlockIsEmpty() {
        node.result("eth_getBlockByNumber", null);
        try (RpcClient client = client()) {
            assertEquals(Optional.empty(), client.getBlockByNumber(BlockTag.number(99_999_999), true));
        }
    }

    @Test
    void aBadFieldInABlockIsMalformedNamingTheField() throws IOException {
        JsonNode raw = fixtureBlock().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        raw.path("transactions").get(2))
                .put("from", "0x1234");
        node.result("eth_getBlockByNumber", raw);
        try (RpcClient client = client()) {
            RpcException e = assertThrows(RpcException.class, () -> client.getBlockByNumber(BlockTag.LATEST, true));
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertEquals("eth_getBlockByNumber", e.method());
            assertTrue(e.getMessage().contains("from"), e.getMessage());
        }
    }

    @Test
    void rpcJsonDecodesARecordedResponseAsTheClientDoes() throws IOException {
        Block block = RpcJson.decodeResult("eth_getBlockByNumber", resource("mainnet-shaped-block.json"), Block.class);
        RawJson.assertBlock(fixtureBlock(), block);
        RpcException e = assertThrows(
                RpcException.class,
                () -> RpcJson.decodeResult(
                        "eth_getBlockByNumber",
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"boom\"}}".getBytes(),
                        Block.class));
        assertEquals(Kind.RPC_ERROR, e.kind());
    }

    @Test
    void transactionByHashToleratesFieldsItDoesNotModel() throws IOException {
        JsonNode raw = fixtureBlock().path("transactions").get(4); // EIP-7702, with an authorization list
        node.result("eth_getTransactionByHash", raw);
        try (RpcClient client = client()) {
            Transaction tx = client.getTransactionByHash(
                            Hash.of(raw.path("hash").asText()))
                    .orElseThrow();
            RawJson.assertTransaction(raw, tx);
            assertEquals(4, tx.type());
        }
        assertEquals(
                raw.path("hash").asText(),
                node.calls().get(1).path("params").get(0).asText());
    }

    @Test
    void receiptAndItsLogsDecodeExactly() throws IOException {
        JsonNode raw = FakeNode.JSON.readTree(
                """
                {"blockHash":"0x6f0e2bd8d3a6b3c06e5e1b4b0e5b9c5e8f6b2d4a7c3e9f1a0b2c4d6e8f0a1b2c","blockNumber":"0x1506d4e",
                 "contractAddress":null,"cumulativeGasUsed":"0x2f1a3","effectiveGasPrice":"0x1b5f2a3d8",
                 "from":"0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad","gasUsed":"0x1d4c0","logsBloom":"0x00",
                 "status":"0x1","to":"0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad",
                 "transactionHash":"0x2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b","transactionIndex":"0x2","type":"0x2",
                 "logs":[{"address":"0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
                   "topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
                             "0x0000000000000000000000003fc91a3afd70395cd496c647d5a6cc9d4b2b7fad",
                             "0x0000000000000000000000000d4a11d5eeaac28ec3f61d100daf4d40471f1852"],
                   "data":"0x0000000000000000000000000000000000000000000000000de0b6b3a7640000",
                   "blockNumber":"0x1506d4e","transactionHash":"0x2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b",
                   "transactionIndex":"0x2","blockHash":"0x6f0e2bd8d3a6b3c06e5e1b4b0e5b9c5e8f6b2d4a7c3e9f1a0b2c4d6e8f0a1b2c",
                   "logIndex":"0x7","removed":false}]}
                """);
        node.result("eth_getTransactionReceipt", raw);
        try (RpcClient client = client()) {
            TransactionReceipt receipt = client.getTransactionReceipt(
                            Hash.of(raw.path("transactionHash").asText()))
                    .orElseThrow();
            RawJson.assertReceipt(raw, receipt);
            assertTrue(receipt.succeeded());
            assertEquals(new BigInteger("1b5f2a3d8", 16).multiply(BigInteger.valueOf(0x1d4c0)), receipt.fee());
            assertEquals(
                    new BigInteger("1000000000000000000"),
                    new BigInteger(1, receipt.logs().get(0).dataBytes()));
        }
    }

    @Test
    void getLogsSendsTheFilterAndDecodesTheLogs() {
        Hash from = Hash.of("0x0000000000000000000000003fc91a3afd70395cd496c647d5a6cc9d4b2b7fad");
        Hash to1 = Hash.of("0x0000000000000000000000000d4a11d5eeaac28ec3f61d100daf4d40471f1852");
        Hash to2 = Hash.of("0x000000000000000000000000c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2");
        node.result(
                "eth_getLogs",
                List.of(Map.of(
                        "address",
                        TOKEN.hex(),
                        "topics",
                        List.of(TRANSFER.hex(), from.hex(), to1.hex()),
                        "data",
                        "0x01",
                        "blockNumber",
                        "0x10",
                        "blockHash",
                        "0x" + "ab".repeat(32),
                        "transactionHash",
                        "0x" + "cd".repeat(32),
                        "transactionIndex",
                        "0x0",
                        "logIndex",
                        "0x3",
                        "removed",
                        true)));
        LogFilter filter = LogFilter.builder()
                .fromBlock(BlockTag.number(1))
                .toBlock(BlockTag.LATEST)
                .address(TOKEN)
                .topic(0, TRANSFER)
                .topic(2, to1, to2)
                .build();
        try (RpcClient client = client()) {
            List<Log> logs = client.getLogs(filter);
            assertEquals(1, logs.size());
            Log log = logs.get(0);
            assertEquals(TOKEN, log.address());
            assertEquals(List.of(TRANSFER, from, to1), log.topics());
            assertArrayEquals(new byte[] {1}, log.dataBytes());
            assertEquals(16, log.blockNumber().orElseThrow());
            assertEquals(3, log.logIndex().orElseThrow());
            assertTrue(log.removed());
        }
        JsonNode sent = node.calls().get(1).path("params").get(0);
        assertEquals(
                "{\"fromBlock\":\"0x1\",\"toBlock\":\"latest\",\"address\":[\"" + TOKEN.hex() + "\"],\"topics\":[[\""
                        + TRANSFER.hex() + "\"],null,[\"" + to1.hex() + "\",\"" + to2.hex() + "\"]]}",
                sent.toString());
    }

    @Test
    void feeHistoryKeepsTheRatiosExactlyAsWritten() throws IOException {
        node.on("eth_feeHistory", req -> {
            try {
                return FakeNode.response(
                        req,
                        FakeNode.JSON.readTree(
                                """
                                {"oldestBlock":"0x1506d4b","baseFeePerGas":["0x1b1c5a3d8","0x1a2b3c4d5","0x1c0ffee00","0x1b000000a"],
                                 "gasUsedRatio":[0.5160936,0.3999,0.99999999999999999],
                                 "reward":[["0x3b9aca00","0x77359400"],["0x1","0x2"],["0x0","0x5f5e100"]],
                                 "baseFeePerBlobGas":["0x1","0x1","0x2","0x2"],"blobGasUsedRatio":[0.5,0.0,1.0]}
                                """));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (RpcClient client = client()) {
            FeeHistory history = client.feeHistory(3, BlockTag.LATEST, 25, 75);
            assertEquals(0x1506d4bL, history.oldestBlock());
            assertEquals(3, history.blockCount());
            assertEquals(new BigInteger("1b000000a", 16), history.nextBaseFeePerGas());
            assertEquals(
                    new BigDecimal("0.99999999999999999"),
                    history.gasUsedRatio().get(2));
            assertEquals(
                    List.of(BigInteger.valueOf(1_000_000_000), BigInteger.valueOf(2_000_000_000)),
                    history.reward().get(0));
            assertEquals(4, history.baseFeePerBlobGas().size());
        }
        JsonNode params = node.calls().get(1).path("params");
        assertEquals("[\"0x3\",\"latest\",[25.0,75.0]]", params.toString());
    }

    @Test
    void feeHistoryRejectsBadArgumentsBeforeSending() {
        try (RpcClient client = client()) {
            assertEquals(
                    "blockCount",
                    assertThrows(ValidationException.class, () -> client.feeHistory(0, BlockTag.LATEST))
                            .field());
            assertEquals(
                    "rewardPercentiles",
                    assertThrows(ValidationException.class, () -> client.feeHistory(4, BlockTag.LATEST, 50, 10))
                            .field());
        }
        assertEquals(List.of(), node.methods());
    }

    @Test
    void callSendsHexDataAndReturnsBytes() {
        node.result("eth_call", "0x0000000000000000000000000000000000000000000000000000000000000012");
        try (RpcClient client = client()) {
            byte[] out = client.call(TOKEN, Hex.decode("0x313ce567"), BlockTag.number(0x10));
            assertEquals(18, new BigInteger(1, out).intValue());
        }
        JsonNode params = node.calls().get(1).path("params");
        assertEquals(
                "{\"to\":\"" + TOKEN.hex() + "\",\"data\":\"0x313ce567\"}",
                params.get(0).toString());
        assertEquals("0x10", params.get(1).asText());
    }

    @Test
    void quantitiesDecodeExactlyBeyondLongRange() {
        node.result("eth_getBalance", "0x1d6329f1c35ca4bfabb9f5610000000000");
        node.result("eth_getTransactionCount", "0x1f4a2");
        node.result("eth_chainId", "0x7a69");
        node.result("eth_blockNumber", "0x1506d4e");
        try (RpcClient client = client()) {
            assertEquals(
                    new BigInteger("1d6329f1c35ca4bfabb9f5610000000000", 16),
                    client.getBalance(TOKEN, BlockTag.PENDING));
            assertEquals(0x1f4a2L, client.getTransactionCount(TOKEN, BlockTag.PENDING));
            assertEquals(31337L, client.chainId());
            assertEquals(0x1506d4eL, client.blockNumber());
        }
    }

    @Test
    void aGenericCallBindsAnyJacksonType() {
        node.result("web3_clientVersion", "anvil/v1.7.1");
        node.result("eth_accounts", List.of(TOKEN.hex()));
        try (RpcClient client = client()) {
            assertEquals("anvil/v1.7.1", client.call("web3_clientVersion", List.of(), String.class));
            List<Address> accounts = client.call(
                    "eth_accounts",
                    List.of(),
                    com.fasterxml.jackson.databind.type.TypeFactory.defaultInstance()
                            .constructCollectionType(List.class, Address.class));
            assertEquals(List.of(TOKEN), accounts);
            JsonNode tree = client.call("eth_accounts", List.of(), JsonNode.class);
            assertEquals(TOKEN.hex(), tree.get(0).asText());
        }
    }

    /** OptionalLong equality helper, to keep the assertions above readable. */
    private static final class OptionalLongs {
        static java.util.OptionalLong of(long v) {
            return java.util.OptionalLong.of(v);
        }
    }
}
