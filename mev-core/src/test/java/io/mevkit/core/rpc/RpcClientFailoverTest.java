package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.RetryPolicy;
import io.mevkit.core.rpc.EndpointStatus.ChainCheck;
import io.mevkit.core.rpc.EndpointStatus.CircuitState;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.FakeNode;
import io.mevkit.core.testing.RecordingListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failover across endpoints, circuit breakers, and retries of idempotent reads only. */
class RpcClientFailoverTest {
    private static final long CHAIN = 31337;
    private final List<FakeNode> nodes = new ArrayList<>();
    private final RecordingListener events = new RecordingListener();
    private final List<CircuitBreaker<Object>> breakers = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        nodes.forEach(FakeNode::close);
    }

    private FakeNode node(long chainId) {
        FakeNode node = new FakeNode(chainId);
        nodes.add(node);
        return node;
    }

    /** The URL of a port nothing listens on. */
    private String deadUrl() {
        FakeNode node = new FakeNode(CHAIN);
        String url = node.url();
        node.close();
        return url;
    }

    private RpcClient.Builder client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .timeout(Duration.ofSeconds(5))
                .backoff(Duration.ZERO, Duration.ZERO)
                .addListener(events);
    }

    /** Breakers whose open state lasts an hour unless a test moves them on, kept for the test to inspect. */
    private RpcClient.Builder withBreakers(RpcClient.Builder builder, int failureThreshold, Duration delay) {
        return builder.circuitBreakers(() -> {
            CircuitBreaker<Object> breaker = CircuitBreaker.builder()
                    .withFailureThreshold(failureThreshold)
                    .withDelay(delay)
                    .withSuccessThreshold(1)
                    .build();
            breakers.add(breaker);
            return breaker;
        });
    }

    @Test
    void readFailsOverPastADownASlowAndAWrongChainEndpoint() {
        FakeNode slow = node(CHAIN).override(m -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        FakeNode wrong = node(1).result("eth_blockNumber", "0x1");
        FakeNode good = node(CHAIN).result("eth_blockNumber", "0x2a");
        try (RpcClient client = client().endpoint("down", deadUrl())
                .endpoint("slow", slow.url())
                .endpoint("wrong", wrong.url())
                .endpoint("good", good.url())
                .timeout(Duration.ofMillis(1500))
                .build()) {
            assertEquals(42, client.blockNumber());
            assertEquals(List.of("eth_blockNumber@down:TRANSPORT", "eth_blockNumber@slow:TIMEOUT"), events.failovers);

            List<EndpointStatus> statuses = client.endpointStatuses();
            assertTrue(
                    statuses.get(0).lastError().orElseThrow().startsWith("TRANSPORT"),
                    statuses.get(0).toString());
            assertTrue(
                    statuses.get(1).lastError().orElseThrow().startsWith("TIMEOUT"),
                    statuses.get(1).toString());
            assertEquals(ChainCheck.WRONG_CHAIN, statuses.get(2).chainCheck());
            assertEquals(ChainCheck.MATCHES, statuses.get(3).chainCheck());
            assertEquals(2, statuses.get(3).successes()); // eth_chainId and eth_blockNumber
            assertTrue(statuses.get(3).lastLatency().isPresent());
            assertEquals(List.of("wrong:1", "good:31337"), events.chainChecks);

            // again: the wrong-chain endpoint is skipped without a request
            assertEquals(42, client.blockNumber());
        }
        assertEquals(List.of("eth_chainId"), wrong.methods());
        assertEquals(List.of("eth_chainId", "eth_blockNumber", "eth_blockNumber"), good.methods());
    }

    @Test
    void whenEveryEndpointFailsTheErrorNamesTheMethodAndCarriesTheOthers() {
        FakeNode broken = node(CHAIN).failAllBut(new MockResponse().setResponseCode(502));
        try (RpcClient client = client().endpoint("down", deadUrl())
                .endpoint("broken", broken.url())
                .maxRetries(0)
                .build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals("eth_blockNumber", e.method());
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals(502, e.httpStatus().orElseThrow());
            assertEquals(1, e.getSuppressed().length);
            assertEquals(Kind.TRANSPORT, ((RpcException) e.getSuppressed()[0]).kind());
        }
    }

    @Test
    void everyEndpointOnTheWrongChainIsAWrongChainError() {
        FakeNode a = node(1);
        FakeNode b = node(10);
        try (RpcClient client =
                client().endpoint("a", a.url()).endpoint("b", b.url()).build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.WRONG_CHAIN, e.kind());
            assertEquals("eth_blockNumber", e.method());
            assertTrue(e.getMessage().contains("no endpoint serves chain 31337"), e.getMessage());
            assertTrue(e.getMessage().contains("serves 10"), e.getMessage());
        }
    }

    @Test
    void circuitOpensAfterFailuresThenHalfOpensAndClosesOnSuccess() {
        FakeNode node = node(CHAIN).result("eth_blockNumber", "0x7");
        node.failAllBut(new MockResponse().setResponseCode(503));
        try (RpcClient client = withBreakers(client().endpoint("n", node.url()).maxRetries(0), 2, Duration.ofHours(1))
                .build()) {
            assertEquals(
                    Kind.HTTP_STATUS,
                    assertThrows(RpcException.class, client::blockNumber).kind());
            assertEquals(CircuitState.CLOSED, client.endpointStatuses().get(0).circuit());
            assertEquals(
                    Kind.HTTP_STATUS,
                    assertThrows(RpcException.class, client::blockNumber).kind());
            assertEquals(CircuitState.OPEN, client.endpointStatuses().get(0).circuit());
            assertEquals(List.of("n:CLOSED->OPEN"), events.transitions);

            int sent = node.methods().size();
            RpcException open = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.CIRCUIT_OPEN, open.kind());
            assertEquals("eth_blockNumber", open.method());
            assertEquals(sent, node.methods().size(), "an open circuit sends nothing");

            // the breaker's delay has passed: failsafe moves it to half-open (done here instead of waiting an hour)
            breakers.get(0).halfOpen();
            assertEquals(
                    CircuitState.HALF_OPEN, client.endpointStatuses().get(0).circuit());
            node.override(null);
            assertEquals(7, client.blockNumber());
            assertEquals(CircuitState.CLOSED, client.endpointStatuses().get(0).circuit());
            assertEquals(List.of("n:CLOSED->OPEN", "n:HALF_OPEN->CLOSED"), events.transitions);
        }
    }

    @Test
    void anOpenCircuitHalfOpensByItselfOnceItsDelayIsOver() {
        FakeNode node = node(CHAIN).result("eth_blockNumber", "0x7");
        node.failAllBut(new MockResponse().setResponseCode(503));
        // a zero delay: the next call after opening is the half-open trial, with no waiting in the test
        try (RpcClient client = withBreakers(client().endpoint("n", node.url()).maxRetries(0), 1, Duration.ZERO)
                .build()) {
            assertThrows(RpcException.class, client::blockNumber);
            assertEquals(CircuitState.OPEN, client.endpointStatuses().get(0).circuit());
            assertThrows(RpcException.class, client::blockNumber); // the trial fails: open again
            assertEquals(CircuitState.OPEN, client.endpointStatuses().get(0).circuit());
            node.override(null);
            assertEquals(7, client.blockNumber()); // the trial succeeds: closed
            assertEquals(CircuitState.CLOSED, client.endpointStatuses().get(0).circuit());
        }
        assertEquals(
                List.of(
                        "n:CLOSED->OPEN",
                        "n:OPEN->HALF_OPEN",
                        "n:HALF_OPEN->OPEN",
                        "n:OPEN->HALF_OPEN",
                        "n:HALF_OPEN->CLOSED"),
                events.transitions);
    }

    @Test
    void readsSkipAnEndpointWhoseCircuitIsOpen() {
        FakeNode bad = node(CHAIN).failAllBut(new MockResponse().setResponseCode(500));
        FakeNode good = node(CHAIN).result("eth_blockNumber", "0x3");
        try (RpcClient client = withBreakers(
                        client().endpoint("bad", bad.url()).endpoint("good", good.url()), 1, Duration.ofHours(1))
                .build()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(3, client.blockNumber());
            }
            assertEquals(CircuitState.OPEN, client.endpointStatuses().get(0).circuit());
            assertTrue(client.endpointStatuses().get(1).usable());
        }
        assertEquals(List.of("eth_chainId", "eth_blockNumber"), bad.methods());
        assertEquals(List.of("eth_chainId", "eth_blockNumber", "eth_blockNumber", "eth_blockNumber"), good.methods());
    }

    @Test
    void idempotentReadsAreRetriedAfterEveryEndpointFailed() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        FakeNode node = node(CHAIN).result("eth_blockNumber", "0x5");
        node.override(method -> method.equals("eth_blockNumber") && failuresLeft.getAndDecrement() > 0
                ? new MockResponse().setResponseCode(503)
                : null);
        try (RpcClient client = client().endpoint("n", node.url()).maxRetries(2).build()) {
            assertEquals(5, client.blockNumber());
        }
        assertEquals(List.of("eth_blockNumber#1:HTTP_STATUS", "eth_blockNumber#2:HTTP_STATUS"), events.retries);
        assertEquals(
                3, node.methods().stream().filter("eth_blockNumber"::equals).count());
    }

    @Test
    void retriesStopAtTheLimit() {
        FakeNode node = node(CHAIN).failAllBut(new MockResponse().setResponseCode(503));
        try (RpcClient client = client().endpoint("n", node.url()).maxRetries(1).build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.HTTP_STATUS, e.kind());
        }
        assertEquals(
                2, node.methods().stream().filter("eth_blockNumber"::equals).count());
    }

    @Test
    void aJsonRpcErrorIsNeverRetriedEvenByAPolicyThatRetriesEverything() {
        FakeNode node = node(CHAIN).error("eth_call", -32000, "execution reverted", null);
        AtomicInteger retried = new AtomicInteger();
        RetryPolicy<Object> everything = RetryPolicy.builder()
                .handle(Throwable.class)
                .withMaxRetries(5)
                .onRetry(e -> retried.incrementAndGet())
                .build();
        try (RpcClient client =
                client().endpoint("n", node.url()).retryPolicy(everything).build()) {
            RpcException e = assertThrows(
                    RpcException.class, () -> client.call(io.mevkit.core.Address.ZERO, new byte[0], BlockTag.LATEST));
            assertEquals(Kind.RPC_ERROR, e.kind());
        }
        assertEquals(0, retried.get());
        assertEquals(List.of("eth_chainId", "eth_call"), node.methods());
    }

    @Test
    void aCallerRetryPolicyDecidesRetriesOfRetryableFailures() {
        FakeNode node = node(CHAIN).failAllBut(new MockResponse().setResponseCode(500));
        AtomicInteger retried = new AtomicInteger();
        RetryPolicy<Object> three = RetryPolicy.builder()
                .withMaxRetries(3)
                .onRetry(e -> retried.incrementAndGet())
                .build();
        try (RpcClient client =
                client().endpoint("n", node.url()).retryPolicy(three).build()) {
            assertThrows(RpcException.class, client::blockNumber);
        }
        assertEquals(3, retried.get());
        assertEquals(
                4, node.methods().stream().filter("eth_blockNumber"::equals).count());
    }

    @Test
    void aCallThatIsNotIdempotentIsSentOnceAndNotFailedOverOnceSent() {
        FakeNode first = node(CHAIN).failAllBut(new MockResponse().setResponseCode(503));
        FakeNode second = node(CHAIN).result("eth_sendBundle", "ok");
        try (RpcClient client = client().endpoint("first", first.url())
                .endpoint("second", second.url())
                .maxRetries(3)
                .build()) {
            RpcException e = assertThrows(
                    RpcException.class,
                    () -> client.call("eth_sendBundle", List.of(java.util.Map.of("txs", List.of())), String.class));
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals("eth_sendBundle", e.method());
        }
        assertEquals(
                1, first.methods().stream().filter("eth_sendBundle"::equals).count());
        assertEquals(List.of(), second.methods());
        assertEquals(List.of(), events.retries);
    }

    @Test
    void aCallThatIsNotIdempotentFailsOverWhenItNeverLeft() {
        FakeNode second = node(CHAIN).result("eth_sendBundle", "ok");
        try (RpcClient client = client().endpoint("down", deadUrl())
                .endpoint("second", second.url())
                .build()) {
            assertEquals("ok", client.call("eth_sendBundle", List.of(), String.class));
        }
        assertEquals(List.of("eth_chainId", "eth_sendBundle"), second.methods());
    }

    @Test
    void perCallTimeoutAlsoBoundsTheFirstChainCheck() {
        FakeNode node = node(CHAIN).override(m -> new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        try (RpcClient client = client().endpoint("n", node.url())
                .timeout(Duration.ofSeconds(30))
                .maxRetries(0)
                .build()) {
            RpcException e = assertThrows(
                    RpcException.class,
                    () -> client.call(
                            RpcRequest.of("eth_blockNumber", Long.class).withTimeout(Duration.ofMillis(150))));
            assertEquals(Kind.TIMEOUT, e.kind());
            assertEquals("eth_blockNumber", e.method());
            assertTrue(e.getMessage().contains("within 150 ms"), e.getMessage());
        }
        assertEquals(List.of("eth_chainId"), node.methods());
    }

    @Test
    void perCallTimeoutOverridesTheClientDefault() {
        FakeNode node = node(CHAIN).result("eth_blockNumber", "0x1");
        node.override(m -> m.equals("eth_blockNumber")
                ? new MockResponse()
                        .setBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}")
                        .setBodyDelay(1, java.util.concurrent.TimeUnit.SECONDS)
                : null);
        try (RpcClient client = client().endpoint("n", node.url()).maxRetries(0).build()) {
            RpcException e = assertThrows(
                    RpcException.class,
                    () -> client.call(
                            RpcRequest.of("eth_blockNumber", Long.class).withTimeout(Duration.ofMillis(100))));
            assertEquals(Kind.TIMEOUT, e.kind());
        }
    }
}
