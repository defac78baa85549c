package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.testing.FakeNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad answer becomes a typed {@link RpcException} that names the method. */
class RpcClientErrorsTest {
    private static final long CHAIN = 31337;
    private final FakeNode node = new FakeNode(CHAIN);

    @AfterEach
    void stop() {
        node.close();
    }

    private RpcClient.Builder client() {
        return RpcClient.builder()
                .chainId(CHAIN)
                .endpoint(node.url())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0);
    }

    @Test
    void http500IsAnHttpStatusErrorNamingTheMethod() {
        node.failAllBut(new MockResponse().setResponseCode(500).setBody("upstream broke"));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals("eth_blockNumber", e.method());
            assertEquals(500, e.httpStatus().orElseThrow());
            assertTrue(e.isRetryable());
            String host = node.server().getHostName() + ":" + node.server().getPort() + "/";
            assertEquals("eth_blockNumber at " + host + ": HTTP 500", e.getMessage());
            assertEquals(host, e.endpoint().orElseThrow());
        }
    }

    @Test
    void httpErrorWithAJsonRpcBodyKeepsItsCodeAndMessage() {
        node.failAllBut(new MockResponse()
                .setResponseCode(429)
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32005,\"message\":\"rate limited\"}}"));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.HTTP_STATUS, e.kind());
            assertEquals(429, e.httpStatus().orElseThrow());
            assertEquals(-32005, e.code().orElseThrow());
            assertEquals("rate limited", e.rpcMessage().orElseThrow());
            assertTrue(e.isRetryable());
        }
    }

    @Test
    void nonJsonBodyIsMalformedNamingTheMethod() {
        node.failAllBut(new MockResponse().setBody("<html><body>502 Bad Gateway</body></html>"));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(RpcException.class, () -> client.getBalance(Address.ZERO, BlockTag.LATEST));
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertEquals("eth_getBalance", e.method());
            assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}",
                "\"0x1\"",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"message\":\"no code\"}}"
            })
    void responsesThatAnswerNothingAreMalformed(String body) {
        node.failAllBut(new MockResponse().setBody(body));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind(), e.getMessage());
            assertEquals("eth_blockNumber", e.method());
        }
    }

    @Test
    void resultOfTheWrongShapeIsMalformed() {
        node.result("eth_blockNumber", Map.of("not", "a quantity"));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.MALFORMED_RESPONSE, e.kind());
            assertTrue(e.getMessage().contains("does not decode into java.lang.Long"), e.getMessage());
        }
    }

    @Test
    void jsonRpcErrorObjectCarriesCodeMessageAndData() {
        String revert = "0x08c379a00000000000000000000000000000000000000000000000000000000000000020"
                + "000000000000000000000000000000000000000000000000000000000000000a"
                + "6e6f20616d6f756e740000000000000000000000000000000000000000000000";
        node.error("eth_call", 3, "execution reverted: no amount", revert);
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(
                    RpcException.class, () -> client.call(Address.ZERO, new byte[] {1, 2}, BlockTag.LATEST));
            assertEquals(Kind.RPC_ERROR, e.kind());
            assertEquals("eth_call", e.method());
            assertEquals(3, e.code().orElseThrow());
            assertEquals("execution reverted: no amount", e.rpcMessage().orElseThrow());
            assertEquals(revert, e.data().orElseThrow().asText());
            assertEquals("\"" + revert + "\"", e.dataJson().orElseThrow());
            assertFalse(e.isRetryable());
            assertTrue(e.getMessage().contains("JSON-RPC error 3: execution reverted: no amount"), e.getMessage());
        }
        // a JSON-RPC error is the node's answer: sent once, never retried or failed over
        assertEquals(List.of("eth_chainId", "eth_call"), node.methods());
    }

    @Test
    void oversizeBodyDeclaredByContentLengthIsRefused() {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x" + "ab".repeat(40_000) + "\"}";
        node.failAllBut(new MockResponse().setBody(big));
        try (RpcClient client = client().maxResponseBytes(16 * 1024).build()) {
            RpcException e =
                    assertThrows(RpcException.class, () -> client.call(Address.ZERO, new byte[0], BlockTag.LATEST));
            assertEquals(Kind.OVERSIZE_RESPONSE, e.kind());
            assertEquals("eth_call", e.method());
            assertTrue(e.getMessage().contains("16384"), e.getMessage());
        }
    }

    @Test
    void oversizeChunkedBodyStopsReadingAtTheLimit() {
        // 4 MiB sent at 64 KiB per second: reading it all would outlast the 5 s timeout (a TIMEOUT); stopping at the
        // 16 KiB limit answers OVERSIZE_RESPONSE at once
        Buffer body = new Buffer().writeUtf8("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x");
        byte[] chunk = "ab".repeat(8192).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 256; i++) {
            body.write(chunk);
        }
        body.writeUtf8("\"}");
        node.failAllBut(new MockResponse().setChunkedBody(body, 8192).throttleBody(65536, 1, TimeUnit.SECONDS));
        try (RpcClient client = client().maxResponseBytes(16 * 1024).build()) {
            RpcException e =
                    assertThrows(RpcException.class, () -> client.call(Address.ZERO, new byte[0], BlockTag.LATEST));
            assertEquals(Kind.OVERSIZE_RESPONSE, e.kind(), e.getMessage());
            assertFalse(e.isRetryable());
        }
    }

    @Test
    void noResponseWithinTheTimeoutIsATimeout() {
        node.failAllBut(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        try (RpcClient client = client().build()) {
            RpcException e = assertThrows(
                    RpcException.class,
                    () -> client.call(RpcRequest.of("eth_gasPrice", Long.class).withTimeout(Duration.ofMillis(200))));
            assertEquals(Kind.TIMEOUT, e.kind());
            assertEquals("eth_gasPrice", e.method());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
        }
    }

    @Test
    void aBodyThatStallsMidwayIsATimeout() {
        node.failAllBut(new MockResponse()
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}")
                .setBodyDelay(2, TimeUnit.SECONDS));
        try (RpcClient client = client().timeout(Duration.ofMillis(200)).build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.TIMEOUT, e.kind());
            assertEquals("eth_blockNumber", e.method());
        }
    }

    @Test
    void connectionRefusedIsATransportError() throws Exception {
        String url = node.url();
        node.close();
        try (RpcClient client =
                RpcClient.builder().chainId(CHAIN).endpoint(url).maxRetries(0).build()) {
            RpcException e = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.TRANSPORT, e.kind());
            assertEquals("eth_blockNumber", e.method());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "ftp://user:secret@host/x", "http://", "127.0.0.1:8545", "ws://h:1/"})
    void malformedUrlFailsAtBuildWithoutEchoingIt(String url) {
        RpcClient.Builder builder = RpcClient.builder().chainId(CHAIN).endpoint(url);
        ValidationException e = assertThrows(ValidationException.class, builder::build);
        assertEquals("endpoints[0]", e.field());
        assertTrue(e.getMessage().contains("must be an http or https URL"), e.getMessage());
        assertFalse(!url.isEmpty() && e.getMessage().contains(url), e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void builderRejectsMissingAndBadOptions() {
        assertEquals(
                "chainId",
                assertThrows(
                                ValidationException.class,
                                () -> RpcClient.builder().endpoint(node.url()).build())
                        .field());
        assertEquals(
                "endpoints",
                assertThrows(
                                ValidationException.class,
                                () -> RpcClient.builder().chainId(1).build())
                        .field());
        assertEquals(
                "chainId",
                assertThrows(ValidationException.class, () -> RpcClient.builder()
                                .chainId(0))
                        .field());
        assertEquals(
                "timeout",
                assertThrows(ValidationException.class, () -> RpcClient.builder()
                                .timeout(Duration.ZERO))
                        .field());
        assertEquals(
                "maxResponseBytes",
                assertThrows(ValidationException.class, () -> RpcClient.builder()
                                .maxResponseBytes(10))
                        .field());
        assertEquals(
                "endpoints[1].name",
                assertThrows(ValidationException.class, () -> RpcClient.builder()
                                .chainId(1)
                                .endpoint("a", node.url())
                                .endpoint("a", node.url())
                                .build())
                        .field());
        dev.failsafe.CircuitBreaker<Object> shared = dev.failsafe.CircuitBreaker.ofDefaults();
        assertEquals(
                "circuitBreakers",
                assertThrows(ValidationException.class, () -> RpcClient.builder()
                                .chainId(1)
                                .endpoint("a", node.url())
                                .endpoint("b", node.url())
                                .circuitBreakers(() -> shared)
                                .build())
                        .field());
    }

    @Test
    void wrongChainIdIsTypedNamingTheMethodAndTheEndpointIsNeverUsedAgain() {
        node.chainId(1).result("eth_blockNumber", "0x10");
        try (RpcClient client = client().build()) {
            RpcException first = assertThrows(RpcException.class, client::blockNumber);
            assertEquals(Kind.WRONG_CHAIN, first.kind());
            assertEquals("eth_blockNumber", first.method());
            assertTrue(first.getMessage().contains("serves chain 1, not 31337"), first.getMessage());

            RpcException second =
                    assertThrows(RpcException.class, () -> client.getBalance(Address.ZERO, BlockTag.LATEST));
            assertEquals(Kind.WRONG_CHAIN, second.kind());
            assertEquals("eth_getBalance", second.method());
            assertFalse(second.isRetryable());

            EndpointStatus status = client.endpointStatuses().get(0);
            assertEquals(EndpointStatus.ChainCheck.WRONG_CHAIN, status.chainCheck());
            assertEquals(1L, status.reportedChainId().orElseThrow());
            assertFalse(status.usable());
        }
        // the chain id was asked once; nothing else was ever sent
        assertEquals(List.of("eth_chainId"), node.methods());
    }

    @Test
    void chainIdIsCheckedOnceAndCached() {
        node.result("eth_blockNumber", "0x10");
        try (RpcClient client = client().build()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(16, client.blockNumber());
            }
            assertEquals(
                    EndpointStatus.ChainCheck.MATCHES,
                    client.endpointStatuses().get(0).chainCheck());
        }
        assertEquals(List.of("eth_chainId", "eth_blockNumber", "eth_blockNumber", "eth_blockNumber"), node.methods());
    }

    @Test
    void newBuilderDerivesAVariantThatSharesTheConnectionPool() {
        node.result("eth_blockNumber", "0x10");
        RpcClient original = client().build();
        assertEquals(16, original.blockNumber());
        try (RpcClient variant =
                original.newBuilder().timeout(Duration.ofSeconds(1)).build()) {
            assertEquals(16, variant.blockNumber());
            // the variant's first request (its own chain check) went over the original's pooled connection
            assertEquals(2, node.requests().get(2).getSequenceNumber());
            assertEquals(
                    EndpointStatus.ChainCheck.MATCHES,
                    variant.endpointStatuses().get(0).chainCheck());
            original.close();
            assertEquals(16, variant.blockNumber(), "closing the original leaves the variant working");
        }
    }

    @Test
    void closedClientRefusesCalls() {
        RpcClient client = client().build();
        client.close();
        client.close();
        RpcException e = assertThrows(RpcException.class, client::blockNumber);
        assertEquals(Kind.CLOSED, e.kind());
        assertEquals("eth_blockNumber", e.method());
        assertTrue(client.isClosed());
        assertTrue(
                client.callAsync(RpcRequest.of("eth_blockNumber", Long.class)).isCompletedExceptionally());
    }
}
