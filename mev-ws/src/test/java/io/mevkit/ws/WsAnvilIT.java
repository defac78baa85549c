package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.Hash;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;

/**
 * The client against a real anvil node: graceful stops and restarts from dumped state with blocks mined before the
 * client's backoff ends, reorgs through {@code anvil_reorg}, and the fault proxy in front of the node.
 */
class WsAnvilIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static WsClient.Builder client(String wsUrl, Anvil anvil, long seed) {
        return WsClient.builder()
                .endpoint(Endpoint.of(wsUrl, anvil.rpcUrl()))
                .chain(Chains.ANVIL)
                .staleAfter(Duration.ofSeconds(60)) // blocks are mined by hand here: silence is not death
                .heartbeat(Duration.ofMillis(500))
                .connectTimeout(Duration.ofSeconds(3))
                .circuitBreaker(1000, Duration.ofMillis(100))
                .backfillRetries(3, Duration.ofMillis(50))
                .noPolling()
                .random(new SplittableRandom(seed));
    }

    /** Sends a token mint (a Transfer log) without mining it: the node mines only on request. */
    private static void queueTransfer(Anvil anvil, String token, int i) {
        String from = anvil.accounts().get(0);
        String to = anvil.accounts().get(1 + i % 3);
        String data = FunctionEncoder.encode(Abi.fn("mint", Abi.address(to), Abi.uint(1000 + i)));
        anvil.sendTransaction(Tx.call(from, token, data).withGas(100_000));
    }

    private static void awaitHeadsThrough(Recorder<Head> heads, long number) {
        heads.await(
                items -> !items.isEmpty() && items.get(items.size() - 1) instanceof Head h && h.number() >= number,
                WAIT,
                "heads through " + number);
    }

    /** Heads from {@code first} to the node's head, each once and in order, with the node's hashes. */
    private static void checkHeadsAgainstNode(Recorder<Head> heads, Anvil anvil, long first) {
        List<Head> got = heads.events();
        assertEquals(List.of(), heads.gaps(), "anvil keeps every block");
        long head = anvil.blockNumber();
        assertEquals(head - first + 1, got.size(), "one head per block");
        for (int i = 0; i < got.size(); i++) {
            Head h = got.get(i);
            assertEquals(first + i, h.number(), "in order, no repeats");
            String hash = anvil.block("0x" + Long.toHexString(h.number()))
                    .orElseThrow()
                    .get("hash")
                    .asText();
            assertEquals(Hash.of(hash), h.hash());
        }
    }

    /** Logs equal the node's eth_getLogs over the whole range, in order, each once. */
    private static void checkLogsAgainstNode(Recorder<LogEvent> logs, Anvil anvil, String token, long first) {
        JsonNode expected = anvil.rpc(
                "eth_getLogs",
                Map.of("address", token, "fromBlock", "0x" + Long.toHexString(first), "toBlock", "latest"));
        List<String> want = new ArrayList<>();
        expected.forEach(l ->
                want.add(l.get("blockHash").asText() + ":" + l.get("logIndex").asText()));
        List<String> got = new ArrayList<>();
        for (LogEvent l : logs.events()) {
            assertFalse(l.removed());
            got.add(l.blockHash().hex() + ":0x" + Integer.toHexString(l.logIndex()));
        }
        assertEquals(want, got);
    }

    @Test
    void gracefulRestartsFromDumpedStateLoseAndRepeatNothing() {
        int restarts = 8;
        try (Anvil anvil =
                Anvil.builder().noMining().dumpState(dir.resolve("state.json")).start()) {
            String token = new TestTokens(anvil).deploy("Test", "TST", 18);
            EventLog events = new EventLog();
            // the backoff is long against anvil's restart, so most reconnects find 20 new blocks to backfill
            try (WsClient client = client(anvil.wsUrl(), anvil, 1)
                    .backoff(Duration.ofMillis(1500), Duration.ofMillis(1500))
                    .listener(events)
                    .build()) {
                Recorder<Head> heads = new Recorder<>();
                Recorder<LogEvent> logs = new Recorder<>();
                Subscription<Head> headSub = client.subscribeNewHeads(heads);
                Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.address(Address.of(token)), logs);
                client.awaitConnected(WAIT);
                awaitLive(headSub, logSub);
                long first = anvil.blockNumber() + 1;
                int backfilledRestarts = 0;
                int tx = 0;
                for (int r = 0; r < restarts; r++) {
                    queueTransfer(anvil, token, tx++);
                    anvil.mine(2);
                    awaitHeadsThrough(heads, anvil.blockNumber());
                    long backfilledBefore = client.stats().backfilledEvents();
                    long reconnectsBefore = client.stats().reconnects();

                    anvil.stop();
                    int round = r;
                    events.await(
                            e -> e.stream()
                                            .filter(s -> s.equals("state CONNECTED->RECONNECTING"))
                                            .count()
                                    > round,
                            WAIT,
                            "the drop of restart " + round);
                    anvil.restart();
                    queueTransfer(anvil, token, tx++);
                    queueTransfer(anvil, token, tx++);
                    anvil.mine(20);
                    awaitHeadsThrough(heads, anvil.blockNumber());
                    assertEquals(reconnectsBefore + 1, client.stats().reconnects());
                    if (client.stats().backfilledEvents() > backfilledBefore) {
                        backfilledRestarts++;
                    }
                }
                queueTransfer(anvil, token, tx);
                anvil.mine(1);
                awaitHeadsThrough(heads, anvil.blockNumber());
                long lastLogBlock = anvil.blockNumber();
                logs.await(
                        items -> !items.isEmpty()
                                && ((LogEvent) items.get(items.size() - 1)).blockNumber() == lastLogBlock,
                        WAIT,
                        "the last log");
                checkHeadsAgainstNode(heads, anvil, first);
                checkLogsAgainstNode(logs, anvil, token, first);
                System.out.printf(
                        "anvil restarts: %d of %d reconnects found the new blocks by backfill (%d events backfilled)%n",
                        backfilledRestarts, restarts, client.stats().backfilledEvents());
                assertTrue(
                        backfilledRestarts * 5 >= restarts * 4,
                        "backfill delivered in " + backfilledRestarts + " of " + restarts + " restarts");
                assertTrue(headSub.isActive() && logSub.isActive());
            }
        }
    }

    @Test
    void theRpcClientSourceDecodesHeadsAndLogsExactlyAsTheSocketDelivers() {
        try (Anvil anvil = Anvil.builder().noMining().start();
                RpcClient rpc = RpcClient.builder()
                        .endpoint(anvil.rpcUrl())
                        .chainId(anvil.chainId())
                        .build()) {
            String token = new TestTokens(anvil).deploy("Test", "TST", 18);
            try (WsClient client = WsClient.builder()
                    .endpoint(Endpoint.of(anvil.wsUrl()))
                    .chain(Chains.ANVIL)
                    .backfillSource(BackfillSource.of(rpc))
                    .noPolling()
                    .build()) {
                Recorder<Head> heads = new Recorder<>();
                Recorder<LogEvent> logs = new Recorder<>();
                Subscription<Head> headSub = client.subscribeNewHeads(heads);
                Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.address(Address.of(token)), logs);
                client.awaitConnected(WAIT);
                awaitLive(headSub, logSub);
                queueTransfer(anvil, token, 0);
                queueTransfer(anvil, token, 1);
                anvil.mine();
                long n = anvil.blockNumber();
                awaitHeadsThrough(heads, n);
                logs.await(items -> items.size() == 2, WAIT, "two logs");
                BackfillSource source = BackfillSource.of(rpc);
                assertEquals(
                        heads.events().get(heads.events().size() - 1),
                        source.blockByNumber(n).orElseThrow());
                assertEquals(logs.events(), source.logs(LogFilter.address(Address.of(token)), n, n));
                assertEquals(n, source.blockNumber());
                assertTrue(source.blockByNumber(n + 100).isEmpty());
            }
        }
    }

    @Test
    void anvilReorgsArriveAsRemovedLogsAndReplacedHeads() {
        try (Anvil anvil = Anvil.builder().noMining().start()) {
            String token = new TestTokens(anvil).deploy("Test", "TST", 18);
            try (WsClient client = client(anvil.wsUrl(), anvil, 2).build()) {
                Recorder<Head> heads = new Recorder<>();
                Recorder<LogEvent> logs = new Recorder<>();
                Subscription<Head> headSub = client.subscribeNewHeads(heads);
                Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.address(Address.of(token)), logs);
                client.awaitConnected(WAIT);
                awaitLive(headSub, logSub);
                for (int i = 0; i < 3; i++) {
                    queueTransfer(anvil, token, i);
                    anvil.mine();
                }
                long top = anvil.blockNumber();
                awaitHeadsThrough(heads, top);
                logs.await(items -> items.size() == 3, WAIT, "three transfers");
                List<LogEvent> original = logs.events();

                anvil.reorg(2); // replaces the last two blocks with empty ones
                anvil.mine(); // the next head makes a missed reorg visible too
                logs.await(
                        items -> items.stream()
                                        .filter(o -> ((LogEvent) o).removed())
                                        .count()
                                == 2,
                        WAIT,
                        "two removed logs");
                awaitHeadsThrough(heads, top + 1);
                List<LogEvent> removed =
                        logs.events().stream().filter(LogEvent::removed).toList();
                assertEquals(
                        original.subList(1, 3).stream()
                                .map(LogEvent::transactionHash)
                                .toList(),
                        removed.stream().map(LogEvent::transactionHash).toList(),
                        "the logs of the two replaced blocks, and only those");
                for (long n = top - 1; n <= top + 1; n++) {
                    String hash = anvil.block("0x" + Long.toHexString(n))
                            .orElseThrow()
                            .get("hash")
                            .asText();
                    long number = n;
                    assertTrue(
                            heads.events().stream()
                                    .anyMatch(h ->
                                            h.number() == number && h.hash().equals(Hash.of(hash))),
                            "the canonical head " + n + " was delivered");
                }
                List<Head> got = heads.events();
                Head last = got.get(got.size() - 1);
                assertEquals(top + 1, last.number());
                String parent = anvil.block("0x" + Long.toHexString(top))
                        .orElseThrow()
                        .get("hash")
                        .asText();
                assertEquals(Hash.of(parent), last.parentHash());
            }
        }
    }

    @Test
    void randomProxyFaultsInFrontOfAnvilLoseAndRepeatNothing() {
        long seed = Long.getLong("mevkit.faultSeed", System.nanoTime());
        try {
            proxyFaults(seed);
        } catch (Throwable t) {
            throw new AssertionError("failed with seed " + seed + " (replay with -Dmevkit.faultSeed=" + seed + ")", t);
        }
    }

    private void proxyFaults(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        try (Anvil anvil = Anvil.builder().noMining().start();
                FaultProxy proxy = new FaultProxy(anvil.port(), seed)) {
            String token = new TestTokens(anvil).deploy("Test", "TST", 18);
            try (WsClient client = client("ws://127.0.0.1:" + proxy.port(), anvil, seed)
                    .heartbeat(Duration.ofMillis(100))
                    .connectTimeout(Duration.ofMillis(500))
                    .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
                    .build()) {
                Recorder<Head> heads = new Recorder<>();
                Recorder<LogEvent> logs = new Recorder<>();
                Subscription<Head> headSub = client.subscribeNewHeads(heads);
                Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.address(Address.of(token)), logs);
                client.awaitConnected(WAIT);
                awaitLive(headSub, logSub);
                long first = anvil.blockNumber() + 1;
                int tx = 0;
                for (int i = 0; i < 50; i++) {
                    client.awaitConnected(WAIT);
                    if (rnd.nextBoolean()) {
                        queueTransfer(anvil, token, tx++);
                    }
                    anvil.mine(1 + rnd.nextInt(2));
                    long drops = client.stats().drops();
                    FaultProxy.Fault fault = FaultProxy.Fault.values()[rnd.nextInt(4)];
                    proxy.inject(fault);
                    if (fault == FaultProxy.Fault.CUT_MID_FRAME) {
                        anvil.mine();
                    }
                    if (rnd.nextBoolean()) {
                        anvil.mine(); // a block while the link is cut, held back or dead
                    }
                    long deadline = System.nanoTime() + Duration.ofMillis(600).toNanos();
                    while (client.stats().drops() == drops && System.nanoTime() < deadline) {
                        WsClientTest.sleep(2);
                    }
                    proxy.clearDelay();
                }
                client.awaitConnected(WAIT);
                queueTransfer(anvil, token, tx);
                anvil.mine();
                awaitHeadsThrough(heads, anvil.blockNumber());
                long lastLogBlock = anvil.blockNumber();
                logs.await(
                        items -> !items.isEmpty()
                                && ((LogEvent) items.get(items.size() - 1)).blockNumber() == lastLogBlock,
                        WAIT,
                        "the last log");
                checkHeadsAgainstNode(heads, anvil, first);
                checkLogsAgainstNode(logs, anvil, token, first);
                assertTrue(proxy.injectedTotal() >= 50);
                assertTrue(
                        client.stats().reconnects() >= 25,
                        "reconnects: " + client.stats().reconnects());
                System.out.printf(
                        "anvil behind the fault proxy (seed %d): %d faults, %d reconnects, %d events backfilled%n",
                        seed,
                        proxy.injectedTotal(),
                        client.stats().reconnects(),
                        client.stats().backfilledEvents());
            }
        }
    }

    /** Waits until both subscriptions finished their first catch-up (the head subscription knows its start). */
    private static void awaitLive(Subscription<Head> heads, Subscription<LogEvent> logs) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (heads.stats().lastBlock() < 0 || !logs.ready().isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subscriptions never became live");
            }
            WsClientTest.sleep(5);
        }
        WsClientTest.sleep(50);
    }
}
