package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.rpc.RpcListener.SendOutcome;
import io.mevkit.core.testing.RecordingListener;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

/** The client against a real anvil node: reads decoded exactly, signed sends, deduplicated resends, logs. */
class RpcClientIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static final RecordingListener EVENTS = new RecordingListener();
    private static RpcClient client;

    @BeforeAll
    static void connect() {
        client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", ANVIL.anvil().rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .addListener(EVENTS)
                .build();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static Anvil anvil() {
        return ANVIL.anvil();
    }

    @Test
    void chainIdAndBlockNumberMatchTheNode() {
        assertEquals(31337, client.chainId());
        assertEquals(anvil().blockNumber(), client.blockNumber());
        assertEquals(
                EndpointStatus.ChainCheck.MATCHES,
                client.endpointStatuses().get(0).chainCheck());
    }

    @Test
    void aBlockOfMixedTransactionsDecodesExactlyAsTheNodeWroteIt() throws IOException {
        long number = MixedBlock.produce(anvil(), 15);
        JsonNode raw = anvil().rpc("eth_getBlockByNumber", Hex.quantity(number), true);
        Block block = client.getBlockByNumber(BlockTag.number(number), true).orElseThrow();
        RawJson.assertBlock(raw, block);
        assertEquals(150, block.transactions().size());
        Map<Integer, Long> byType =
                block.transactions().stream().collect(Collectors.groupingBy(Transaction::type, Collectors.counting()));
        assertEquals(Map.of(0, 37L, 1, 38L, 2, 75L), byType);
        assertTrue(block.transactions().stream()
                .anyMatch(t -> t.type() == 2 && !t.accessList().isEmpty()));
        assertTrue(block.transactions().stream().anyMatch(t -> t.inputBytes().length > 4));

        JsonNode hashesOnly = anvil().rpc("eth_getBlockByNumber", Hex.quantity(number), false);
        RawJson.assertBlock(
                hashesOnly,
                client.getBlockByNumber(BlockTag.number(number), false).orElseThrow());

        String capture = System.getProperty("mevkit.captureBlock");
        if (capture != null) {
            // records the node's exact response body for the benchmark (mev-bench/src/main/resources)
            Files.write(Path.of(capture), rawResponse(anvil().rpcUrl(), Hex.quantity(number)));
        }
    }

    @Test
    void callReadsContractStateAsTheNodeComputesIt() {
        TestTokens tokens = new TestTokens(anvil());
        String token = tokens.deploy("Call", "CALL", 6);
        String holder = anvil().accounts().get(3);
        tokens.mint(token, holder, BigInteger.valueOf(123_456_789));
        byte[] data = Hex.decode(FunctionEncoder.encode(
                new Function("balanceOf", List.of(new org.web3j.abi.datatypes.Address(holder)), List.of())));
        byte[] out = client.call(Address.of(token), data, BlockTag.LATEST);
        assertEquals(32, out.length);
        assertEquals(tokens.balanceOf(token, holder), new BigInteger(1, out));
        assertEquals(BigInteger.valueOf(123_456_789), new BigInteger(1, out));

        byte[] decimals = client.call(Address.of(token), Hex.decode("0x313ce567"), BlockTag.LATEST);
        assertEquals(6, new BigInteger(1, decimals).intValue());

        RpcException revert = assertThrows(
                RpcException.class,
                () -> client.call(
                        Address.of(token),
                        Hex.decode(FunctionEncoder.encode(new Function(
                                "transfer",
                                List.of(
                                        new org.web3j.abi.datatypes.Address(holder),
                                        new Uint256(BigInteger.TEN.pow(30))),
                                List.of()))),
                        BlockTag.LATEST));
        assertEquals(Kind.RPC_ERROR, revert.kind());
        assertEquals("eth_call", revert.method());
    }

    @Test
    void aSignedTransactionIsSentAndResolvedToItsReceipt() {
        Credentials key = Credentials.create(anvil().privateKey(1));
        Address from = Address.of(anvil().accounts().get(1));
        Address to = Address.of(anvil().accounts().get(2));
        BigInteger before = client.getBalance(to, BlockTag.LATEST);
        long nonce = client.getTransactionCount(from, BlockTag.PENDING);
        BigInteger value = new BigInteger("1234567890123456789");
        byte[] raw = MixedBlock.sign(key, 31337, 2, nonce, to.hex(), value, "0x", 21_000);

        Hash hash = client.sendRawTransaction(raw);
        assertEquals(Hash.keccak256(raw), hash);
        TransactionReceipt receipt = awaitReceipt(hash);
        assertTrue(receipt.succeeded());
        RawJson.assertReceipt(anvil().rpc("eth_getTransactionReceipt", hash.hex()), receipt);
        Transaction tx = client.getTransactionByHash(hash).orElseThrow();
        RawJson.assertTransaction(anvil().rpc("eth_getTransactionByHash", hash.hex()), tx);
        assertEquals(from, tx.from());
        assertEquals(value, tx.value());
        assertEquals(before.add(value), client.getBalance(to, BlockTag.LATEST));
        assertEquals(nonce + 1, client.getTransactionCount(from, BlockTag.LATEST));
    }

    @Test
    void resendingIdenticalBytesIsOneLogicalSendWhetherPendingOrMined() {
        Credentials key = Credentials.create(anvil().privateKey(4));
        Address from = Address.of(anvil().accounts().get(4));
        Address to = Address.of(anvil().accounts().get(5));
        long nonce = client.getTransactionCount(from, BlockTag.PENDING);
        byte[] raw = MixedBlock.sign(key, 31337, 0, nonce, to.hex(), BigInteger.ONE, "0x", 21_000);
        int sendsBefore = EVENTS.sends.size();

        anvil().setAutomine(false);
        Hash first;
        Hash pendingResend;
        try {
            first = client.sendRawTransaction(raw);
            pendingResend = client.sendRawTransaction(raw.clone()); // the node has it pending: "already known"
            anvil().mine();
        } finally {
            anvil().setAutomine(true);
        }
        awaitReceipt(first);
        Hash minedResend = client.sendRawTransaction(raw.clone()); // mined: "nonce too low", but ours

        assertEquals(first, pendingResend);
        assertEquals(first, minedResend);
        List<RpcListener.Send> sends = EVENTS.sends.subList(sendsBefore, EVENTS.sends.size());
        assertEquals(
                List.of(
                        new RpcListener.Send(first, 1, SendOutcome.ACCEPTED, false),
                        new RpcListener.Send(first, 1, SendOutcome.ALREADY_KNOWN, true),
                        new RpcListener.Send(first, 1, SendOutcome.ALREADY_KNOWN, true)),
                sends);
        assertEquals(1, sends.stream().map(RpcListener.Send::hash).distinct().count());
        assertEquals(nonce + 1, client.getTransactionCount(from, BlockTag.LATEST), "the nonce moved once");
    }

    @Test
    void anotherTransactionWithAUsedNonceIsATypedError() {
        Credentials key = Credentials.create(anvil().privateKey(6));
        Address from = Address.of(anvil().accounts().get(6));
        long nonce = client.getTransactionCount(from, BlockTag.PENDING);
        String to = anvil().accounts().get(7);
        awaitReceipt(
                client.sendRawTransaction(MixedBlock.sign(key, 31337, 2, nonce, to, BigInteger.ONE, "0x", 21_000)));
        byte[] other = MixedBlock.sign(key, 31337, 2, nonce, to, BigInteger.TWO, "0x", 21_000);
        RpcException e = assertThrows(RpcException.class, () -> client.sendRawTransaction(other));
        assertEquals(Kind.RPC_ERROR, e.kind());
        assertEquals("eth_sendRawTransaction", e.method());
        assertTrue(e.rpcMessage().orElseThrow().toLowerCase().contains("nonce"), e.getMessage());
    }

    @Test
    void getLogsReturnsTheTransferEventsOfTheReceipts() {
        TestTokens tokens = new TestTokens(anvil());
        String token = tokens.deploy("Logs", "LOG", 18);
        long from = client.blockNumber() + 1;
        tokens.mint(token, anvil().accounts().get(8), BigInteger.valueOf(500));
        tokens.transfer(anvil().accounts().get(8), token, anvil().accounts().get(9), BigInteger.valueOf(200));
        Hash transfer = Hash.keccak256(
                "Transfer(address,address,uint256)".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        List<Log> logs = client.getLogs(LogFilter.builder()
                .fromBlock(BlockTag.number(from))
                .toBlock(BlockTag.LATEST)
                .address(Address.of(token))
                .topic(0, transfer)
                .build());
        assertEquals(2, logs.size());
        JsonNode raw = anvil().rpc(
                        "eth_getLogs",
                        Map.of(
                                "fromBlock",
                                Hex.quantity(from),
                                "toBlock",
                                "latest",
                                "address",
                                token,
                                "topics",
                                List.of(transfer.hex())));
        for (int i = 0; i < logs.size(); i++) {
            RawJson.assertLog(raw.get(i), logs.get(i));
            TransactionReceipt receipt = client.getTransactionReceipt(
                            logs.get(i).transactionHash().orElseThrow())
                    .orElseThrow();
            assertTrue(receipt.logs().contains(logs.get(i)));
        }
        assertEquals(BigInteger.valueOf(200), new BigInteger(1, logs.get(1).dataBytes()));
        assertEquals(
                Address.of(anvil().accounts().get(9)),
                Address.fromBytes(logs.get(1).topics().get(2).bytes()));
    }

    @Test
    void feeHistoryMatchesTheNode() {
        anvil().mine(3);
        FeeHistory history = client.feeHistory(3, BlockTag.LATEST, 10, 90);
        JsonNode raw = anvil().rpc("eth_feeHistory", "0x3", "latest", List.of(10, 90));
        assertEquals(RawJson.num(raw, "oldestBlock"), history.oldestBlock());
        List<BigInteger> baseFees = new java.util.ArrayList<>();
        raw.path("baseFeePerGas")
                .forEach(n -> baseFees.add(new BigInteger(n.asText().substring(2), 16)));
        assertEquals(baseFees, history.baseFeePerGas());
        assertEquals(3, history.blockCount());
        assertEquals(3, history.reward().size());
    }

    @Test
    void aBatchAgainstTheNodeMatchesSingleCalls() {
        Address account = Address.of(anvil().accounts().get(0));
        RpcRequest<Long> number = RpcRequest.of("eth_blockNumber", Long.class);
        RpcRequest<BigInteger> balance = RpcRequest.of("eth_getBalance", BigInteger.class, account, BlockTag.LATEST);
        RpcRequest<Long> count = RpcRequest.of("eth_getTransactionCount", Long.class, account, BlockTag.LATEST);
        BatchResult result = client.batch(List.of(number, balance, count));
        assertEquals(client.blockNumber(), result.get(number));
        assertEquals(client.getBalance(account, BlockTag.LATEST), result.get(balance));
        assertEquals(client.getTransactionCount(account, BlockTag.LATEST), result.get(count));
    }

    @Test
    void aDeadEndpointInFrontOfAnvilIsFailedOver() {
        try (RpcClient failover = RpcClient.builder()
                .chainId(31337)
                .endpoint("dead", "http://127.0.0.1:1/")
                .endpoint("anvil", anvil().rpcUrl())
                .build()) {
            assertEquals(anvil().blockNumber(), failover.blockNumber());
            assertFalse(failover.endpointStatuses().get(0).lastError().isEmpty());
        }
    }

    private static TransactionReceipt awaitReceipt(Hash hash) {
        for (int i = 0; i < 200; i++) {
            Optional<TransactionReceipt> receipt = client.getTransactionReceipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no receipt for " + hash + " after 200 polls");
    }

    private static byte[] rawResponse(String url, String block) throws IOException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"" + block
                + "\",true]}";
        OkHttpClient http = new OkHttpClient();
        try (Response response = http.newCall(new Request.Builder()
                        .url(url)
                        .post(RequestBody.create(body, MediaType.get("application/json")))
                        .build())
                .execute()) {
            return response.body().bytes();
        } finally {
            http.connectionPool().evictAll();
        }
    }
}
