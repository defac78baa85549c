package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.MutableClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int192;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;

/** The Chainlink source against the project's Chainlink-style feed and sequencer feed contracts on anvil. */
class ChainlinkSourceIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    static final AssetKey LUNA = AssetKey.of(1, "0xd2877702675e6cEb975b4A1dFf9fb7BAF4C91ea9");

    Anvil anvil;
    String owner;
    MutableClock clock;
    ChainlinkSource source;
    RpcClient rpc;

    @BeforeEach
    void setUp() {
        anvil = ANVIL.anvil();
        owner = anvil.accounts().get(0);
        clock = new MutableClock(Instant.EPOCH);
        rpc = RpcClient.builder()
                .chainId(anvil.chainId())
                .endpoint(anvil.rpcUrl())
                .build();
        source = ChainlinkSource.create(EthCaller.of(rpc), clock);
    }

    @AfterEach
    void closeRpc() {
        rpc.close();
    }

    String deployFeed(int decimals, long min, long max) {
        return anvil.deploy(
                ContractArtifact.load("MockAggregatorV3"),
                new Uint8(BigInteger.valueOf(decimals)),
                new Utf8String("LUNA / USD"),
                new Int192(BigInteger.valueOf(min)),
                new Int192(BigInteger.valueOf(max)));
    }

    void answer(String feed, long answer) {
        anvil.invoke(owner, feed, Abi.fn("updateAnswer", new Int256(BigInteger.valueOf(answer))));
        clock.set(chainTime());
    }

    Instant chainTime() {
        return Instant.ofEpochSecond(Long.decode(
                anvil.block("latest").orElseThrow().path("timestamp").asText()));
    }

    FetchContext ctx(ChainlinkFeed feed) {
        PriceRegistry registry = PriceRegistry.builder().chainlink(LUNA, feed).build();
        return new FetchContext(LUNA, registry, Optional.empty(), clock.instant());
    }

    ChainlinkFeed feed(String proxy) {
        return ChainlinkFeed.of(Address.of(proxy), Duration.ofHours(1), new BigDecimal("0.005"));
    }

    @Test
    void freshAnswerIsExactWithTheFeedsDecimals() {
        String proxy = deployFeed(8, 1, Long.MAX_VALUE);
        answer(proxy, 8_912_345_678L);
        Quote q = source.fetch(ctx(feed(proxy)));
        assertEquals(new BigDecimal("89.12345678"), q.price());
        assertEquals(
                new BigDecimal("89.12345678").multiply(new BigDecimal("0.0025")).stripTrailingZeros(),
                q.uncertainty().stripTrailingZeros());
        assertEquals(clock.instant(), q.observedAt());
        assertEquals(SourceKind.PUSH_ORACLE, q.kind());
    }

    @Test
    void anAnswerOlderThanTheHeartbeatIsStale() {
        String proxy = deployFeed(8, 1, Long.MAX_VALUE);
        answer(proxy, 100_000_000L);
        clock.advance(Duration.ofMinutes(67)); // heartbeat 1 h + 10% allowance = 66 min
        PriceSourceException e = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(feed(proxy))));
        assertEquals(ExclusionReason.STALE, e.reason());
    }

    @Test
    void aNonPositiveAnswerIsNotAPrice() {
        String proxy = deployFeed(8, -10, Long.MAX_VALUE);
        answer(proxy, -1);
        assertEquals(
                ExclusionReason.INVALID,
                assertThrows(PriceSourceException.class, () -> source.fetch(ctx(feed(proxy))))
                        .reason());
        answer(proxy, 0);
        assertEquals(
                ExclusionReason.INVALID,
                assertThrows(PriceSourceException.class, () -> source.fetch(ctx(feed(proxy))))
                        .reason());
    }

    /** May 2022: the LUNA feed sat at its minimum answer while the market fell through it. */
    @Test
    void aFeedPinnedAtItsMinimumAnswerIsDetected() {
        long minAnswer = 10_000_000L; // $0.10 at 8 decimals
        String proxy = deployFeed(8, minAnswer, 100_000_000_000L);
        answer(proxy, minAnswer);
        ChainlinkFeed bounded =
                feed(proxy).withBounds(BigInteger.valueOf(minAnswer), BigInteger.valueOf(100_000_000_000L));
        PriceSourceException e = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(bounded)));
        assertEquals(ExclusionReason.PINNED, e.reason());
        assertTrue(e.getMessage().contains("no longer tracks"), e.getMessage());
    }

    @Test
    void phaseChangesAreFollowedAndARoundGoingBackIsRefused() {
        String proxy = deployFeed(8, 1, Long.MAX_VALUE);
        answer(proxy, 100_000_000L);
        answer(proxy, 101_000_000L);
        assertEquals(
                new BigDecimal("1.01000000"), source.fetch(ctx(feed(proxy))).price());
        anvil.invoke(owner, proxy, Abi.fn("setPhase", new Uint16(2)));
        answer(proxy, 102_000_000L);
        Quote afterPhase = source.fetch(ctx(feed(proxy)));
        assertEquals(new BigDecimal("1.02000000"), afterPhase.price());
        ChainlinkSource.RoundData round = source.latestRoundData(Address.of(proxy), "latest");
        assertEquals(2, round.phaseId());
        assertEquals(1, round.aggregatorRoundId());

        // the same phase, an older round: refused
        BigInteger olderRound = BigInteger.TWO.shiftLeft(63).or(BigInteger.ONE); // phase 1, round 1... of phase 1
        BigInteger phase2Round0 = BigInteger.TWO.shiftLeft(64);
        long t = clock.instant().getEpochSecond();
        anvil.invoke(
                owner,
                proxy,
                Abi.fn(
                        "updateRoundData",
                        new Uint80(phase2Round0),
                        new Int256(BigInteger.valueOf(103_000_000L)),
                        new Uint256(BigInteger.valueOf(t)),
                        new Uint256(BigInteger.valueOf(t)),
                        new Uint80(phase2Round0)));
        assertTrue(olderRound.signum() > 0);
        PriceSourceException e = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(feed(proxy))));
        assertEquals(ExclusionReason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("went backwards"), e.getMessage());
    }

    @Test
    void sequencerDownAndWithinGraceRefusePricesAfterGraceTheyFlow() {
        String proxy = deployFeed(8, 1, Long.MAX_VALUE);
        String sequencer = anvil.deploy(ContractArtifact.load("MockSequencerUptimeFeed"));
        ChainlinkFeed onL2 =
                feed(proxy).withSequencer(new ChainlinkFeed.SequencerFeed(Address.of(sequencer), Duration.ofHours(1)));
        answer(proxy, 100_000_000L);
        long now = clock.instant().getEpochSecond();

        anvil.invoke(owner, sequencer, Abi.fn("setStatus", new Bool(true), new Uint256(BigInteger.valueOf(now - 60))));
        PriceSourceException down = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(onL2)));
        assertEquals(ExclusionReason.SEQUENCER_DOWN, down.reason());
        assertTrue(down.getMessage().contains("down"), down.getMessage());

        anvil.invoke(
                owner, sequencer, Abi.fn("setStatus", new Bool(false), new Uint256(BigInteger.valueOf(now - 600))));
        PriceSourceException grace = assertThrows(PriceSourceException.class, () -> source.fetch(ctx(onL2)));
        assertEquals(ExclusionReason.SEQUENCER_DOWN, grace.reason());
        assertTrue(grace.getMessage().contains("grace"), grace.getMessage());

        anvil.invoke(
                owner, sequencer, Abi.fn("setStatus", new Bool(false), new Uint256(BigInteger.valueOf(now - 3700))));
        answer(proxy, 100_000_000L);
        assertEquals(new BigDecimal("1.00000000"), source.fetch(ctx(onL2)).price());
    }

    @Test
    void theDocumentedWordsDecodePhaseAwareAndSequencerDown() {
        String result = Fixtures.json("chainlink-latestRoundData.json")
                .get("response")
                .get("result")
                .asText();
        String published =
                Fixtures.json("chainlink-sequencer-down.json").get("result").asText();
        // the published sample is one hex digit short in its last word; that must be refused, never shifted
        assertEquals(319, published.length() - 2);
        ChainlinkSource strict = ChainlinkSource.create((to, data, block) -> published, clock);
        PriceSourceException malformed = assertThrows(
                PriceSourceException.class,
                () -> strict.latestRoundData(Address.of(LUNA.token().hex()), "latest"));
        assertEquals(ExclusionReason.ERROR, malformed.reason());
        String down = published.substring(0, 2 + 256) + published.substring(2, 2 + 64);
        ChainlinkSource fixed = ChainlinkSource.create(
                (to, data, block) -> data.equals("0xfeaf968c")
                        ? (to.equals(Address.of("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419")) ? result : down)
                        : "0x0000000000000000000000000000000000000000000000000000000000000008",
                clock);
        ChainlinkSource.RoundData round =
                fixed.latestRoundData(Address.of("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419"), "latest");
        assertEquals(new BigInteger("92233720368547771158"), round.roundId());
        assertEquals(5, round.phaseId());
        assertEquals(13078, round.aggregatorRoundId());
        assertEquals(BigInteger.valueOf(1452340000L), round.answer());
        clock.set(Instant.ofEpochSecond(1717000100));
        PriceRegistry registry = PriceRegistry.builder()
                .chainlink(
                        LUNA,
                        ChainlinkFeed.of(
                                Address.of("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419"),
                                Duration.ofHours(1),
                                new BigDecimal("0.005")))
                .build();
        Quote q = fixed.fetch(new FetchContext(LUNA, registry, Optional.empty(), clock.instant()));
        assertEquals(new BigDecimal("14.52340000"), q.price());
        ChainlinkFeed l2 = registry.chainlinkFeed(LUNA)
                .orElseThrow()
                .withSequencer(new ChainlinkFeed.SequencerFeed(
                        Address.of("0xFdB631F5EE196F0ed6FAa767959853A9F217697D"), Duration.ofHours(1)));
        PriceRegistry l2Registry = PriceRegistry.builder().chainlink(LUNA, l2).build();
        assertEquals(
                ExclusionReason.SEQUENCER_DOWN,
                assertThrows(
                                PriceSourceException.class,
                                () -> fixed.fetch(
                                        new FetchContext(LUNA, l2Registry, Optional.empty(), clock.instant())))
                        .reason());
    }
}
