package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each builder dialect against a MockWebServer: every request asserted byte for byte (method, headers, body), the
 * signature header recovering to the reputation key over the exact bytes received, answers from the public fixtures
 * decoded into typed results.
 */
class BuilderClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // go-utils' public test key: a reputation key only
    private static final FlashbotsSigner REPUTATION =
            FlashbotsSigner.of("0xfad9c8855b740a0b7ed4c221dbad0f33a83a49cad6b3fe8d5817ac83d38b6a19");
    private static final PrivateKeySigner FUNDS =
            PrivateKeySigner.of("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
    private static final String UUID = "2b4e6c3a-8f1d-4e5b-9a7c-1d2e3f405162";

    private MockWebServer server;
    private SignedTx tx0;
    private SignedTx tx1;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        tx0 = FUNDS.sign(transfer(0));
        tx1 = FUNDS.sign(transfer(1));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static Eip1559Tx transfer(long nonce) {
        return Eip1559Tx.builder()
                .chainId(1)
                .nonce(nonce)
                .maxPriorityFeePerGas(BigInteger.valueOf(2_000_000_000L))
                .maxFeePerGas(BigInteger.valueOf(40_000_000_000L))
                .gasLimit(21_000)
                .to(Address.of("0x73625f59CAdc5009Cb458B751b3E7b6b48C06f2C"))
                .value(BigInteger.ONE)
                .build();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = BuilderClientTest.class.getResourceAsStream("/flashbots/" + name)) {
            return JSON.readTree(in);
        }
    }

    private BuilderClient client(BuilderDialect dialect) {
        return BuilderClient.builder()
                .endpoint(new BuilderEndpoint("mock", server.url("/rpc").uri(), dialect))
                .signer(REPUTATION)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private void answer(JsonNode result) {
        ObjectNode envelope = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "123");
        envelope.set("result", result);
        server.enqueue(new MockResponse().setBody(envelope.toString()));
    }

    /** Takes the request and checks everything but the body; returns the exact body text. */
    private String take(String expectedMethod) throws InterruptedException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertEquals("POST", r.getMethod());
        assertEquals("/rpc", r.getPath());
        assertEquals("application/json", r.getHeader("Content-Type"));
        byte[] body = r.getBody().readByteArray();
        String header = r.getHeader(FlashbotsSigner.HEADER);
        assertEquals(REPUTATION.header(body), header);
        assertEquals(REPUTATION.address(), FlashbotsSigner.verify(header, body));
        String text = new String(body, StandardCharsets.UTF_8);
        assertEquals(expectedMethod, readTree(text).get("method").asText());
        return text;
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Bundle.Builder docsBundle() {
        return Bundle.of(List.of(tx0, tx1)).blockNumber(0xb63dcdL).timestamps(0, 1615920932);
    }

    @Test
    void sendBundleIsTheDocumentedRequestWithRealTransactions() throws Exception {
        JsonNode pair = fixture("eth_sendBundle.json");
        answer(pair.get("response").get("result"));
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            Hash hash = client.sendBundle(docsBundle().build());
            assertEquals(Hash.of(pair.at("/response/result/bundleHash").asText()), hash);
        }
        String body = take("eth_sendBundle");
        ObjectNode expected = (ObjectNode) pair.get("request").deepCopy();
        ArrayNode txs = ((ObjectNode) expected.at("/params/0")).putArray("txs");
        txs.add(tx0.rawHex()).add(tx1.rawHex());
        assertEquals(expected, readTree(body));
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[\"" + tx0.rawHex()
                        + "\",\"" + tx1.rawHex()
                        + "\"],\"blockNumber\":\"0xb63dcd\",\"minTimestamp\":0,\"maxTimestamp\":1615920932}]}",
                body);
    }

    @Test
    void eachDialectNamesTheReplacementIdItsOwnWay() throws Exception {
        String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[\""
                + tx0.rawHex() + "\",\"" + tx1.rawHex() + "\"],\"blockNumber\":\"0xb63dcd\","
                + "\"minTimestamp\":0,\"maxTimestamp\":1615920932,";
        Hash hash = Hash.of("0x2228f5d8954ce31dc1601a8ba264dbd401bf1428388ce88238932815c5d6f23f");
        record Case(BuilderDialect dialect, String tail, boolean bareHash) {}
        List<Case> cases = List.of(
                new Case(BuilderDialect.FLASHBOTS, "\"replacementUuid\":\"" + UUID + "\"}]}", false),
                new Case(BuilderDialect.BEAVERBUILD, "\"uuid\":\"" + UUID + "\"}]}", false),
                new Case(BuilderDialect.TITAN, "\"replacementUuid\":\"" + UUID + "\"}]}", true),
                new Case(BuilderDialect.RSYNC, "\"replacementUuid\":\"" + UUID + "\"}]}", true));
        for (Case c : cases) {
            answer(
                    c.bareHash()
                            ? JSON.getNodeFactory().textNode(hash.hex())
                            : JSON.createObjectNode().put("bundleHash", hash.hex()));
            try (BuilderClient client = client(c.dialect())) {
                assertEquals(
                        hash,
                        client.sendBundle(docsBundle().replacementUuid(UUID).build()));
            }
            assertEquals(prefix + c.tail(), take("eth_sendBundle"), c.dialect().toString());
        }
    }

    @Test
    void refundAndDroppingFieldsAreSentOnlyWhereTheDialectHasThem() throws Exception {
        Address recipient = Address.of("0x02A727155aeF8609c9f7F2179b2a1f560B39F5A0");
        Bundle refunded = Bundle.of(List.of(tx0, tx1))
                .blockNumber(0x10)
                .droppingTxHash(tx1.hash())
                .replacementUuid(UUID)
                .refund(90, recipient)
                .build();
        answer(JSON.createObjectNode().put("bundleHash", refunded.bundleHash().hex()));
        try (BuilderClient rsync = client(BuilderDialect.RSYNC)) {
            assertEquals(refunded.bundleHash(), rsync.sendBundle(refunded));
        }
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[\"" + tx0.rawHex()
                        + "\",\"" + tx1.rawHex() + "\"],\"blockNumber\":\"0x10\",\"droppingTxHashes\":[\""
                        + tx1.hash().hex() + "\"],\"replacementUuid\":\"" + UUID
                        + "\",\"refundPercent\":90,\"refundRecipient\":\"" + recipient + "\"}]}",
                take("eth_sendBundle"));

        try (BuilderClient flashbots = client(BuilderDialect.FLASHBOTS);
                BuilderClient beaver = client(BuilderDialect.BEAVERBUILD);
                BuilderClient rsync = client(BuilderDialect.RSYNC)) {
            assertEquals(
                    "refundPercent",
                    assertThrows(ValidationException.class, () -> flashbots.sendBundle(refunded))
                            .field());
            Bundle hundred = refunded.toBuilder().refund(100, recipient).build();
            assertEquals(
                    "refundPercent",
                    assertThrows(ValidationException.class, () -> beaver.sendBundle(hundred))
                            .field());
            Bundle noRecipient = Bundle.of(List.of(tx0)).refundPercent(50).build();
            assertEquals(
                    "refundRecipient",
                    assertThrows(ValidationException.class, () -> rsync.sendBundle(noRecipient))
                            .field());
            Bundle untargeted = Bundle.of(List.of(tx0)).build();
            assertEquals(
                    "blockNumber",
                    assertThrows(ValidationException.class, () -> flashbots.sendBundle(untargeted))
                            .field());
            Bundle dropping = Bundle.of(List.of(tx0))
                    .blockNumber(5)
                    .droppingTxHash(tx0.hash())
                    .build();
            assertEquals(
                    "droppingTxHashes",
                    assertThrows(ValidationException.class, () -> flashbots.sendBundle(dropping))
                            .field());
        }
        assertEquals(1, server.getRequestCount(), "refused bundles never reach the builder");
    }

    @Test
    void titanAcceptsABundleWithoutBlockNumberAndFlashbotsNeedsASigner() throws Exception {
        answer(JSON.createObjectNode()
                .put("bundleHash", Bundle.of(List.of(tx0)).build().bundleHash().hex()));
        try (BuilderClient titan = BuilderClient.builder()
                .endpoint(new BuilderEndpoint("titan", server.url("/rpc").uri(), BuilderDialect.TITAN))
                .build()) {
            titan.sendBundle(Bundle.of(List.of(tx0)).build());
        }
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        assertNull(r.getHeader(FlashbotsSigner.HEADER), "no reputation key configured, no header");
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[\"" + tx0.rawHex()
                        + "\"]}]}",
                r.getBody().readUtf8());
        ValidationException unsigned = assertThrows(ValidationException.class, () -> BuilderClient.builder()
                .endpoint(new BuilderEndpoint("fb", server.url("/").uri(), BuilderDialect.FLASHBOTS))
                .build());
        assertEquals("signer", unsigned.field());
    }

    @Test
    void cancelByEndpointOrByEmptyBundleAsTheDialectSays() throws Exception {
        answer(JSON.nullNode());
        answer(JSON.createObjectNode()
                .put("bundleHash", Hash.keccak256(new byte[0]).hex()));
        try (BuilderClient flashbots = client(BuilderDialect.FLASHBOTS);
                BuilderClient beaver = client(BuilderDialect.BEAVERBUILD)) {
            flashbots.cancelBundle(UUID, OptionalLong.empty());
            beaver.cancelBundle(UUID, OptionalLong.of(0x20));
        }
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_cancelBundle\",\"params\":[{\"replacementUuid\":\""
                        + UUID + "\"}]}",
                take("eth_cancelBundle"));
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[],"
                        + "\"blockNumber\":\"0x20\",\"uuid\":\"" + UUID + "\"}]}",
                take("eth_sendBundle"));
    }

    @Test
    void callBundleDecodesTheDocumentedSimulationWithItsInvariants() throws Exception {
        JsonNode pair = fixture("eth_callBundle.json");
        answer(pair.at("/response/result"));
        CallBundleOutcome outcome;
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            outcome = client.callBundle(
                    Bundle.of(List.of(tx0, tx1)).blockNumber(0xb63dcdL).build(),
                    BlockTag.LATEST,
                    OptionalLong.of(1615920932));
        }
        String body = take("eth_callBundle");
        ObjectNode expected = (ObjectNode) pair.get("request").deepCopy();
        ((ObjectNode) expected.at("/params/0"))
                .putArray("txs")
                .add(tx0.rawHex())
                .add(tx1.rawHex());
        assertEquals(expected, readTree(body));

        CallBundleResult r =
                assertInstanceOf(CallBundleOutcome.Simulated.class, outcome).result();
        assertEquals(new BigInteger("476190476193"), r.bundleGasPrice());
        assertEquals(new BigInteger("20000000000126000"), r.coinbaseDiff());
        assertEquals(new BigInteger("20000000000000000"), r.ethSentToCoinbase());
        assertEquals(new BigInteger("126000"), r.gasFees());
        assertEquals(5221585, r.stateBlockNumber());
        assertEquals(42000, r.totalGasUsed());
        assertEquals(2, r.results().size());
        CallBundleResult.TxResult first = r.results().get(0);
        assertEquals(21000, first.gasUsed());
        assertEquals(Address.of("0x02A727155aeF8609c9f7F2179b2a1f560B39F5A0"), first.from());
        assertEquals(
                Address.of("0x73625f59CAdc5009Cb458B751b3E7b6b48C06f2C"),
                first.to().orElseThrow());
        assertEquals(Hash.of("0x669b4704a7d993a946cdd6e2f95233f308ce0c4649d2e04944e8299efcaa098a"), first.txHash());
        assertEquals(new BigInteger("10000000000063000"), first.coinbaseDiff());
        assertEquals("0x", first.returnData());
        assertFalse(first.failed());
        assertTrue(r.firstRevert().isEmpty());
    }

    @Test
    void aRevertingTransactionIsATypedOutcome() throws Exception {
        ObjectNode result = (ObjectNode)
                fixture("eth_callBundle.json").at("/response/result").deepCopy();
        ((ObjectNode) result.at("/results/1"))
                .put("error", "execution reverted")
                .put("revert", "0x08c379a0");
        answer(result);
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            CallBundleOutcome outcome = client.callBundle(
                    Bundle.of(List.of(tx0, tx1)).blockNumber(0xb63dcdL).build(), BlockTag.LATEST, OptionalLong.empty());
            CallBundleOutcome.Reverted reverted = assertInstanceOf(CallBundleOutcome.Reverted.class, outcome);
            assertEquals(1, reverted.index());
            assertEquals("execution reverted", reverted.error());
            assertEquals("0x08c379a0", reverted.revert().orElseThrow());
            assertEquals(
                    Hash.of("0xa839ee83465657cac01adc1d50d96c1b586ed498120a84a64749c0034b4f19fa"), reverted.txHash());
            assertEquals(
                    reverted.result().results().get(1),
                    reverted.result().firstRevert().orElseThrow());
        }
        assertFalse(readTree(take("eth_callBundle")).at("/params/0").has("timestamp"));
    }

    @Test
    void aTopLevelErrorIsATypedOutcomeAndBrokenInvariantsAreRefused() throws Exception {
        server.enqueue(new MockResponse()
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}"));
        ObjectNode wrongTotal = (ObjectNode)
                fixture("eth_callBundle.json").at("/response/result").deepCopy();
        wrongTotal.put("totalGasUsed", 42001);
        answer(wrongTotal);
        ObjectNode wrongSplit = (ObjectNode)
                fixture("eth_callBundle.json").at("/response/result").deepCopy();
        ((ObjectNode) wrongSplit.at("/results/0")).put("gasFees", "63001");
        answer(wrongSplit);
        ObjectNode wrongPrice = (ObjectNode)
                fixture("eth_callBundle.json").at("/response/result").deepCopy();
        wrongPrice.put("bundleGasPrice", "476190476194");
        answer(wrongPrice);
        Bundle bundle = Bundle.of(List.of(tx0, tx1)).blockNumber(0xb63dcdL).build();
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            CallBundleOutcome.Failed failed = assertInstanceOf(
                    CallBundleOutcome.Failed.class, client.callBundle(bundle, BlockTag.LATEST, OptionalLong.empty()));
            assertEquals(-32000, failed.code());
            assertEquals("nonce too low", failed.message());
            for (String field : List.of(
                    "totalGasUsed",
                    "results[0x669b4704a7d993a946cdd6e2f95233f308ce0c4649d2e04944e8299efcaa098a].coinbaseDiff",
                    "bundle.gasPrice")) {
                RpcException e = assertThrows(
                        RpcException.class, () -> client.callBundle(bundle, BlockTag.LATEST, OptionalLong.empty()));
                assertEquals(RpcException.Kind.MALFORMED_RESPONSE, e.kind());
                ValidationException cause = assertInstanceOf(ValidationException.class, e.getCause());
                assertEquals(field, cause.field(), cause.getMessage());
            }
        }
    }

    @Test
    void mevShareBundleReproducesTheSpecExample() throws Exception {
        JsonNode pair = fixture("mev_sendBundle.json");
        JsonNode params = pair.at("/request/params/0");
        MevShareBundle bundle = new MevShareBundle(
                0x8b8da8L,
                OptionalLong.of(0x8b8dabL),
                List.of(
                        new MevShareBundle.ByHash(
                                Hash.of(params.at("/body/0/hash").asText())),
                        new MevShareBundle.SignedItem(params.at("/body/1/tx").asText(), false)),
                List.of(),
                List.of());
        Hash expectedHash = Hash.of(pair.at("/response/bundleHash").asText());
        assertEquals(expectedHash, bundle.bundleHash());
        // the docs show the result object alone; a builder wraps it in a JSON-RPC envelope
        answer(pair.get("response"));
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            assertEquals(expectedHash, client.sendMevShareBundle(bundle));
        }
        assertEquals(pair.get("request"), readTree(take("mev_sendBundle")));
    }

    @Test
    void bundleStatsBeforeAndAfterSimulation() throws Exception {
        answer(JSON.createObjectNode().put("isSimulated", false).put("receivedAt", "2022-10-06T21:36:06.317Z"));
        answer(readTree("{\"isHighPriority\":true,\"isSimulated\":true,\"simulatedAt\":\"2022-10-06T21:36:06.350Z\","
                + "\"receivedAt\":\"2022-10-06T21:36:06.317Z\",\"consideredByBuildersAt\":[{\"pubkey\":\"0x81babee\","
                + "\"timestamp\":\"2022-10-06T21:36:06.343Z\"}],\"sealedByBuildersAt\":[]}"));
        Hash bundleHash = Hash.of("0x2228f5d8954ce31dc1601a8ba264dbd401bf1428388ce88238932815c5d6f23f");
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            BundleStats before = client.bundleStats(bundleHash, 0xb63dcdL);
            assertFalse(before.simulated());
            assertEquals(
                    Instant.parse("2022-10-06T21:36:06.317Z"),
                    before.receivedAt().orElseThrow());
            assertTrue(before.simulatedAt().isEmpty());
            BundleStats after = client.bundleStats(bundleHash, 0xb63dcdL);
            assertTrue(after.simulated());
            assertEquals(true, after.highPriority().orElseThrow());
            assertEquals(1, after.consideredByBuilders().size());
            assertEquals("0x81babee", after.consideredByBuilders().get(0).pubkey());
            assertTrue(after.sealedByBuilders().isEmpty());
        }
        String expected = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"flashbots_getBundleStatsV2\",\"params\":"
                + "[{\"bundleHash\":\"" + bundleHash.hex() + "\",\"blockNumber\":\"0xb63dcd\"}]}";
        assertEquals(expected, take("flashbots_getBundleStatsV2"));
        assertEquals(expected.replace("\"id\":1", "\"id\":2"), take("flashbots_getBundleStatsV2"));
    }

    @Test
    void httpErrorsAndGarbageAreTypedFailures() throws Exception {
        server.enqueue(new MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "2")
                .setBody("slow down"));
        server.enqueue(new MockResponse()
                .setResponseCode(500)
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32603,\"message\":\"internal\"}}"));
        server.enqueue(new MockResponse().setBody("<html>bad gateway</html>"));
        server.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"hash\":1}}"));
        server.enqueue(new MockResponse()
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"bundle too old\"}}"));
        Bundle bundle = docsBundle().build();
        try (BuilderClient client = client(BuilderDialect.FLASHBOTS)) {
            RetryAfterException slowDown = assertThrows(RetryAfterException.class, () -> client.sendBundle(bundle));
            assertEquals(Duration.ofSeconds(2), slowDown.retryAfter());
            RpcException tooMany = slowDown.failure();
            assertEquals(RpcException.Kind.HTTP_STATUS, tooMany.kind());
            assertEquals(429, tooMany.httpStatus().orElseThrow());
            RpcException internal = assertThrows(RpcException.class, () -> client.sendBundle(bundle));
            assertEquals(500, internal.httpStatus().orElseThrow());
            assertEquals(-32603, internal.code().orElseThrow());
            assertEquals(
                    RpcException.Kind.MALFORMED_RESPONSE,
                    assertThrows(RpcException.class, () -> client.sendBundle(bundle))
                            .kind());
            assertEquals(
                    RpcException.Kind.MALFORMED_RESPONSE,
                    assertThrows(RpcException.class, () -> client.sendBundle(bundle))
                            .kind());
            RpcException rejected = assertThrows(RpcException.class, () -> client.sendBundle(bundle));
            assertEquals(RpcException.Kind.RPC_ERROR, rejected.kind());
            assertEquals("bundle too old", rejected.rpcMessage().orElseThrow());
            assertTrue(rejected.getMessage().startsWith("eth_sendBundle at mock("), rejected.getMessage());
        }
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void bundleHashIsKeccakOfTheConcatenatedTxHashes() {
        Bundle b = Bundle.ofRaw(List.of("0x01", "0x02"))
                .blockNumber(2)
                .timestamps(1000, 2000)
                .build();
        // ethers-flashbots' serialisation fixture: revertingTxHashes[0] = keccak(0x02)
        assertEquals(
                Hash.of("0xf2ee15ea639b73fa3db9b34a245bdfa015c260c598b211bf05a1ecc4b3e3b4f2"),
                b.txHashes().get(1));
        byte[] concat = new byte[64];
        System.arraycopy(Hash.keccak256(Hex.decode("0x01")).bytes(), 0, concat, 0, 32);
        System.arraycopy(Hash.keccak256(Hex.decode("0x02")).bytes(), 0, concat, 32, 32);
        assertEquals(Hash.keccak256(concat), b.bundleHash());
        assertEquals(
                "txs",
                assertThrows(ValidationException.class, () -> Bundle.ofRaw(List.of())
                                .build())
                        .field());
        assertEquals(
                "txs[0]",
                assertThrows(ValidationException.class, () -> Bundle.ofRaw(List.of("0xzz"))
                                .build())
                        .field());
    }
}
