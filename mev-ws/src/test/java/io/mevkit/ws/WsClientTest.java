package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WsClientTest {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** Short timeouts so each fault costs milliseconds; the watchdog is out of the way unless a test wants it. */
    static WsClient.Builder fast(Endpoint... endpoints) {
        return WsClient.builder()
                .endpoints(List.of(endpoints))
                .expectedChainId(31337)
                .blockTime(Duration.ofMillis(100))
                .staleAfter(Duration.ofSeconds(60))
                .heartbeat(Duration.ofMillis(250))
                .connectTimeout(Duration.ofMillis(1500))
                .requestTimeout(Duration.ofSeconds(3))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(40))
                .circuitBreaker(5, Duration.ofMillis(100))
                .backfillRetries(2, Duration.ofMillis(5))
                .noPolling()
                .random(new SplittableRandom(7));
    }

    // what startHeads sets up, for the tests that use it
    private FakeNode node;
    private EventLog log;
    private WsClient client;
    private Recorder<Head> heads;
    private Subscription<Head> sub;

    /** A node, a client configured by {@code configure} with an event log, and a live newHeads subscription. */
    private void startHeads(UnaryOperator<WsClient.Builder> configure) {
        node = node();
        log = new EventLog();
        client = client(configure.apply(fast(node.endpoint())).listener(log));
        heads = new Recorder<>();
        sub = client.subscribeNewHeads(heads);
        client.awaitConnected(WAIT);
        awaitSubscriptionLive(client, sub, node);
    }

    private FakeNode node() {
        return track(new FakeNode(new FakeChain(42), 31337));
    }

    private WsClient client(WsClient.Builder builder) {
        return track(builder.build());
    }

    private static List<Long> numbers(Recorder<Head> heads) {
        return heads.events().stream().map(Head::number).toList();
    }

    private static void awaitHead(Recorder<Head> heads, long number) {
        heads.await(
                items -> items.stream().anyMatch(i -> i instanceof Head h && h.number() == number),
                WAIT,
                "head " + number);
    }

    @Test
    void connectsVerifiesChainAndDeliversHeadsInOrder() {
        FakeNode node = node();
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<Head> heads = new Recorder<>();
        Subscription<Head> sub = client.subscribeNewHeads(heads);
        client.awaitConnected(WAIT);
        sub.ready().join();
        long start = node.chain.head();
        awaitSubscriptionLive(client, sub, node);
        node.chain.mine(5);
        awaitHead(heads, start + 5);
        assertEquals(List.of(start + 1, start + 2, start + 3, start + 4, start + 5), numbers(heads));
        Head last = heads.events().get(4);
        assertEquals(Hash.of(node.chain.block(start + 5).hash()), last.hash());
        assertEquals(Hash.of(node.chain.block(start + 4).hash()), last.parentHash());
        assertEquals(ConnectionState.CONNECTED, client.state());
        assertEquals(1, node.socketCalls("eth_chainId"));
        log.awaitEvent("state CONNECTING->CONNECTED", WAIT);
        SubscriptionStats stats = sub.stats();
        assertEquals(5, stats.delivered());
        assertEquals(stats.produced(), stats.delivered() + stats.buffered() + stats.dropped());
    }

    /** Waits until the subscription's first catch-up is done, so blocks mined next arrive live. */
    static void awaitSubscriptionLive(WsClient client, Subscription<?> sub, FakeNode node) {
        // the catch-up is observable as the client asking the node for its head after the acknowledgement
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.socketCalls("eth_blockNumber") == 0 || !sub.ready().isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subscription never became live");
            }
            sleep(2);
        }
        sleep(20);
    }

    /**
     * A head subscription starts after the first head it learns (the node's answer to the eth_blockNumber sent after
     * the acknowledgement); a block mined before that answer is processed is rightly not delivered. Its stats show the
     * anchor once it is set.
     */
    static void awaitHeadsAnchored(WsClient client, Subscription<Head> sub) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.stats().subscriptions().stream().noneMatch(s -> s.id() == sub.id() && s.lastBlock() >= 0)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the head subscription never learnt its first head");
            }
            sleep(2);
        }
    }

    @Test
    void reconnectsResubscribesAndBackfillsHeadsAndLogsMissedWhileDown() {
        FakeNode node = node();
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<Head> heads = new Recorder<>();
        Recorder<LogEvent> logs = new Recorder<>();
        Subscription<Head> headSub = client.subscribeNewHeads(heads);
        Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.address(Address.of(FakeChain.CONTRACT)), logs);
        client.awaitConnected(WAIT);
        awaitSubscriptionLive(client, logSub, node);
        long start = node.chain.head();
        node.chain.mine(3);
        awaitHead(heads, start + 3);

        node.rejectUpgradeStatus = 503; // reconnect attempts fail while blocks are mined
        node.closeAll(1001, "going away");
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        node.chain.mine(7);
        node.rejectUpgradeStatus = 0;
        client.awaitConnected(WAIT);
        node.chain.mine(2);
        long end = start + 12;
        awaitHead(heads, end);

        assertEquals(LongRange.of(start + 1, end), numbers(heads));
        assertTrue(headSub.stats().backfilled() >= 7, "missed heads came from the backfill: " + headSub.stats());
        List<FakeChain.Log> expected = node.chain.logs(start + 1, end, FakeChain.CONTRACT);
        logs.await(items -> items.size() >= expected.size(), WAIT, expected.size() + " logs");
        assertEquals(
                expected.stream().map(l -> l.block() + ":" + l.logIndex()).toList(),
                logs.events().stream()
                        .map(l -> l.blockNumber() + ":" + l.logIndex())
                        .toList());
        assertTrue(headSub.isActive());
        assertEquals(1, log.count("reconnected"));
        assertTrue(client.stats().lastDowntime().isPresent());
        assertEquals(2, node.socketCalls("eth_chainId"));
    }

    @Test
    void failsWhenEveryEndpointRefusesTheHandshake() {
        FakeNode node = node();
        node.rejectUpgradeStatus = 401;
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<Head> heads = new Recorder<>();
        client.subscribeNewHeads(heads);
        WsException e = assertThrows(WsException.class, () -> client.awaitConnected(WAIT));
        assertInstanceOf(WsException.class, e);
        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertEquals(ConnectionState.FAILED, client.state());
        heads.awaitError(WAIT);
        log.awaitEvent("failed", WAIT);
        assertEquals(1, node.upgrades.get(), "a 401 is not retried");
        assertTrue(client.stats().endpoints().get(0).disabled());
    }

    @Test
    void failsAfterMaxDowntimeButNotBefore() {
        FakeNode node = node();
        node.rejectUpgradeStatus = 503;
        EventLog log = new EventLog();
        WsClient client =
                client(fast(node.endpoint()).maxDowntime(Duration.ofMillis(300)).listener(log));
        log.awaitEvent("failed", WAIT);
        assertEquals(ConnectionState.FAILED, client.state());
        assertTrue(node.upgrades.get() > 1, "503 is retried until the maximum downtime: " + node.upgrades.get());
        CompletableFuture<JsonNode> late = client.requestAsync("eth_blockNumber");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
        assertInstanceOf(WsException.class, failed.getCause());
    }

    @Test
    void failsOverToTheNextEndpointAndOpensTheDeadOnesCircuit() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        FakeNode node = node();
        Endpoint dead = Endpoint.of("ws://127.0.0.1:" + deadPort + "/ws").withName("dead");
        EventLog log = new EventLog();
        WsClient client = client(fast(dead, node.endpoint().withName("alive"))
                .circuitBreaker(1, Duration.ofSeconds(30))
                .listener(log));
        client.awaitConnected(WAIT);
        assertEquals("alive", client.stats().endpoint().orElseThrow());
        log.awaitEvent("circuitOpened dead", WAIT);
        EndpointStats deadStats = client.stats().endpoints().get(0);
        assertEquals("OPEN", deadStats.circuit());
        assertEquals(1, deadStats.circuitOpenings());
        assertFalse(deadStats.disabled(), "a refused TCP connection is retryable");
    }

    @Test
    void takesAnEndpointOnAnotherChainOutOfRotation() {
        FakeNode wrong = track(new FakeNode(new FakeChain(1), 1));
        FakeNode right = node();
        WsClient client =
                client(fast(wrong.endpoint().withName("wrong"), right.endpoint().withName("right")));
        client.awaitConnected(WAIT);
        assertEquals("right", client.stats().endpoint().orElseThrow());
        assertTrue(client.stats().endpoints().get(0).disabled());
        assertEquals(1, wrong.upgrades.get());
    }

    @Test
    void resendsReadsButNeverSendsWhenTheSocketDropsMidRequest() throws Exception {
        FakeNode node = node();
        WsClient client = client(fast(node.endpoint()));
        client.awaitConnected(WAIT);
        node.swallow.add("eth_call");
        node.swallow.add("eth_sendRawTransaction");
        CompletableFuture<JsonNode> read =
                client.requestAsync("eth_call", java.util.Map.of("to", FakeChain.CONTRACT), "latest");
        CompletableFuture<JsonNode> send = client.requestAsync("eth_sendRawTransaction", "0x02f8");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.socketCalls("eth_call") < 1 || node.socketCalls("eth_sendRawTransaction") < 1) {
            assertTrue(System.nanoTime() < deadline, "requests never reached the node");
            sleep(2);
        }
        node.swallow.clear();
        node.closeAll(1011, "internal error");
        assertEquals(
                "0x" + "00".repeat(31) + "2a", read.get(10, TimeUnit.SECONDS).asText());
        ExecutionException lost = assertThrows(ExecutionException.class, () -> send.get(10, TimeUnit.SECONDS));
        assertInstanceOf(RequestLostException.class, lost.getCause());
        assertEquals(2, node.socketCalls("eth_call"), "the read was written again");
        assertEquals(1, node.socketCalls("eth_sendRawTransaction"), "the send was never written twice");
        WsStats stats = client.stats();
        assertEquals(1, stats.requestsResent());
        assertEquals(1, stats.requestsLost());
    }

    @Test
    void timesOutRequestsAndTypesRpcErrors() {
        FakeNode node = node();
        WsClient client = client(fast(node.endpoint()));
        client.awaitConnected(WAIT);
        node.swallow.add("eth_call");
        CompletableFuture<JsonNode> call = client.requestAsync(Duration.ofMillis(100), "eth_call");
        ExecutionException timedOut = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
        assertInstanceOf(WsTimeoutException.class, timedOut.getCause());
        assertEquals(1, client.stats().requestTimeouts());
        WsRpcException rpc = assertThrows(WsRpcException.class, () -> client.request("eth_nope"));
        assertEquals(-32601, rpc.code());
        assertEquals("eth_nope", rpc.method());
        assertEquals("[1,\"a\"]", client.request("test_echo", 1, "a").toString());
    }

    @Test
    void countsMalformedAndOversizeFramesAndKeepsGoing() {
        startHeads(b -> b.maxMessageBytes(4096));
        node.sendRaw("{not json");
        node.sendRaw("[1,2,3]");
        node.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""
                + "0x101aa\",\"result\":{\"number\":\"zz\"}}}");
        node.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "a".repeat(5000) + "\"}");
        long start = node.chain.head();
        node.chain.mine(2);
        awaitHead(heads, start + 2);
        log.await(e -> e.stream().filter(x -> x.equals("malformed")).count() >= 2, WAIT, "malformed events");
        log.awaitEvent("oversize", WAIT);
        WsStats stats = client.stats();
        assertTrue(stats.malformedFrames() >= 2, "malformed: " + stats.malformedFrames());
        assertEquals(1, stats.oversizeMessages());
        assertEquals(1, stats.connects(), "neither kind of bad frame killed the socket");
    }

    @Test
    void watchdogReconnectsWhenHeadsStopButTheChainMoves() {
        startHeads(b -> b.staleAfter(Duration.ofMillis(300)));
        long start = node.chain.head();
        node.chain.mine();
        awaitHead(heads, start + 1);
        node.muted = true; // a zombie subscription: the socket answers, notifications never come
        node.chain.mine(3);
        log.awaitEvent("stale " + sub.id(), WAIT);
        log.awaitEvent("reconnected", WAIT);
        node.muted = false;
        awaitHead(heads, start + 4);
        assertEquals(LongRange.of(start + 1, start + 4), numbers(heads));
        assertTrue(client.stats().staleDetections() >= 1);
    }

    @Test
    void watchdogKeepsTheLinkWhenTheChainIsHalted() {
        startHeads(b -> b.staleAfter(Duration.ofMillis(150)));
        long start = node.chain.head();
        node.chain.mine();
        awaitHead(heads, start + 1);
        long probes = node.socketCalls("eth_blockNumber");
        log.awaitEvent("stale " + sub.id(), WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.socketCalls("eth_blockNumber") == probes) {
            assertTrue(System.nanoTime() < deadline, "no liveness probe");
            sleep(5);
        }
        sleep(100);
        assertEquals(1, client.stats().connects(), "a halted chain is not a dead link");
        assertEquals(0, client.stats().drops());
        node.chain.mine();
        awaitHead(heads, start + 2);
    }

    @Test
    void heartbeatDetectsABlackholedLink() {
        FakeNode node = node();
        FaultProxy proxy = track(new FaultProxy(node.port(), 11));
        EventLog log = new EventLog();
        WsClient client = client(fast(Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/ws", node.httpUrl()))
                .heartbeat(Duration.ofMillis(100))
                .listener(log));
        client.awaitConnected(WAIT);
        proxy.inject(FaultProxy.Fault.BLACKHOLE);
        log.awaitEvent("reconnected", WAIT);
        assertEquals(1, client.stats().drops());
    }

    @Test
    void pollsOverHttpWhileNoSocketIsUsableAndSwitchesBack() {
        startHeads(b -> b.pollingAfter(Duration.ofMillis(50)).pollInterval(Duration.ofMillis(20)));
        long start = node.chain.head();
        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("polling true", WAIT);
        node.chain.mine(4);
        awaitHead(heads, start + 4);
        assertTrue(client.stats().polling());
        assertTrue(client.stats().pollCycles() > 0);
        node.rejectUpgradeStatus = 0;
        log.awaitEvent("polling false", WAIT);
        client.awaitConnected(WAIT);
        node.chain.mine(3);
        awaitHead(heads, start + 7);
        assertEquals(LongRange.of(start + 1, start + 7), numbers(heads));
        assertFalse(client.stats().polling());
    }

    @Test
    void unsubscribeWorksWhileDisconnectedAndIsNeverReestablished() {
        FakeNode node = node();
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<Head> heads = new Recorder<>();
        Recorder<Head> kept = new Recorder<>();
        Subscription<Head> sub = client.subscribeNewHeads(heads);
        Subscription<Head> other = client.subscribeNewHeads(kept);
        client.awaitConnected(WAIT);
        assertEquals(2, node.liveSubscriptions("newHeads"));
        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        sub.unsubscribe();
        sub.unsubscribe(); // idempotent
        assertFalse(sub.isActive());
        node.rejectUpgradeStatus = 0;
        client.awaitConnected(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (node.liveSubscriptions("newHeads") < 1) {
            assertTrue(System.nanoTime() < deadline);
            sleep(2);
        }
        assertEquals(1, node.liveSubscriptions("newHeads"), "only the kept subscription came back");
        assertTrue(other.isActive());
        other.unsubscribe();
        deadline = System.nanoTime() + WAIT.toNanos();
        while (node.liveSubscriptions("newHeads") > 0) {
            assertTrue(System.nanoTime() < deadline, "unsubscribe while connected reaches the node");
            sleep(2);
        }
    }

    @Test
    void aSubscriptionTheNodeRejectsFailsItsHandleOnly() {
        FakeNode node = node();
        WsClient client = client(fast(node.endpoint()));
        client.awaitConnected(WAIT);
        node.failSubscribes.set(1);
        node.subscribeErrorCode = -32602;
        Recorder<Head> heads = new Recorder<>();
        Subscription<Head> sub = client.subscribeNewHeads(heads);
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> sub.ready().get(10, TimeUnit.SECONDS));
        assertInstanceOf(WsRpcException.class, e.getCause());
        heads.awaitError(WAIT);
        assertFalse(sub.isActive());
        assertEquals(ConnectionState.CONNECTED, client.state());
    }

    @Test
    void aTransientResubscriptionErrorRetriesTheConnection() {
        startHeads(b -> b);
        long start = node.chain.head();
        node.failSubscribes.set(2);
        node.subscribeErrorCode = -32000;
        node.cancelAll();
        log.awaitEvent("reconnected 3", WAIT);
        node.chain.mine(2);
        awaitHead(heads, start + 2);
        assertEquals(LongRange.of(start + 1, start + 2), numbers(heads));
        assertTrue(sub.isActive());
    }

    @Test
    void fullPendingTransactionsAreDecodedAndAnOutageIsAGap() {
        FakeNode node = node();
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<PendingTransaction> txs = new Recorder<>();
        Recorder<Hash> hashes = new Recorder<>();
        Subscription<PendingTransaction> sub = client.subscribePendingTransactions(txs);
        client.subscribePendingTransactionHashes(hashes);
        client.awaitConnected(WAIT);
        sub.ready().join();
        ObjectNode tx = pendingTx(1);
        node.pushPending(tx);
        txs.await(i -> i.size() == 1, WAIT, "one transaction");
        hashes.await(i -> i.size() == 1, WAIT, "one hash");
        PendingTransaction decoded = txs.events().get(0);
        assertEquals(Hash.of(tx.get("hash").asText()), decoded.hash());
        assertEquals(Address.of(tx.get("from").asText()), decoded.from());
        assertEquals(BigInteger.TEN.pow(18), decoded.value());
        assertEquals(2, decoded.type());
        assertEquals(Hash.of(tx.get("hash").asText()), hashes.events().get(0));

        long before = node.chain.head();
        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        node.chain.mine(3);
        node.rejectUpgradeStatus = 0;
        txs.await(i -> i.stream().anyMatch(o -> o instanceof Gap), WAIT, "a gap");
        Gap gap = txs.gaps().get(0);
        assertEquals(Gap.Reason.NOT_BACKFILLABLE, gap.reason());
        assertEquals(before + 3, gap.toBlock());
        node.pushPending(pendingTx(2));
        txs.await(i -> i.size() == 3, WAIT, "the next transaction after the gap");
    }

    static ObjectNode pendingTx(int nonce) {
        ObjectNode tx = FakeChain.JSON.createObjectNode();
        tx.put("hash", "0x" + String.format("%064x", 0xabc000L + nonce));
        tx.put("from", "0x00000000000000000000000000000000000000a1");
        tx.put("to", FakeChain.CONTRACT);
        tx.put("nonce", "0x" + Integer.toHexString(nonce));
        tx.put("value", "0xde0b6b3a7640000");
        tx.put("gas", "0x5208");
        tx.put("gasPrice", "0x3b9aca00");
        tx.put("maxFeePerGas", "0x77359400");
        tx.put("maxPriorityFeePerGas", "0x3b9aca00");
        tx.put("input", "0x7ff36ab5");
        tx.put("type", "0x2");
        return tx;
    }

    @Test
    void reorgWhileDisconnectedIsDeliveredAsRemovedLogsAndReplacedHeads() {
        FakeNode node = node();
        EventLog log = new EventLog();
        WsClient client = client(fast(node.endpoint()).listener(log));
        Recorder<Head> heads = new Recorder<>();
        Recorder<LogEvent> logs = new Recorder<>();
        client.subscribeNewHeads(heads);
        Subscription<LogEvent> logSub = client.subscribeLogs(LogFilter.any(), logs);
        client.awaitConnected(WAIT);
        awaitSubscriptionLive(client, logSub, node);
        long start = node.chain.head();
        node.chain.mine(6);
        awaitHead(heads, start + 6);
        List<FakeChain.Log> before = node.chain.logs(start + 1, start + 6, null);
        logs.await(i -> i.size() >= before.size(), WAIT, "logs before the reorg");

        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        List<FakeChain.Block> removed = node.chain.reorg(3);
        node.rejectUpgradeStatus = 0;
        client.awaitConnected(WAIT);
        List<FakeChain.Log> removedLogs =
                removed.stream().flatMap(b -> b.logs().stream()).toList();
        List<FakeChain.Log> added = node.chain.logs(start + 4, start + 6, null);
        int total = before.size() + removedLogs.size() + added.size();
        logs.await(i -> i.size() >= total, WAIT, total + " logs with the reorg");
        List<LogEvent> events = logs.events();
        List<LogEvent> tail = events.subList(before.size(), events.size());
        assertEquals(
                removedLogs.stream()
                        .map(l -> l.blockHash() + ":" + l.logIndex())
                        .toList(),
                tail.subList(0, removedLogs.size()).stream()
                        .map(l -> l.blockHash().hex() + ":" + l.logIndex())
                        .toList(),
                "first the logs of the replaced blocks, marked removed");
        assertTrue(tail.subList(0, removedLogs.size()).stream().allMatch(LogEvent::removed));
        assertEquals(
                added.stream().map(l -> l.blockHash() + ":" + l.logIndex()).toList(),
                tail.subList(removedLogs.size(), tail.size()).stream()
                        .map(l -> l.blockHash().hex() + ":" + l.logIndex())
                        .toList(),
                "then the new canonical logs");
        heads.await(
                i -> i.stream()
                        .anyMatch(o -> o instanceof Head h
                                && h.hash()
                                        .equals(Hash.of(
                                                node.chain.block(start + 6).hash()))),
                WAIT,
                "the new head");
        List<Head> got = heads.events();
        Head replacement = got.get(got.size() - 3);
        assertEquals(start + 4, replacement.number());
        assertNotEquals(Hash.of(removed.get(0).hash()), replacement.hash());
        assertEquals(Hash.of(node.chain.block(start + 3).hash()), replacement.parentHash());
    }

    @Test
    void backfillBeyondTheCapIsATypedGap() {
        startHeads(b -> b.maxBackfillBlocks(5));
        long start = node.chain.head();
        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        node.chain.mine(20);
        node.rejectUpgradeStatus = 0;
        awaitHead(heads, start + 20);
        assertEquals(List.of(new Gap(start + 1, start + 15, Gap.Reason.BACKFILL_LIMIT)), heads.gaps());
        assertEquals(LongRange.of(start + 16, start + 20), numbers(heads));
        assertEquals(1, client.stats().gaps());
    }

    @Test
    void blocksTheHttpSourceLacksBecomeGapsInOrder() {
        startHeads(b -> b);
        long start = node.chain.head();
        node.rejectUpgradeStatus = 503;
        node.cancelAll();
        log.awaitEvent("state CONNECTED->RECONNECTING", WAIT);
        node.chain.mine(6);
        node.httpLacks.add(start + 2);
        node.httpLacks.add(start + 3);
        node.rejectUpgradeStatus = 0;
        awaitHead(heads, start + 6);
        List<Object> items = heads.items();
        assertEquals(start + 1, ((Head) items.get(0)).number());
        assertEquals(new Gap(start + 2, start + 3, Gap.Reason.BACKFILL_UNAVAILABLE), items.get(1));
        assertEquals(
                LongRange.of(start + 4, start + 6),
                items.subList(2, 5).stream().map(o -> ((Head) o).number()).toList());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Inclusive ranges as lists, for readable assertions. */
    static final class LongRange {
        static List<Long> of(long from, long to) {
            List<Long> out = new ArrayList<>();
            for (long n = from; n <= to; n++) {
                out.add(n);
            }
            return out;
        }
    }
}
