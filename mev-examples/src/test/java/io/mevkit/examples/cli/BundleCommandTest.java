package io.mevkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.bundle.Eip1559Tx;
import io.mevkit.core.bundle.PrivateKeySigner;
import io.mevkit.core.bundle.SignedTx;
import io.mevkit.store.BundleStatus;
import io.mevkit.store.MevStore;
import io.mevkit.store.NewOpportunity;
import io.mevkit.store.Opportunity;
import io.mevkit.store.Plan;
import io.mevkit.store.Pool;
import io.mevkit.store.Token;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mevkit bundle ...} against a builder on loopback (MockWebServer) and a temporary SQLite store. */
class BundleCommandTest {
    static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"; // anvil's #1
    static final ObjectMapper JSON = new ObjectMapper();
    static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
    static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
    static final String POOL = "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";

    @TempDir
    Path dir;

    MockWebServer builder;
    Path db;
    List<SignedTx> txs;
    long opportunityId;

    @BeforeEach
    void setUp() throws IOException {
        builder = new MockWebServer();
        builder.start();
        PrivateKeySigner signer = PrivateKeySigner.of(KEY, 31337);
        txs = List.of(sign(signer, 0), sign(signer, 1));
        db = dir.resolve("mev.db");
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            opportunityId = store.inTransaction(tx -> {
                tx.tokens().upsert(new Token(31337, WETH, "WETH", 18, null));
                tx.tokens().upsert(new Token(31337, USDC, "USDC", 6, null));
                tx.pools().upsert(new Pool(31337, POOL, "UNISWAP_V2", USDC, WETH, 3000));
                Opportunity o = tx.opportunities()
                        .record(new NewOpportunity(31337, txs.get(0).hash().hex(), POOL, "sandwich", 100));
                tx.opportunities()
                        .plan(o.id(), new Plan(BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO));
                return o.id();
            });
        }
    }

    @AfterEach
    void tearDown() throws IOException {
        builder.shutdown();
    }

    static SignedTx sign(PrivateKeySigner signer, long nonce) {
        return signer.sign(Eip1559Tx.builder()
                .chainId(31337)
                .nonce(nonce)
                .maxPriorityFeePerGas(BigInteger.ONE)
                .maxFeePerGas(BigInteger.valueOf(2_000_000_000L))
                .gasLimit(21_000)
                .to(Address.of(POOL))
                .value(BigInteger.ONE)
                .build());
    }

    Map<String, String> env() {
        return Map.of("MEVKIT_BUILDER_URL", builder.url("/").toString(), "MEVKIT_DB_URL", db.toString());
    }

    /** An eth_callBundle answer consistent with the bundle (its hashes and sender); one tx reverts if asked. */
    String callBundleAnswer(boolean revertSecond) {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode results = result.putArray("results");
        long gasFees = 21_000L * 1_000_000_000L;
        for (int i = 0; i < txs.size(); i++) {
            ObjectNode r = results.addObject();
            r.put("txHash", txs.get(i).hash().hex());
            r.put("fromAddress", txs.get(i).sender().toString());
            r.put("toAddress", POOL);
            r.put("gasUsed", 21_000);
            r.put("gasPrice", "1000000000");
            r.put("gasFees", Long.toString(gasFees));
            r.put("coinbaseDiff", Long.toString(gasFees));
            r.put("ethSentToCoinbase", "0");
            r.put("value", "0x");
            if (revertSecond && i == 1) {
                r.put("error", "execution reverted");
            }
        }
        result.put(
                "bundleHash",
                Bundle.ofRaw(txs.stream().map(SignedTx::rawHex).toList())
                        .blockNumber(101)
                        .build()
                        .bundleHash()
                        .hex());
        result.put("bundleGasPrice", "1000000000");
        result.put("coinbaseDiff", Long.toString(2 * gasFees));
        result.put("ethSentToCoinbase", "0");
        result.put("gasFees", Long.toString(2 * gasFees));
        result.put("stateBlockNumber", 100);
        result.put("totalGasUsed", 42_000);
        ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1);
        answer.set("result", result);
        return answer.toString();
    }

    String[] args(String sub, String... more) {
        List<String> all =
                new java.util.ArrayList<>(List.of("bundle", sub, "--block", "101", "--simulate-with", "builder"));
        txs.forEach(t -> all.addAll(List.of("--tx", t.rawHex())));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    JsonNode request() throws InterruptedException {
        RecordedRequest r = builder.takeRequest(5, TimeUnit.SECONDS);
        try {
            return JSON.readTree(r.getBody().readUtf8());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void simulatePrintsEachTransaction() throws Exception {
        builder.enqueue(new MockResponse().setBody(callBundleAnswer(false)));
        Cli r = Cli.run(env(), args("simulate"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("for block 101 simulated on state of block 100: ok"), r.out());
        assertTrue(r.out().contains(txs.get(1).hash().hex()), r.out());
        assertTrue(
                r.out().contains("total gas 42000, coinbase diff 42000000000000 wei, bundle gas price 1 gwei"),
                r.out());
        JsonNode sent = request();
        assertEquals("eth_callBundle", sent.get("method").asText());
        assertEquals(txs.get(0).rawHex(), sent.at("/params/0/txs/0").asText());
        assertEquals("0x65", sent.at("/params/0/blockNumber").asText());
    }

    @Test
    void aRevertingSimulationExitsOne() throws Exception {
        builder.enqueue(new MockResponse().setBody(callBundleAnswer(true)));
        Cli r = Cli.run(
                env(),
                "--json",
                "bundle",
                "simulate",
                "--simulate-with",
                "builder",
                "--block",
                "101",
                "--tx",
                txs.get(0).rawHex(),
                "--tx",
                txs.get(1).rawHex());
        assertEquals(ExitCodes.NEGATIVE, r.exit(), r.toString());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("reverted", j.get("outcome").asText());
        assertEquals("execution reverted", j.at("/result/results/1/error").asText());
    }

    @Test
    void sendDryRunSimulatesAndStoresButNeverSends() throws Exception {
        builder.enqueue(new MockResponse().setBody(callBundleAnswer(false)));
        Cli r = Cli.run(env(), args("send", "--dry-run", "--opportunity", Long.toString(opportunityId)));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("dry run: bundle ") && r.err().contains("not sent"), r.err());
        assertEquals("eth_callBundle", request().get("method").asText());
        assertEquals(1, builder.getRequestCount(), "only the simulation reached the builder");
        String hash = Bundle.ofRaw(txs.stream().map(SignedTx::rawHex).toList())
                .blockNumber(101)
                .build()
                .bundleHash()
                .hex();
        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            io.mevkit.store.Bundle stored =
                    store.read(tx -> tx.bundles().findByHash(hash)).orElseThrow();
            assertEquals(BundleStatus.SIGNED, stored.status());
            assertEquals(2, stored.txs().size());
            assertEquals(opportunityId, stored.opportunityId());
        }

        Cli status = Cli.run(env(), "bundle", "status", "--hash", hash);
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().startsWith("stored #"), status.out());
        assertTrue(status.out().contains("SIGNED, blocks 101..101, 2 transactions"), status.out());
    }

    @Test
    void sendSimulatesStoresAndSends() throws Exception {
        builder.enqueue(new MockResponse().setBody(callBundleAnswer(false)));
        String hash = Bundle.ofRaw(txs.stream().map(SignedTx::rawHex).toList())
                .blockNumber(101)
                .build()
                .bundleHash()
                .hex();
        builder.enqueue(new MockResponse()
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"bundleHash\":\"" + hash + "\"}}"));
        Cli r = Cli.run(env(), args("send", "--opportunity", Long.toString(opportunityId)));
        assertEquals(0, r.exit(), r.toString());
        assertEquals("eth_callBundle", request().get("method").asText());
        assertEquals("eth_sendBundle", request().get("method").asText());
        assertTrue(r.err().contains("sent bundle " + hash + " for block 101"), r.err());
    }

    @Test
    void aRevertingBundleIsNeitherStoredNorSent() throws Exception {
        builder.enqueue(new MockResponse().setBody(callBundleAnswer(true)));
        Cli r = Cli.run(env(), args("send", "--opportunity", Long.toString(opportunityId)));
        assertEquals(ExitCodes.NEGATIVE, r.exit(), r.toString());
        assertEquals(1, builder.getRequestCount());
        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            assertEquals(0, store.rowCounts().get("bundles"));
        }
    }

    @Test
    void withoutABuilderItIsAUsageError() {
        Cli r = Cli.run(Map.of("MEVKIT_DB_URL", db.toString()), args("simulate"));
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("no block builder: give --builder URL or set MEVKIT_BUILDER_URL"), r.err());
    }

    @Test
    void withoutTransactionsItIsAUsageError() {
        Cli r = Cli.run(env(), "bundle", "simulate", "--block", "5");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("give the bundle's transactions with --tx or --tx-file"), r.err());
    }
}
