package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.CapturingLogs;
import io.mevkit.core.testing.FakeNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The CompletableFuture twins: correlation ids travel with the work, and the client's own threads stop on close. */
class RpcClientAsyncTest {
    private static final long CHAIN = 31337;
    private final FakeNode node = new FakeNode(CHAIN).result("eth_blockNumber", "0x2a");
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-rpc-scheduler");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void stop() throws InterruptedException {
        MDC.clear();
        node.close();
        scheduler.shutdownNow();
        assertTrue(scheduler.awaitTermination(10, TimeUnit.SECONDS));
    }

    private RpcClient.Builder client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .endpoint(node.url())
                .timeout(Duration.ofSeconds(5))
                .backoff(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void correlationIdsReachTheLogLinesAndCallbacksOfAnAsyncCall() throws Exception {
        assertTrue(CapturingLogs.active());
        // the scheduler thread exists before any MDC is set, so nothing can be inherited
        assertNull(scheduler.submit(() -> MDC.get("mev.opp")).get(10, TimeUnit.SECONDS));
        CountDownLatch release = new CountDownLatch(1);
        node.on("eth_blockNumber", req -> {
            await(release);
            return FakeNode.response(req, "0x2a");
        });
        AtomicReference<String> callbackOpp = new AtomicReference<>();
        AtomicReference<String> callbackBundle = new AtomicReference<>();
        AtomicReference<String> callbackThread = new AtomicReference<>();
        int mark = CapturingLogs.mark();
        try (RpcClient client = client().scheduler(scheduler).build()) {
            MDC.put("mev.opp", "opp-17");
            MDC.put("mev.bundle", "bundle-3");
            CompletableFuture<Long> future = client.callAsync(RpcRequest.of("eth_blockNumber", Long.class));
            CompletableFuture<Long> observed = future.thenApply(n -> {
                callbackOpp.set(MDC.get("mev.opp"));
                callbackBundle.set(MDC.get("mev.bundle"));
                callbackThread.set(Thread.currentThread().getName());
                return n;
            });
            MDC.clear(); // the caller moves on to other work
            release.countDown();
            assertEquals(42L, observed.get(10, TimeUnit.SECONDS));
        }
        assertEquals("test-rpc-scheduler", callbackThread.get(), "the callback ran on the completing thread");
        assertEquals("opp-17", callbackOpp.get());
        assertEquals("bundle-3", callbackBundle.get());

        List<CapturingLogs.Line> clientLines = CapturingLogs.linesSince(mark).stream()
                .filter(l -> l.thread().equals("test-rpc-scheduler"))
                .filter(l -> l.logger().startsWith("io.mevkit.core.rpc"))
                .toList();
        assertFalse(clientLines.isEmpty(), "the client logs the exchange at TRACE on the scheduler thread");
        for (CapturingLogs.Line line : clientLines) {
            assertEquals("opp-17", line.mdc().get("mev.opp"), line.rendered());
            assertEquals("bundle-3", line.mdc().get("mev.bundle"), line.rendered());
        }
        // afterwards the scheduler thread carries no stale ids
        assertNull(scheduler.submit(() -> MDC.get("mev.opp")).get(10, TimeUnit.SECONDS));
    }

    @Test
    void asyncFailuresCompleteWithTheRpcExceptionAndItsCorrelationIds() throws Exception {
        node.failAllBut(new MockResponse().setResponseCode(500));
        AtomicReference<String> opp = new AtomicReference<>();
        try (RpcClient client = client().scheduler(scheduler).maxRetries(1).build()) {
            MDC.put("mev.opp", "opp-99");
            CompletableFuture<Long> future = client.callAsync(RpcRequest.of("eth_blockNumber", Long.class));
            MDC.clear();
            CompletableFuture<Long> observed = future.whenComplete((v, e) -> opp.set(MDC.get("mev.opp")));
            ExecutionException e = assertThrows(ExecutionException.class, () -> observed.get(10, TimeUnit.SECONDS));
            RpcException cause = assertInstanceOf(RpcException.class, e.getCause());
            assertEquals(Kind.HTTP_STATUS, cause.kind());
            assertEquals("eth_blockNumber", cause.method());
        }
        assertEquals("opp-99", opp.get());
        assertEquals(
                2, node.methods().stream().filter("eth_blockNumber"::equals).count(), "one retry");
    }

    @Test
    void asyncErrorsThatMayNotBeRetriedAreNotRetried() {
        node.error("eth_call", -32000, "execution reverted", null);
        try (RpcClient client = client().scheduler(scheduler).maxRetries(3).build()) {
            CompletableFuture<String> future =
                    client.callAsync(RpcRequest.of("eth_call", String.class, Map.of(), "latest"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
            assertEquals(Kind.RPC_ERROR, ((RpcException) e.getCause()).kind());
        }
        assertEquals(1, node.methods().stream().filter("eth_call"::equals).count());
    }

    @Test
    void batchAndSendHaveAsyncTwins() throws Exception {
        byte[] raw = Hex.decode("0x02c0ffee");
        Hash hash = Hash.keccak256(raw);
        node.result("eth_sendRawTransaction", hash.hex());
        try (RpcClient client = client().scheduler(scheduler).build()) {
            RpcRequest<Long> bn = RpcRequest.of("eth_blockNumber", Long.class);
            assertEquals(
                    42L,
                    client.batchAsync(List.of(bn)).get(10, TimeUnit.SECONDS).get(bn));
            assertEquals(hash, client.sendRawTransactionAsync(raw).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theClientsOwnThreadsStopOnClose() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        RpcClient client = client().build();
        CompletableFuture<Long> future = client.callAsync(RpcRequest.of("eth_blockNumber", Long.class))
                .whenComplete((v, e) -> worker.set(Thread.currentThread()));
        assertEquals(42L, future.get(10, TimeUnit.SECONDS));
        Thread thread = worker.get();
        assertTrue(thread.getName().startsWith("mevkit-rpc-"), thread.getName());
        assertTrue(thread.isDaemon());
        client.close();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .noneMatch(t -> t.getName()
                        .startsWith(
                                thread.getName().substring(0, thread.getName().lastIndexOf('-') + 1))));
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> client.callAsync(RpcRequest.of("eth_blockNumber", Long.class))
                        .get(10, TimeUnit.SECONDS));
        assertEquals(
                Kind.CLOSED, assertInstanceOf(RpcException.class, e.getCause()).kind());
    }

    @Test
    void aSyncOnlyClientStartsNoThread() {
        AtomicInteger mevkitThreads = new AtomicInteger();
        try (RpcClient client = client().build()) {
            assertEquals(42, client.blockNumber());
            Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("mevkit-rpc-"))
                    .forEach(t -> mevkitThreads.incrementAndGet());
        }
        assertEquals(0, mevkitThreads.get());
    }

    @Test
    void anInjectedSchedulerIsNotShutDown() throws Exception {
        try (RpcClient client = client().scheduler(scheduler).build()) {
            assertEquals(
                    42L,
                    client.callAsync(RpcRequest.of("eth_blockNumber", Long.class))
                            .get(10, TimeUnit.SECONDS));
        }
        assertFalse(scheduler.isShutdown());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
