package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
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

class CoinGeckoSourceTest {
    static final AssetKey WETH = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final AssetKey WBTC = AssetKey.of(1, "0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599");
    static final PriceRegistry REGISTRY = PriceRegistry.builder()
            .coingeckoId(WETH, "ethereum")
            .coingeckoId(WBTC, "bitcoin")
            .coingeckoPlatform(1, "ethereum")
            .build();

    MockWebServer server;
    OkHttpClient http;
    MutableClock clock;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
        clock = new MutableClock(Instant.ofEpochSecond(1711356310));
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    CoinGeckoSource.Builder source() {
        return CoinGeckoSource.builder(http)
                .baseUrl(server.url("/api/v3").toString())
                .clock(clock);
    }

    FetchContext ctx(AssetKey asset) {
        return new FetchContext(asset, REGISTRY, Optional.empty(), clock.instant());
    }

    @Test
    void parsesTheDocumentedResponseExactlyAndSendsAUserAgentAndTheDemoKey() throws InterruptedException {
        server.enqueue(new MockResponse()
                .setBody(Fixtures.json("coingecko-simple-price.json")
                        .get("response")
                        .toString()));
        CoinGeckoSource source =
                source().apiKey(CoinGeckoSource.Plan.DEMO, "CG-demo-secret").build();
        Quote q = source.fetch(ctx(WBTC));
        assertEquals(new BigDecimal("67187.3358936566"), q.price());
        assertEquals(Instant.ofEpochSecond(1711356300), q.observedAt());
        assertEquals(SourceKind.AGGREGATOR_API, q.kind());
        assertTrue(q.uncertainty().signum() > 0);
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals(
                "/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true", request.getPath());
        assertEquals("CG-demo-secret", request.getHeader("x-cg-demo-api-key"));
        assertNull(request.getHeader("x-cg-pro-api-key"));
        assertTrue(request.getHeader("User-Agent").startsWith("mevkit/"), request.getHeader("User-Agent"));
    }

    @Test
    void proKeyGoesInTheProHeader() throws InterruptedException {
        server.enqueue(new MockResponse().setBody("{\"ethereum\":{\"usd\":3461.27,\"last_updated_at\":1711356240}}"));
        source().apiKey(CoinGeckoSource.Plan.PRO, "CG-pro-secret").build().fetch(ctx(WETH));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("CG-pro-secret", request.getHeader("x-cg-pro-api-key"));
        assertNull(request.getHeader("x-cg-demo-api-key"));
    }

    @Test
    void aPriceWithTwentySignificantDigitsRoundTripsExactly() {
        server.enqueue(new MockResponse()
                .setBody("{\"ethereum\":{\"usd\":3461.2700000000000012345,\"last_updated_at\":1711356240}}"));
        Quote q = source().build().fetch(ctx(WETH));
        assertEquals(new BigDecimal("3461.2700000000000012345"), q.price());
    }

    @Test
    void tokensWithoutAnIdArePricedByContractOnTheChainsPlatform() throws InterruptedException {
        AssetKey usdc = AssetKey.of(1, "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
        server.enqueue(
                new MockResponse()
                        .setBody(
                                "{\"0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\":{\"usd\":0.999912,\"last_updated_at\":1711356300}}"));
        Quote q = source().build().fetch(ctx(usdc));
        assertEquals(new BigDecimal("0.999912"), q.price());
        assertTrue(
                server.takeRequest(5, TimeUnit.SECONDS)
                        .getPath()
                        .startsWith(
                                "/api/v3/simple/token_price/ethereum?contract_addresses=0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"));
    }

    @Test
    void theDocumentedCachePeriodIsHonoured() {
        server.enqueue(new MockResponse().setBody("{\"ethereum\":{\"usd\":3461.27,\"last_updated_at\":1711356300}}"));
        server.enqueue(new MockResponse().setBody("{\"ethereum\":{\"usd\":3470.00,\"last_updated_at\":1711356370}}"));
        CoinGeckoSource source = source().build();
        assertEquals(new BigDecimal("3461.27"), source.fetch(ctx(WETH)).price());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(new BigDecimal("3461.27"), source.fetch(ctx(WETH)).price());
        assertEquals(1, server.getRequestCount());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(new BigDecimal("3470.00"), source.fetch(ctx(WETH)).price());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aRateLimitStopsCallsUntilTheRetryTime() {
        String body = Fixtures.json("coingecko-simple-price.json")
                .get("rate_limited")
                .get("body")
                .toString();
        server.enqueue(new MockResponse()
                .setResponseCode(429)
                .setHeader("Retry-After", "30")
                .setBody(body));
        server.enqueue(new MockResponse().setBody("{\"ethereum\":{\"usd\":3461.27,\"last_updated_at\":1711356300}}"));
        CoinGeckoSource source = source().build();
        PriceSourceException first = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(WETH)));
        assertEquals(ExclusionReason.RATE_LIMITED, first.reason());
        assertEquals(Optional.of(clock.instant().plusSeconds(30)), first.retryAt());
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertEquals(
                    ExclusionReason.RATE_LIMITED,
                    assertThrows(PriceSourceException.class, () -> source.fetch(ctx(WETH)))
                            .reason());
        }
        assertEquals(1, server.getRequestCount(), "a rate-limited source must not keep calling");
        clock.advance(Duration.ofSeconds(11));
        assertEquals(new BigDecimal("3461.27"), source.fetch(ctx(WETH)).price());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void errorsAreTypedAndNeverShowTheKey() {
        server.enqueue(new MockResponse()
                .setResponseCode(401)
                .setBody("{\"status\":{\"error_code\":10002,\"error_message\":\"missing key\"}}"));
        server.enqueue(new MockResponse().setBody("not json"));
        server.enqueue(new MockResponse().setBody("{\"ethereum\":{\"usd\":0,\"last_updated_at\":1711356300}}"));
        CoinGeckoSource source = source().apiKey(CoinGeckoSource.Plan.DEMO, "CG-demo-secret")
                .cachePeriod(Duration.ofMillis(1))
                .build();
        PriceSourceException e1 = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(WETH)));
        assertEquals(ExclusionReason.ERROR, e1.reason());
        assertTrue(e1.getMessage().contains("10002"), e1.getMessage());
        clock.advance(Duration.ofSeconds(1));
        PriceSourceException e2 = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(WETH)));
        assertEquals(ExclusionReason.ERROR, e2.reason());
        clock.advance(Duration.ofSeconds(1));
        PriceSourceException e3 = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(WETH)));
        assertEquals(ExclusionReason.INVALID, e3.reason());
        for (PriceSourceException e : new PriceSourceException[] {e1, e2, e3}) {
            assertFalse(e.getMessage().contains("CG-demo-secret"), e.getMessage());
        }
    }

    @Test
    void builderRejectsAMissingKeyWithoutShowingAnything() {
        ValidationException e =
                assertThrows(ValidationException.class, () -> source().apiKey(CoinGeckoSource.Plan.PRO, " ")
                        .build());
        assertEquals("apiKey", e.field());
        assertEquals("<redacted>", e.value());
        assertEquals(
                "baseUrl",
                assertThrows(ValidationException.class, () -> source().baseUrl("::nope")
                                .build())
                        .field());
    }
}
