package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PythHermesSourceTest {
    static final AssetKey WETH = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final String ETH_USD = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";

    MockWebServer server;
    OkHttpClient http;
    MutableClock clock;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        clock = new MutableClock(Instant.ofEpochSecond(1692110605));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    PythHermesSource source(String token) {
        PythHermesSource.Builder b = PythHermesSource.builder(http)
                .endpoint(server.url("/").toString())
                .clock(clock);
        return (token == null ? b : b.bearerToken(token)).build();
    }

    static FetchContext ctx(String id) {
        PriceRegistry registry = PriceRegistry.builder().pyth(WETH, id).build();
        return new FetchContext(WETH, registry, Optional.empty(), Instant.ofEpochSecond(1692110605));
    }

    @Test
    void decodesPriceConfExpoAndPublishTimeExactly() throws InterruptedException {
        JsonNode fixture = Fixtures.json("pyth-hermes-latest.json");
        server.enqueue(new MockResponse().setBody(fixture.get("response").toString()));
        Quote q = source("hermes-token").fetch(ctx("0x" + ETH_USD));
        assertEquals(new BigDecimal("1841.36023127"), q.price());
        assertEquals(new BigDecimal("1.77166324"), q.uncertainty());
        assertEquals(Instant.ofEpochSecond(1692110601), q.observedAt());
        assertEquals(SourceKind.PULL_ORACLE, q.kind());
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("/v2/updates/price/latest?ids%5B%5D=" + ETH_USD + "&parsed=true", request.getPath());
        assertEquals("Bearer hermes-token", request.getHeader("Authorization"));
    }

    @Test
    void anUnknownIdIsReportedPerId() {
        JsonNode unknown = Fixtures.json("pyth-hermes-latest.json").get("unknown_id");
        server.enqueue(new MockResponse()
                .setResponseCode(404)
                .setHeader("Content-Type", "text/plain")
                .setBody(unknown.get("body").asText()));
        String id = "0000000000000000000000000000000000000000000000000000000000000001";
        PriceSourceException e =
                assertThrows(PriceSourceException.class, () -> source(null).fetch(ctx(id)));
        assertEquals(ExclusionReason.NOT_FOUND, e.reason());
        assertTrue(e.getMessage().contains(id), e.getMessage());
    }

    @Test
    void aMissingOrWrongTokenIsAClearErrorWithoutTheToken() {
        server.enqueue(new MockResponse().setResponseCode(401).setBody("unauthorized"));
        PriceSourceException e = assertThrows(
                PriceSourceException.class, () -> source("wrong-secret").fetch(ctx(ETH_USD)));
        assertEquals(ExclusionReason.ERROR, e.reason());
        assertTrue(e.getMessage().contains("API key"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"));
    }

    @Test
    void theSixtySecondPenaltyIsHonoured() {
        server.enqueue(new MockResponse().setResponseCode(429));
        PythHermesSource source = source(null);
        assertEquals(
                ExclusionReason.RATE_LIMITED,
                assertThrows(PriceSourceException.class, () -> source.fetch(ctx(ETH_USD)))
                        .reason());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(
                ExclusionReason.RATE_LIMITED,
                assertThrows(PriceSourceException.class, () -> source.fetch(ctx(ETH_USD)))
                        .reason());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void nonPositivePricesAreInvalid() {
        server.enqueue(new MockResponse()
                .setBody("{\"parsed\":[{\"id\":\"" + ETH_USD
                        + "\",\"price\":{\"price\":\"0\",\"conf\":\"1\",\"expo\":-8,\"publish_time\":1692110601}}]}"));
        assertEquals(
                ExclusionReason.INVALID,
                assertThrows(PriceSourceException.class, () -> source(null).fetch(ctx(ETH_USD)))
                        .reason());
    }
}
