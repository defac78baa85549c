package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;

/**
 * {@link BundleSimulator#callBundle} against a MockWebServer builder answering the public {@code eth_callBundle}
 * fixture: the same typed {@link BundleSimulation} as from a node, with what {@code eth_callBundle} cannot report
 * absent; a reverting transaction and a top-level error as typed outcomes. The fixture's transactions are
 * placeholders ("0x123abc..."), so its results are answered with the hashes and sender of the transactions signed
 * here; every figure is the fixture's.
 */
class CallBundleSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FlashbotsSigner REPUTATION =
            FlashbotsSigner.of("0xfad9c8855b740a0b7ed4c221dbad0f33a83a49cad6b3fe8d5817ac83d38b6a19");
    private static final PrivateKeySigner FUNDS =
            PrivateKeySigner.of("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
    private static final long TARGET = 0xb63dcdL;

    private MockWebServer server;
    private BuilderClient client;
    private SignedTx tx0;
    private SignedTx tx1;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        client = BuilderClient.builder()
                .endpoint(new BuilderEndpoint("mock", server.url("/rpc").uri(), BuilderDialect.FLASHBOTS))
                .signer(REPUTATION)
                .timeout(Duration.ofSeconds(10))
                .build();
        tx0 = FUNDS.sign(transfer(0));
        tx1 = FUNDS.sign(transfer(1));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
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

    private static JsonNode fixture() throws IOException {
        try (InputStream in = CallBundleSimulatorTest.class.getResourceAsStream("/flashbots/eth_callBundle.json")) {
            return JSON.readTree(in);
        }
    }

    /** The fixture's result, its two results re-attributed to the transactions signed here. */
    private ObjectNode result() throws IOException {
        ObjectNode result = (ObjectNode) fixture().at("/response/result").deepCopy();
        for (int i = 0; i < 2; i++) {
            SignedTx tx = i == 0 ? tx0 : tx1;
            ((ObjectNode) result.at("/results/" + i))
                    .put("txHash", tx.hash().hex())
                    .put("fromAddress", tx.sender().toString());
        }
        return result;
    }

    private void answer(JsonNode result) {
        ObjectNode envelope = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", "123");
        envelope.set("result", result);
        server.enqueue(new MockResponse().setBody(envelope.toString()));
    }

    private JsonNode takeParams() throws InterruptedException, IOException {
        RecordedRequest r = server.takeRequest(10, TimeUnit.SECONDS);
        JsonNode body = JSON.readTree(r.getBody().readString(StandardCharsets.UTF_8));
        assertEquals("eth_callBundle", body.get("method").asText());
        return body.at("/params/0");
    }

    private SimulationRequest.Builder request() {
        return SimulationRequest.builder(Bundle.of(List.of(tx0, tx1)).build()).blockNumber(TARGET);
    }

    @Test
    void theFixtureSimulationIsTheSameTypedResultWithWhatCallBundleCannotGiveAbsent() throws Exception {
        answer(result());
        BundleSimulator simulator = BundleSimulator.callBundle(client);
        assertEquals(BundleSimulation.Source.BUILDER_CALL_BUNDLE, simulator.source());
        BundleSimulation sim =
                simulator.simulate(request().timestamp(1615920932).build());

        JsonNode params = takeParams();
        assertEquals(
                List.of(tx0.rawHex(), tx1.rawHex()),
                List.of(params.at("/txs/0").asText(), params.at("/txs/1").asText()));
        assertEquals("0xb63dcd", params.get("blockNumber").asText());
        assertEquals("latest", params.get("stateBlockNumber").asText());
        assertEquals(1615920932, params.get("timestamp").asLong());

        assertEquals(BundleSimulation.Source.BUILDER_CALL_BUNDLE, sim.source());
        assertEquals(5221585, sim.stateBlock());
        assertEquals(TARGET, sim.blockNumber());
        assertEquals(OptionalLong.of(1615920932), sim.timestamp());
        assertEquals(Optional.empty(), sim.baseFee());
        assertEquals(Optional.empty(), sim.coinbase());
        assertEquals(new BigInteger("20000000000126000"), sim.coinbaseDiff());
        assertEquals(42_000, sim.totalGasUsed());
        assertTrue(sim.allSucceeded());
        assertEquals(
                List.of(
                        new BundleSimulation.TxSimulation(
                                tx0.hash(), FUNDS.address(), 21_000, true, "0x", Optional.empty(), List.of()),
                        new BundleSimulation.TxSimulation(
                                tx1.hash(), FUNDS.address(), 21_000, true, "0x", Optional.empty(), List.of())),
                sim.txs());
        assertFalse(sim.logsReported());
        assertFalse(sim.balancesReported());
        assertTrue(sim.balances().isEmpty());
        ValidationException absent = assertThrows(ValidationException.class, () -> sim.ethDelta(FUNDS.address()));
        assertTrue(absent.getMessage().contains("not reported by BUILDER_CALL_BUNDLE"), absent.getMessage());
    }

    @Test
    void aRevertingTransactionIsAFailedResultWithItsDecodedReason() throws Exception {
        String revert = "0x08c379a0"
                + FunctionEncoder.encodeConstructor(
                        List.of(new Utf8String("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT")));
        ObjectNode hex = result();
        ((ObjectNode) hex.at("/results/1")).put("error", "execution reverted").put("revert", revert);
        answer(hex);
        ObjectNode text = result();
        ((ObjectNode) text.at("/results/0")).put("error", "execution reverted").put("revert", "out of stock");
        answer(text);
        ObjectNode bare = result();
        ((ObjectNode) bare.at("/results/0")).put("error", "invalid opcode");
        answer(bare);
        BundleSimulator simulator = BundleSimulator.callBundle(client);

        SimulationOutcome.Simulated outcome = assertInstanceOf(
                SimulationOutcome.Simulated.class, simulator.outcome(request().build()));
        BundleSimulation sim = outcome.simulation();
        assertFalse(takeParams().has("timestamp"));
        assertFalse(sim.allSucceeded());
        assertEquals(OptionalLong.empty(), sim.timestamp());
        assertTrue(sim.txs().get(0).success());
        BundleSimulation.TxSimulation bad = sim.firstRevert().orElseThrow();
        assertEquals(sim.txs().get(1), bad);
        assertEquals(tx1.hash(), bad.hash());
        assertEquals(21_000, bad.gasUsed());
        assertEquals(revert, bad.returnData());
        assertEquals(Optional.of("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT"), bad.revertReason());

        BundleSimulation.TxSimulation textual =
                simulator.simulate(request().build()).firstRevert().orElseThrow();
        assertEquals(tx0.hash(), textual.hash());
        assertEquals(Optional.of("out of stock"), textual.revertReason());
        assertEquals(
                Optional.of("invalid opcode"),
                simulator.simulate(request().build()).txs().get(0).revertReason());
    }

    @Test
    void aTopLevelErrorIsARefusedOutcomeAndSimulateThrowsItTyped() throws Exception {
        String error = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"nonce too low\"}}";
        server.enqueue(new MockResponse().setBody(error));
        server.enqueue(new MockResponse().setBody(error));
        BundleSimulator simulator = BundleSimulator.callBundle(client);
        assertEquals(
                new SimulationOutcome.Refused("eth_callBundle", -32000, "nonce too low", Optional.empty()),
                simulator.outcome(request().build()));
        RpcException e = assertThrows(
                RpcException.class, () -> simulator.simulate(request().build()));
        assertEquals(RpcException.Kind.RPC_ERROR, e.kind());
        assertEquals(OptionalInt.of(-32000), e.code());
        assertEquals(Optional.of("nonce too low"), e.rpcMessage());
    }

    @Test
    void resultsForOtherTransactionsAreMalformedAndUnsupportedRequestsAreRefusedBeforeSending() throws Exception {
        answer(fixture().at("/response/result")); // the placeholder transactions' hashes, not ours
        ObjectNode short1 = result();
        short1.withArray("results").remove(1);
        short1.put("totalGasUsed", 21_000)
                .put("coinbaseDiff", "10000000000063000")
                .put("ethSentToCoinbase", "10000000000000000")
                .put("gasFees", "63000");
        answer(short1);
        BundleSimulator simulator = BundleSimulator.callBundle(client);
        for (String why : List.of("result 0 is for", "expected 2 results")) {
            RpcException e = assertThrows(
                    RpcException.class, () -> simulator.simulate(request().build()));
            assertEquals(RpcException.Kind.MALFORMED_RESPONSE, e.kind());
            assertTrue(e.getMessage().contains(why), e.getMessage());
        }
        assertEquals(2, server.getRequestCount());

        List<SimulationRequest> unsupported = List.of(
                request().follow(FUNDS.address()).build(),
                request().baseFee(BigInteger.TEN).build(),
                request().coinbase(FUNDS.address()).build(),
                SimulationRequest.builder(Bundle.of(List.of(tx0)).build()).build());
        for (SimulationRequest r : unsupported) {
            assertThrows(ValidationException.class, () -> simulator.simulate(r));
        }
        assertEquals(2, server.getRequestCount(), "nothing was sent for the unsupported requests");
    }
}
