package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After close() no mevkit-* thread remains; okhttp's and Okio's shared daemon threads are theirs, not ours. */
class ThreadLeakTest {

    private static List<String> mevkitThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("mevkit-"))
                .sorted()
                .toList();
    }

    private static void awaitNoMevkitThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!mevkitThreads().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("threads left after close(): " + mevkitThreads());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void closeStopsEveryThreadTheClientStarted() throws Exception {
        awaitNoMevkitThreads(); // nothing left over from other tests either
        try (FakeNode node = new FakeNode(new FakeChain(5), 31337)) {
            EventLog log = new EventLog();
            WsClient client = WsClientTest.fast(node.endpoint())
                    .pollingAfter(Duration.ofMillis(20))
                    .pollInterval(Duration.ofMillis(10))
                    .listener(log)
                    .build();
            Recorder<Head> heads = new Recorder<>();
            Recorder<LogEvent> logs = new Recorder<>();
            client.subscribeNewHeads(heads);
            client.subscribeLogs(LogFilter.address(Address.of(FakeChain.CONTRACT)), logs);
            client.subscribePendingTransactions(new Recorder<>());
            client.awaitConnected(WsClientTest.WAIT);
            // exercise every thread: delivery, backfill, polling, timers, a request left pending
            node.rejectUpgradeStatus = 503;
            node.closeAll(1001, "going away");
            log.awaitEvent("polling true", WsClientTest.WAIT);
            // polled delivery is asserted in WsClientTest. Here no head is awaited: a head subscription starts at the
            // first head it learns, and the socket may die before the node answered that eth_blockNumber, so polling
            // can anchor after these blocks and rightly deliver none of them.
            node.chain.mine(3);
            node.rejectUpgradeStatus = 0;
            client.awaitConnected(WsClientTest.WAIT);
            node.swallow.add("eth_call");
            CompletableFuture<?> pending = client.requestAsync("eth_call");
            assertTrue(
                    mevkitThreads().stream().anyMatch(n -> n.startsWith("mevkit-ws-scheduler")),
                    mevkitThreads().toString());
            assertTrue(
                    mevkitThreads().stream().anyMatch(n -> n.startsWith("mevkit-ws-worker")),
                    mevkitThreads().toString());

            client.close();
            assertEquals(ConnectionState.CLOSED, client.state());
            ExecutionException failed = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertInstanceOf(WsException.class, failed.getCause());
            awaitNoMevkitThreads();
            client.close(); // idempotent
        }
    }
}
