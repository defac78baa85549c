package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.ValidationException;
import io.mevkit.testing.MutableClock;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityTest {
    private static final byte[] SECRET = "a-32-byte-test-secret-for-hs256!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER = "another-32-byte-secret-for-hs256".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final StreamTokens tokens = StreamTokens.hmac(SECRET);
    private StreamServer server;
    private ExecutorService executor;
    private HttpClient http;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = StreamServer.builder()
                .clock(clock)
                .jwtSecret(SECRET)
                .allowOrigin("https://ops.example.com")
                .heartbeatInterval(Duration.ofMillis(50))
                .staleAfter(Duration.ofHours(1))
                .inboundRateLimit(1, 5)
                .build();
        executor = Executors.newFixedThreadPool(2);
        http = HttpClient.newBuilder().executor(executor).build();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.close();
        executor.shutdownNow();
    }

    private Instant inAnHour() {
        return clock.instant().plus(Duration.ofHours(1));
    }

    private TestClient connect(String token) throws Exception {
        TestClient c = TestClient.open(http, server.uri(), token);
        clients.add(c);
        return c;
    }

    private int refusedStatus(String token) throws Exception {
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> new TestClient().connect(http, server.uri(), token).get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, () -> "cause: " + e.getCause());
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void aValidTokenConnectsAndItsChannelsAreAnnounced() throws Exception {
        TestClient c = connect(tokens.issue("ops", EnumSet.of(Channel.GAS_PRICES, Channel.BUNDLES), inAnHour()));
        JsonNode welcome = c.next("welcome");
        assertEquals("[\"bundles\",\"gas_prices\"]", sorted(welcome.get("channels")));
        assertEquals(inAnHour().toEpochMilli(), welcome.get("expiresAt").asLong());
        assertTrue(server.authenticated());
    }

    private static String sorted(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        names.sort(null);
        return TestClient.MAPPER.valueToTree(names).toString();
    }

    @Test
    void forgedExpiredMissingAndExpiryLessTokensAreRefusedWith401() throws Exception {
        String forged = StreamTokens.hmac(OTHER).issueAllChannels("mallory", inAnHour());
        String expired = tokens.issueAllChannels("ops", clock.instant().minusSeconds(1));
        String noExpiry =
                JWT.create().withSubject("ops").withClaim("scope", "stream:*").sign(Algorithm.HMAC256(SECRET));
        String noneAlgorithm = JWT.create()
                .withSubject("ops")
                .withClaim("scope", "stream:*")
                .withExpiresAt(inAnHour())
                .sign(Algorithm.none());
        assertEquals(401, refusedStatus(forged));
        assertEquals(401, refusedStatus(expired));
        assertEquals(401, refusedStatus(noExpiry));
        assertEquals(401, refusedStatus(noneAlgorithm));
        assertEquals(401, refusedStatus(null));
        assertEquals(401, refusedStatus("not.a.jwt"));
        StreamStats s = server.stats();
        assertEquals(1, s.rejectedUpgrades(UpgradeRejection.TOKEN_EXPIRED));
        assertEquals(5, s.rejectedUpgrades(UpgradeRejection.UNAUTHENTICATED));
        assertEquals(0, s.clients());
    }

    @Test
    void aTokenGrantingNoChannelIsRefusedWith403() throws Exception {
        assertEquals(403, refusedStatus(tokens.issueScope("ops", "admin stream:mempool", inAnHour())));
        assertEquals(1, server.stats().rejectedUpgrades(UpgradeRejection.NO_SCOPE));
    }

    @Test
    void aWrongScopeSubscriptionIsForbiddenAndNothingOfThatChannelArrives() throws Exception {
        TestClient c = connect(tokens.issue("viewer", EnumSet.of(Channel.GAS_PRICES), inAnHour()));
        c.next("welcome");
        c.send("{\"type\":\"subscribe\",\"id\":1,\"channels\":[\"gas_prices\",\"opportunities\"]}");
        JsonNode error = c.next("error");
        assertEquals("forbidden", error.get("code").asText());
        assertEquals("opportunities", error.get("channel").asText());
        c.subscribe("gas_prices");
        server.publish(Channel.OPPORTUNITIES, Map.of("secret", "edge"));
        server.publish(Channel.GAS_PRICES, Map.of("baseFee", "1"));
        assertEquals("gas_prices", c.next("event").get("channel").asText());
        assertTrue(c.inbox.isEmpty());
    }

    @Test
    void aTokenMayComeAsABearerSubprotocolForBrowsers() throws Exception {
        String token = tokens.issueAllChannels("dashboard", inAnHour());
        TestClient c = new TestClient();
        var ws = http.newWebSocketBuilder()
                .subprotocols(StreamServer.PROTOCOL, StreamServer.BEARER_PROTOCOL_PREFIX + token)
                .buildAsync(server.uri(), c)
                .get(20, TimeUnit.SECONDS);
        clients.add(c);
        assertEquals(StreamServer.PROTOCOL, ws.getSubprotocol());
        assertEquals(8, c.next("welcome").get("channels").size());
    }

    @Test
    void aClientIsClosedWhenItsTokenExpires() throws Exception {
        TestClient c = connect(tokens.issueAllChannels("ops", clock.instant().plusSeconds(60)));
        c.next("welcome");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(4003, c.closed.get(20, TimeUnit.SECONDS));
        Await.until(() -> server.stats().disconnects(DisconnectReason.TOKEN_EXPIRED) == 1, () -> "counted");
    }

    @Test
    void foreignOriginsAreRefusedButAllowedAndSameOriginsPass() throws Exception {
        String token = tokens.issueAllChannels("ops", inAnHour());
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        try (RawClient evil = raw(Map.of("Origin", "https://evil.example"), auth);
                RawClient allowed = raw(Map.of("Origin", "https://ops.example.com"), auth);
                RawClient same = raw(Map.of("Origin", "http://127.0.0.1:" + server.port()), auth);
                RawClient none = raw(Map.of(), auth)) {
            assertEquals(403, evil.status);
            assertEquals(101, allowed.status);
            assertEquals(101, same.status);
            assertEquals(101, none.status);
        }
        assertEquals(1, server.stats().rejectedUpgrades(UpgradeRejection.ORIGIN));
    }

    private RawClient raw(Map<String, String> a, Map<String, String> b) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(a);
        headers.putAll(b);
        return new RawClient(server.uri(), headers, 0);
    }

    @Test
    void inboundMessagesOverTheRateLimitAreRefusedThenTheFlooderIsDisconnected() throws Exception {
        // 5 messages per 5 s: the burst is spent long before the period ends
        TestClient c = connect(tokens.issueAllChannels("ops", inAnHour()));
        c.next("welcome");
        for (int i = 0; i < 5; i++) {
            c.send("{\"type\":\"ping\"}");
            c.next("pong");
        }
        c.send("{\"type\":\"ping\"}");
        assertEquals("rate_limited", c.next("error").get("code").asText());
        assertEquals(1, server.stats().inboundRateLimited());
        for (int i = 0; i < 5; i++) {
            c.send("{\"type\":\"ping\"}");
        }
        assertEquals(4002, c.closed.get(20, TimeUnit.SECONDS));
        Await.until(() -> server.stats().disconnects(DisconnectReason.RATE_LIMITED) == 1, () -> "counted");
        assertEquals(6, server.stats().inboundRateLimited());
    }

    @Test
    void withoutASecretTheServerBindsToLoopbackOnlyAndHasNoBypass() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> StreamServer.builder().host("0.0.0.0").build());
        assertEquals("host", e.field());
        try (StreamServer local = StreamServer.builder().build()) {
            assertEquals("127.0.0.1", local.uri().getHost());
            assertFalse(local.authenticated());
        }
    }

    @Test
    void secretsAreValidatedAndNeverPrinted() {
        ValidationException e = assertThrows(ValidationException.class, () -> StreamServer.builder()
                .jwtSecret("short-secret".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("jwtSecret", e.field());
        assertFalse(e.getMessage().contains("short-secret"));
        assertFalse(StreamTokens.hmac(SECRET).toString().contains("secret-for"));
    }
}
