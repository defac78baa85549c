package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.FakeNode;
import io.mevkit.core.testing.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interceptors around each HTTP exchange: auth headers, metrics, short circuits, and how their failures surface. */
class RpcClientInterceptorTest {
    private static final long CHAIN = 31337;
    private final FakeNode node = new FakeNode(CHAIN).result("eth_blockNumber", "0x9");

    @AfterEach
    void stop() {
        node.close();
    }

    private RpcClient.Builder client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .endpoint("node", node.url())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0);
    }

    @Test
    void interceptorsAddHeadersInOrderAndSeeEachExchange() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RpcClient client = client().addInterceptor(chain -> {
                    seen.add("outer " + chain.request().methods() + " @"
                            + chain.request().endpoint().name());
                    return chain.proceed(chain.request().withHeader("Authorization", "Bearer t0ken"));
                })
                .addInterceptor(chain -> {
                    seen.add("inner sees auth="
                            + chain.request().header("authorization").isPresent());
                    RpcHttpResponse response = chain.proceed(chain.request().withHeader("X-Trace", "abc"));
                    seen.add("inner got " + response.status());
                    return response;
                })
                .build()) {
            assertEquals(9, client.blockNumber());
        }
        assertEquals(
                List.of(
                        "outer [eth_chainId] @node",
                        "inner sees auth=true",
                        "inner got 200",
                        "outer [eth_blockNumber] @node",
                        "inner sees auth=true",
                        "inner got 200"),
                seen);
        node.requests().forEach(r -> {
            assertEquals("Bearer t0ken", r.getHeader("Authorization"));
            assertEquals("abc", r.getHeader("X-Trace"));
            assertEquals("application/json", r.getHeader("Content-Type"));
        });
    }

    @Test
    void aMetricsInterceptorCountsEveryExchange() {
        AtomicInteger exchanges = new AtomicInteger();
        AtomicInteger bytes = new AtomicInteger();
        try (RpcClient client = client().addInterceptor(chain -> {
                    RpcHttpResponse response = chain.proceed(chain.request());
                    exchanges.incrementAndGet();
                    bytes.addAndGet(response.bodyLength());
                    return response;
                })
                .build()) {
            client.blockNumber();
            client.blockNumber();
        }
        assertEquals(3, exchanges.get());
        assertTrue(bytes.get() > 3 * 30, "bodies were counted: " + bytes.get());
    }

    @Test
    void anInterceptorMayAnswerWithoutSending() {
        String cached = "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"0x7a69\"}";
        try (RpcClient client = client().addInterceptor(
                        chain -> chain.request().methods().equals(List.of("eth_chainId"))
                                ? RpcHttpResponse.of(200, Map.of(), cached.getBytes(StandardCharsets.UTF_8))
                                : chain.proceed(chain.request()))
                .build()) {
            assertEquals(9, client.blockNumber());
        }
        assertEquals(List.of("eth_blockNumber"), node.methods());
    }

    @Test
    void anInterceptorThatThrowsFailsTheExchangeWithoutItsMessage() {
        RecordingListener events = new RecordingListener();
        try (RpcClient client = client().addListener(events)
                .addInterceptor(chain -> {
                    throw new IllegalStateException("token vault says secret-xyz is expired");
                })
                .build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.TRANSPORT, e.kind());
            assertEquals("eth_blockNumber", e.method());
            assertTrue(e.getMessage().contains("IllegalStateException"), e.getMessage());
            assertFalse(e.getMessage().contains("secret-xyz"), e.getMessage());
        }
        assertEquals(List.of(), node.methods());
        assertEquals(1, events.exchanges.size());
        assertEquals(Kind.TRANSPORT, events.exchanges.get(0).failure().orElseThrow());
    }

    @Test
    void anInterceptorMayThrowATypedError() {
        try (RpcClient client = client().addInterceptor(chain -> {
                    throw RpcException.of(Kind.CIRCUIT_OPEN, "eth_chainId", null, "rate limiter says no", null);
                })
                .maxRetries(0)
                .build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.CIRCUIT_OPEN, e.kind());
        }
    }

    @Test
    void requestsNeverShowHeaderValues() {
        RpcHttpRequest request = RpcHttpRequest.of(
                        new RpcEndpoint("n", "host/"), List.of("eth_call"), "{}".getBytes(StandardCharsets.UTF_8))
                .withHeader("Authorization", "Bearer hidden-value");
        assertFalse(request.toString().contains("hidden-value"), request.toString());
        assertTrue(request.toString().contains("authorization"), request.toString());
        assertThrows(IllegalArgumentException.class, () -> request.withHeader("X-Bad", "a\r\nInjected: 1"));
        assertThrows(IllegalArgumentException.class, () -> request.withHeader("Bad Name", "v"));
        assertEquals(request, request.withoutHeader("nothing"));
        assertTrue(request.withoutHeader("AUTHORIZATION").headers().isEmpty());
    }

    @Test
    void listenersSeeEveryExchangeWithItsOutcome() {
        RecordingListener events = new RecordingListener();
        node.error("eth_call", 3, "execution reverted", null);
        try (RpcClient client = client().addListener(events).build()) {
            client.blockNumber();
            assertThrows(RpcException.class, () -> client.call("eth_call", List.of(), String.class));
        }
        assertEquals(3, events.exchanges.size());
        events.exchanges.forEach(e -> {
            assertEquals("node", e.endpoint().name());
            assertEquals(200, e.status().orElseThrow());
            assertTrue(e.failure().isEmpty(), "a JSON-RPC error is an answered exchange");
            assertTrue(e.requestBytes() > 0 && e.responseBytes() > 0);
        });
        assertEquals(List.of("eth_call"), events.exchanges.get(2).methods());
    }

    @Test
    void aThrowingListenerDoesNotBreakCalls() {
        try (RpcClient client = client().addListener(new RpcListener() {
                    @Override
                    public void onExchange(Exchange exchange) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .build()) {
            assertEquals(9, client.blockNumber());
        }
    }
}
