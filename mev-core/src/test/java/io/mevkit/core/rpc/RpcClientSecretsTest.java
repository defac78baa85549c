package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.testing.CapturingLogs;
import io.mevkit.core.testing.FakeNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * No auth header, URL credential or API key appears in any exception message or log line, while every kind of error
 * happens with logging at TRACE, and even when the node echoes the credentials back in its answers.
 */
class RpcClientSecretsTest {
    private static final long CHAIN = 31337;
    private static final String USER = "alice-user";
    private static final String PASSWORD = "pa55-w0rd-S3cret";
    private static final String PATH_KEY = "0123456789abcdef0123456789abcdef";
    private static final String QUERY_KEY = "QK-8842-secret-apikey";
    private static final String BEARER = "tok-SECRET-999-bearer";
    private static final String HEADER_KEY = "HDRKEY-777-xyz";
    private static final String BASIC =
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final List<String> SECRETS = List.of(USER, PASSWORD, PATH_KEY, QUERY_KEY, BEARER, HEADER_KEY, BASIC);

    private final FakeNode node = new FakeNode(CHAIN);

    @AfterEach
    void stop() {
        node.close();
    }

    private String secretUrl(FakeNode target) {
        return "http://" + USER + ":" + PASSWORD + "@" + target.server().getHostName() + ":"
                + target.server().getPort() + "/v3/" + PATH_KEY + "?apikey=" + QUERY_KEY;
    }

    private RpcClient.Builder client(String url) {
        return RpcClient.builder()
                .chainId(CHAIN)
                .endpoint(url)
                .timeout(Duration.ofMillis(400))
                .maxRetries(1)
                .backoff(Duration.ZERO, Duration.ZERO)
                .maxResponseBytes(4096)
                .addInterceptor(chain -> chain.proceed(chain.request()
                        .withHeader("Authorization", "Bearer " + BEARER)
                        .withHeader("X-Api-Key", HEADER_KEY)));
    }

    @Test
    void noSecretInAnyMessageOrLogLineWhileEveryErrorHappens() throws Exception {
        assertTrue(CapturingLogs.active(), "the capturing SLF4J binding must be active (-Dslf4j.provider)");
        int mark = CapturingLogs.mark();
        List<Throwable> errors = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        String echo = "you sent Bearer " + BEARER + " key " + HEADER_KEY + " apikey=" + QUERY_KEY + " path /v3/"
                + PATH_KEY + " basic " + BASIC + " user " + USER + ":" + PASSWORD;

        try (RpcClient client = client(secretUrl(node)).build()) {
            // a JSON-RPC error whose message and data echo the credentials
            node.error("eth_call", -32000, echo, echo);
            errors.add(assertThrows(RpcException.class, () -> client.call(Address.ZERO, new byte[0], BlockTag.LATEST)));
            // HTTP 500 and 401 with echoing bodies
            node.failAllBut(new MockResponse().setResponseCode(500).setBody(echo));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            node.failAllBut(new MockResponse()
                    .setResponseCode(401)
                    .setBody("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"" + echo
                            + "\"}}"));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            // a body that is not JSON, and one whose result does not decode, both echoing
            node.failAllBut(new MockResponse().setBody(echo));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            node.failAllBut(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":\"" + echo + "\"}"));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            // oversize, timeout, a dropped connection
            node.failAllBut(new MockResponse().setBody(echo.repeat(100)));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            node.failAllBut(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            node.failAllBut(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            node.failAllBut(new MockResponse()
                    .setBody("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}")
                    .setBodyDelay(1, TimeUnit.SECONDS));
            errors.add(assertThrows(RpcException.class, client::blockNumber));
            // a batch failing as a whole
            errors.add(assertThrows(
                    RpcException.class, () -> client.batch(List.of(RpcRequest.of("eth_blockNumber", Long.class)))));
            // the health check's details (last errors included)
            texts.add(client.healthCheck().check().details().toString());
            texts.add(client.endpointStatuses().toString());
        }

        // the wrong chain, on another node with credentials of its own
        try (FakeNode wrong = new FakeNode(1);
                RpcClient client = client(secretUrl(wrong)).build()) {
            errors.add(assertThrows(RpcException.class, client::blockNumber));
        }
        // a refused connection
        String deadUrl = secretUrl(node);
        node.close();
        try (RpcClient client = client(deadUrl).build()) {
            errors.add(assertThrows(RpcException.class, client::blockNumber));
        }
        // a URL that does not parse, with credentials in it
        errors.add(assertThrows(ValidationException.class, () -> RpcClient.builder()
                .chainId(CHAIN)
                .endpoint("htp://" + USER + ":" + PASSWORD + "@host/" + PATH_KEY)
                .build()));

        // the credentials really were sent (so the test is not vacuous about them)
        RecordedRequest first = node.requests().get(0);
        assertEquals("Bearer " + BEARER, first.getHeader("Authorization"));
        assertEquals(HEADER_KEY, first.getHeader("X-Api-Key"));
        assertTrue(first.getRequestUrl().toString().contains(QUERY_KEY));

        errors.forEach(error -> texts.add(render(error)));
        for (String everything : texts) {
            for (String secret : SECRETS) {
                assertFalse(everything.contains(secret), "secret " + secret + " leaked into:\n" + everything);
            }
        }
        List<CapturingLogs.Line> lines = CapturingLogs.linesSince(mark);
        long detailed = lines.stream()
                .filter(l -> l.level() == Level.DEBUG || l.level() == Level.TRACE)
                .filter(l -> l.logger().startsWith("io.mevkit.core.rpc"))
                .count();
        assertTrue(detailed >= 10, "the errors must have been logged at DEBUG/TRACE, got " + detailed);
        for (CapturingLogs.Line line : lines) {
            String rendered = line.rendered();
            for (String secret : SECRETS) {
                assertFalse(rendered.contains(secret), "secret " + secret + " leaked into log line:\n" + rendered);
            }
        }
        // endpoints are shown as host and path, the key segment masked
        String shown = errors.get(1).getMessage();
        assertTrue(
                shown.contains(node.server().getHostName() + ":" + node.server().getPort() + "/v3/***"), shown);
    }

    @Test
    void endpointsAreListedRedacted() {
        try (RpcClient client = client(secretUrl(node)).build()) {
            RpcEndpoint endpoint = client.endpoints().get(0);
            String expected = node.server().getHostName() + ":" + node.server().getPort() + "/v3/***";
            assertEquals(expected, endpoint.url());
            assertEquals(expected, endpoint.name());
            assertEquals(expected, client.endpointStatuses().get(0).endpoint().toString());
        }
    }

    /** Message, toString, causes, suppressed: everything a stack trace print shows. */
    private static String render(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return error.getMessage() + "\n" + error + "\n" + out;
    }
}
