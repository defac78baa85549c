package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.testing.MutableClock;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;

/** Oracle incidents of the past, replayed through the real source implementations. */
class OracleIncidentsTest {
    static final AssetKey ASSET = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final String PYTH_ID = "ff61491a931112ddf1bd8147cd1b641375f79f5825126d665480874634fd0ace";
    static final Address FEED = Address.of("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419");

    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));
    MockWebServer coingecko;
    MockWebServer hermes;
    OkHttpClient http;
    PriceOracle oracle;

    final AtomicReference<MockResponse> coingeckoReply = new AtomicReference<>();
    final AtomicReference<MockResponse> hermesReply = new AtomicReference<>();
    final AtomicInteger coingeckoCalls = new AtomicInteger();
    final AtomicReference<BigInteger> chainlinkAnswer = new AtomicReference<>();
    final AtomicReference<Instant> chainlinkUpdated = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        coingecko = server(coingeckoReply, coingeckoCalls);
        hermes = server(hermesReply, new AtomicInteger());
        http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() throws IOException {
        if (oracle != null) {
            oracle.close();
        }
        coingecko.shutdown();
        hermes.shutdown();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static MockWebServer server(AtomicReference<MockResponse> reply, AtomicInteger calls) throws IOException {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                calls.incrementAndGet();
                return reply.get();
            }
        });
        server.start();
        return server;
    }

    void coingeckoSays(String usd) {
        coingeckoReply.set(new MockResponse()
                .setBody("{\"ethereum\":{\"usd\":" + usd + ",\"last_updated_at\":"
                        + clock.instant().getEpochSecond() + "}}"));
    }

    void pythSays(String mantissa, String conf, Instant published) {
        hermesReply.set(new MockResponse()
                .setBody("{\"parsed\":[{\"id\":\"" + PYTH_ID + "\",\"price\":{\"price\":\""
                        + mantissa + "\",\"conf\":\"" + conf + "\",\"expo\":-8,\"publish_time\":"
                        + published.getEpochSecond()
                        + "}}]}"));
    }

    void chainlinkSays(long answer, Instant updated) {
        chainlinkAnswer.set(BigInteger.valueOf(answer));
        chainlinkUpdated.set(updated);
    }

    /** latestRoundData / decimals words as the feed would return them. */
    String feedCall(String data) {
        if (data.equals("0x313ce567")) {
            return "0x" + TypeEncoder.encode(new Uint256(8));
        }
        BigInteger round = BigInteger.ONE
                .shiftLeft(64)
                .add(BigInteger.valueOf(clock.instant().getEpochSecond()));
        BigInteger t = BigInteger.valueOf(chainlinkUpdated.get().getEpochSecond());
        return "0x" + TypeEncoder.encode(new Uint80(round)) + TypeEncoder.encode(new Int256(chainlinkAnswer.get()))
                + TypeEncoder.encode(new Uint256(t)) + TypeEncoder.encode(new Uint256(t))
                + TypeEncoder.encode(new Uint80(round));
    }

    PriceOracle oracle(ChainlinkFeed feed) {
        PriceRegistry registry = PriceRegistry.builder()
                .coingeckoId(ASSET, "ethereum")
                .pyth(ASSET, PYTH_ID)
                .chainlink(ASSET, feed)
                .build();
        return PriceOracle.builder()
                .registry(registry)
                .clock(clock)
                .source(CoinGeckoSource.builder(http)
                        .baseUrl(coingecko.url("/api/v3").toString())
                        .cachePeriod(Duration.ofMillis(1))
                        .clock(clock)
                        .build())
                .source(PythHermesSource.builder(http)
                        .endpoint(hermes.url("/").toString())
                        .clock(clock)
                        .build())
                .source(ChainlinkSource.create((to, data, block) -> feedCall(data), clock))
                .cache(Duration.ofMillis(2), Duration.ofMillis(1))
                .sourceTimeout(Duration.ofSeconds(5))
                .build();
    }

    static ChainlinkFeed feed() {
        return ChainlinkFeed.of(FEED, Duration.ofHours(1), new BigDecimal("0.005"));
    }

    @Test
    void a429StormCostsOneRequestPerPenaltyAndTheOthersCarryThePrice() {
        coingeckoReply.set(new MockResponse()
                .setResponseCode(429)
                .setBody(Fixtures.json("coingecko-simple-price.json")
                        .get("rate_limited")
                        .get("body")
                        .toString()));
        pythSays("300000000000", "150000000", clock.instant());
        chainlinkSays(300_100_000_000L, clock.instant());
        oracle = oracle(feed());
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofSeconds(1));
            pythSays("300000000000", "150000000", clock.instant());
            chainlinkSays(300_100_000_000L, clock.instant());
            AggregatedPrice p = oracle.priceAt(ASSET.chainId(), ASSET.token(), 100 + i);
            assertEquals(2, p.included().size());
            assertEquals(ExclusionReason.RATE_LIMITED, p.excluded().get(0).reason());
        }
        assertEquals(1, coingeckoCalls.get(), "the storm must not be fed");
    }

    /** May 2022: the feed sat at its $0.10 floor while the market traded near $0.01. */
    @Test
    void lunaAFeedStuckAtItsMinimumAnswerDoesNotSetThePrice() {
        long floor = 10_000_000L;
        coingeckoSays("0.0101");
        pythSays("1000000", "20000", clock.instant());
        chainlinkSays(floor, clock.instant());
        oracle = oracle(feed().withBounds(BigInteger.valueOf(floor), BigInteger.valueOf(100_000_000_000_000L)));
        AggregatedPrice p = oracle.priceAt(ASSET.chainId(), ASSET.token(), 1);
        assertEquals(ExclusionReason.PINNED, p.excluded().get(0).reason());
        assertTrue(p.value().compareTo(new BigDecimal("0.02")) < 0, p.value().toPlainString());
        assertTrue(p.upper().compareTo(new BigDecimal("0.05")) < 0, "the floor must not leak into the bounds");
    }

    @Test
    void aPythPriceWithAHugeConfidenceBarelyMovesTheAggregate() {
        coingeckoSays("3000");
        chainlinkSays(300_200_000_000L, clock.instant());
        pythSays("299900000000", "90000000000", clock.instant()); // 2999 ± 900
        oracle = oracle(feed());
        AggregatedPrice p = oracle.priceAt(ASSET.chainId(), ASSET.token(), 1);
        assertTrue(
                p.value().compareTo(new BigDecimal("2999")) > 0 && p.value().compareTo(new BigDecimal("3002")) <= 0,
                p.value().toPlainString());
    }

    @Test
    void oneSourceThirtyPercentOffIsExcludedAndConfidenceDrops() {
        coingeckoSays("2100");
        chainlinkSays(300_000_000_000L, clock.instant());
        pythSays("300100000000", "150000000", clock.instant());
        oracle = oracle(feed());
        AggregatedPrice p = oracle.priceAt(ASSET.chainId(), ASSET.token(), 1);
        assertEquals(
                List.of("coingecko"),
                p.excluded().stream().map(Exclusion::source).toList());
        assertEquals(ExclusionReason.OUTLIER, p.excluded().get(0).reason());
        assertFalse(p.confident());
    }

    @Test
    void twoOfThreeStaleIsNoQuorum() {
        coingeckoSays("3000");
        chainlinkSays(300_000_000_000L, clock.instant().minus(Duration.ofHours(3)));
        pythSays("300100000000", "150000000", clock.instant().minus(Duration.ofHours(1)));
        oracle = oracle(feed());
        PriceUnavailableException e =
                assertThrows(PriceUnavailableException.class, () -> oracle.priceAt(ASSET.chainId(), ASSET.token(), 1));
        assertEquals(PriceUnavailableException.Failure.NO_QUORUM, e.failure());
        assertEquals(
                2,
                e.excluded().stream()
                        .filter(x -> x.reason() == ExclusionReason.STALE)
                        .count());
    }
}
