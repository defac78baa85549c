package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mevkit.core.Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A socket that drops halfway through a block's logs, while an earlier backfill is still running, for a block the HTTP
 * source lacks: the half that arrived is delivered, then a typed Gap over that block, never a silent loss of the rest.
 * The block must stay suspect until a catch-up that covers it (the earlier, shorter backfill used to take it).
 */
class PartialBlockGapTest {
    private static final Duration WAIT = WsClientTest.WAIT;

    @Test
    void aBlockCutHalfwayWhileAnEarlierBackfillRunsEndsInAGapNotALoss() throws Exception {
        try (FakeNode node = new FakeNode(new FakeChain(11), 31337);
                WsClient client = WsClientTest.fast(node.endpoint()).build()) {
            Recorder<LogEvent> logs = new Recorder<>();
            Subscription<LogEvent> sub = client.subscribeLogs(LogFilter.address(Address.of(FakeChain.CONTRACT)), logs);
            client.awaitConnected(WAIT);
            WsClientTest.awaitSubscriptionLive(client, sub, node);
            long start = node.chain.head();
            node.chain.mineWithLogs(1); // remembered, so the next catch-up re-verifies it over HTTP
            logs.await(items -> items.size() == 1, WAIT, "the first log");
            long cut = start + 2;
            node.httpLacks.add(cut);

            // a reconnect whose backfill (to block start + 1) waits at the gate
            CountDownLatch gate = new CountDownLatch(1);
            node.httpGate = gate;
            reconnect(client, () -> node.closeAll(1001, "going away"));
            await(() -> node.httpWaiting.get() > 0, "the backfill to reach the HTTP source");

            // block `cut` has two logs; the socket closes after the first
            node.closeAfterLogs.set(1);
            reconnect(client, () -> node.chain.mineWithLogs(2));
            // a newer block's log arrives live on the next socket, which closes after it too
            node.closeAfterLogs.set(1);
            reconnect(client, () -> node.chain.mineWithLogs(1));
            gate.countDown();
            node.httpGate = null;

            logs.await(
                    items -> items.stream().anyMatch(i -> i instanceof LogEvent l && l.blockNumber() == cut + 1),
                    WAIT,
                    "the log of block " + (cut + 1));
            List<String> got = logs.items().stream()
                    .map(i -> i instanceof LogEvent l
                            ? "log " + l.blockNumber() + ":" + l.logIndex()
                            : "gap " + ((Gap) i).fromBlock() + ".." + ((Gap) i).toBlock() + " " + ((Gap) i).reason())
                    .toList();
            assertEquals(
                    List.of(
                            "log " + (start + 1) + ":0",
                            "log " + cut + ":0",
                            "gap " + cut + ".." + cut + " BACKFILL_UNAVAILABLE",
                            "log " + (cut + 1) + ":0"),
                    got);
            SubscriptionStats stats = sub.stats();
            assertEquals(stats.produced(), stats.delivered() + stats.buffered() + stats.dropped());
        }
    }

    @Test
    void liveEventsBeyondTheHoldCapDuringABackfillAreFetchedAgainNotLost() throws Exception {
        try (FakeNode node = new FakeNode(new FakeChain(12), 31337);
                WsClient client =
                        WsClientTest.fast(node.endpoint()).maxHeldEvents(16).build()) {
            Recorder<LogEvent> logs = new Recorder<>();
            Subscription<LogEvent> sub = client.subscribeLogs(LogFilter.address(Address.of(FakeChain.CONTRACT)), logs);
            client.awaitConnected(WAIT);
            WsClientTest.awaitSubscriptionLive(client, sub, node);
            long start = node.chain.head();
            node.chain.mineWithLogs(1);
            logs.await(items -> items.size() == 1, WAIT, "the first log");

            CountDownLatch gate = new CountDownLatch(1);
            node.httpGate = gate;
            reconnect(client, () -> node.closeAll(1001, "going away"));
            await(() -> node.httpWaiting.get() > 0, "the backfill to reach the HTTP source");
            for (int i = 0; i < 12; i++) {
                node.chain.mineWithLogs(2); // 24 live logs arrive while held: the 8 oldest do not fit
            }
            long end = start + 13;
            // the answer follows the 24 notifications on the socket, which the client reads (and holds) in order
            client.request("eth_chainId");
            gate.countDown();
            node.httpGate = null;

            List<String> expected = node.chain.logs(start + 1, end, FakeChain.CONTRACT).stream()
                    .map(l -> l.block() + ":" + l.logIndex())
                    .toList();
            assertEquals(25, expected.size());
            logs.await(items -> items.size() >= expected.size(), WAIT, expected.size() + " logs");
            assertEquals(
                    expected,
                    logs.items().stream()
                            .map(i -> ((LogEvent) i).blockNumber() + ":" + ((LogEvent) i).logIndex())
                            .toList());
            SubscriptionStats stats = sub.stats();
            assertEquals(0, stats.dropped(), stats.toString());
            assertEquals(stats.produced(), stats.delivered() + stats.buffered() + stats.dropped());
        }
    }

    /** Runs {@code drop}, which makes the socket close, and waits until the client is connected again. */
    private static void reconnect(WsClient client, Runnable drop) {
        long drops = client.stats().drops();
        drop.run();
        await(() -> client.stats().drops() > drops, "the drop to be noticed");
        client.awaitConnected(WAIT);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            WsClientTest.sleep(2);
        }
    }
}
