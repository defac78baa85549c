package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;

/**
 * Chainlink feeds read with {@code eth_call}: {@code latestRoundData} and {@code decimals}, at the block the
 * aggregation pins. A quote is refused, with a typed reason, when the answer is not positive ({@code INVALID}),
 * older than the feed's heartbeat allows ({@code STALE}), at the feed's min/max answer ({@code PINNED}: the feed
 * stopped tracking the market, as LUNA's did in May 2022), when the round id goes backwards within a phase
 * ({@code INVALID}; a phase change restarts the aggregator round, so {@code roundId − 1} is never assumed to be the
 * previous round), or when the L2 sequencer is down or within its grace period ({@code SEQUENCER_DOWN}).
 *
 * <p>Uncertainty: a push feed may be off by up to its deviation threshold without updating, so σ is half of it.
 * Thread-safe.
 */
public final class ChainlinkSource implements PriceSource {
    private static final Logger LOG = LoggerFactory.getLogger(ChainlinkSource.class);
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final Function LATEST_ROUND_DATA = new Function(
            "latestRoundData",
            List.of(),
            List.of(
                    new TypeReference<Uint80>() {},
                    new TypeReference<Int256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint256>() {},
                    new TypeReference<Uint80>() {}));
    private static final Function DECIMALS =
            new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {}));
    private static final String LATEST_ROUND_DATA_CALL = FunctionEncoder.encode(LATEST_ROUND_DATA);
    private static final String DECIMALS_CALL = FunctionEncoder.encode(DECIMALS);
    private static final BigInteger AGGREGATOR_ROUND_MASK =
            BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final String name;
    private final EthCaller eth;
    private final Clock clock;
    private final double heartbeatSlack;
    private final Duration maxFutureSkew;
    private final Map<Address, Integer> decimals = new ConcurrentHashMap<>();
    private final Map<Address, RoundData> lastSeen = new ConcurrentHashMap<>();

    private ChainlinkSource(String name, EthCaller eth, Clock clock, double heartbeatSlack, Duration maxFutureSkew) {
        this.name = name;
        this.eth = eth;
        this.clock = clock;
        this.heartbeatSlack = heartbeatSlack;
        this.maxFutureSkew = maxFutureSkew;
    }

    /** A source reading through {@code eth}, with a 10% heartbeat allowance and 30 s of clock skew tolerated. */
    public static ChainlinkSource create(EthCaller eth, Clock clock) {
        return create("chainlink", eth, clock, 0.10, Duration.ofSeconds(30));
    }

    public static ChainlinkSource create(
            String name, EthCaller eth, Clock clock, double heartbeatSlack, Duration maxFutureSkew) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", name, "must not be blank");
        }
        if (!(heartbeatSlack >= 0 && heartbeatSlack <= 10)) {
            throw new ValidationException("heartbeatSlack", heartbeatSlack, "must be in [0, 10]");
        }
        return new ChainlinkSource(
                name,
                Objects.requireNonNull(eth, "eth"),
                Objects.requireNonNull(clock, "clock"),
                heartbeatSlack,
                Objects.requireNonNull(maxFutureSkew, "maxFutureSkew"));
    }

    /** One round of a feed, as {@code latestRoundData} returns it, with the phase split out of the round id. */
    public record RoundData(BigInteger roundId, BigInteger answer, long startedAt, long updatedAt) {
        /** The proxy's phase: the top bits of the round id. */
        public int phaseId() {
            return roundId.shiftRight(64).intValueExact();
        }

        /** The round within the phase's aggregator. */
        public long aggregatorRoundId() {
            return roundId.and(AGGREGATOR_ROUND_MASK).longValue();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.PUSH_ORACLE;
    }

    @Override
    public boolean supports(AssetKey asset, PriceRegistry registry) {
        return registry.chainlinkFeed(asset).isPresent();
    }

    @Override
    public Quote fetch(FetchContext context) {
        ChainlinkFeed feed = context.registry()
                .chainlinkFeed(context.asset())
                .orElseThrow(() -> new PriceSourceException(
                        ExclusionReason.NOT_FOUND, "no Chainlink feed for " + context.asset()));
        Instant now = clock.instant();
        String block = context.blockTag();
        feed.sequencer().ifPresent(sequencer -> checkSequencer(sequencer, block, now));

        RoundData round = latestRoundData(feed.proxy(), block);
        if (round.answer().signum() <= 0) {
            throw new PriceSourceException(
                    ExclusionReason.INVALID, "feed " + feed.proxy() + " answered " + round.answer() + " (not a price)");
        }
        if (round.updatedAt() == 0) {
            throw new PriceSourceException(ExclusionReason.INVALID, "feed " + feed.proxy() + " round is incomplete");
        }
        Instant updated = Instant.ofEpochSecond(round.updatedAt());
        if (updated.isAfter(now.plus(maxFutureSkew))) {
            throw new PriceSourceException(
                    ExclusionReason.INVALID, "feed " + feed.proxy() + " updated in the future: " + updated);
        }
        Duration allowance = Duration.ofMillis((long) (feed.heartbeat().toMillis() * (1 + heartbeatSlack)));
        Duration age = Duration.between(updated, now);
        if (age.compareTo(allowance) > 0) {
            throw new PriceSourceException(
                    ExclusionReason.STALE,
                    "feed " + feed.proxy() + " last updated " + age + " ago; heartbeat " + feed.heartbeat());
        }
        if (feed.minAnswer().isPresent()
                        && round.answer().compareTo(feed.minAnswer().get()) <= 0
                || feed.maxAnswer().isPresent()
                        && round.answer().compareTo(feed.maxAnswer().get()) >= 0) {
            throw new PriceSourceException(
                    ExclusionReason.PINNED,
                    "feed " + feed.proxy() + " answer " + round.answer() + " is at its bound ["
                            + feed.minAnswer().orElse(null) + ", "
                            + feed.maxAnswer().orElse(null) + "]: it no longer tracks the market");
        }
        checkMonotonic(feed.proxy(), round);

        int scale = decimals.computeIfAbsent(feed.proxy(), proxy -> readDecimals(proxy, block));
        BigDecimal price = new BigDecimal(round.answer(), scale);
        BigDecimal sigma = price.multiply(feed.deviationThreshold(), MC).divide(TWO, MC);
        return new Quote(
                context.asset(),
                name,
                kind(),
                price,
                sigma,
                updated,
                now,
                context.block().map(OptionalLong::of).orElse(OptionalLong.empty()),
                java.util.Optional.empty());
    }

    /** Reads {@code latestRoundData} of a feed (or a sequencer uptime feed) at {@code blockTag}. */
    @SuppressWarnings("rawtypes")
    public RoundData latestRoundData(Address feed, String blockTag) {
        List<Type> out = decode(feed, eth.call(feed, LATEST_ROUND_DATA_CALL, blockTag), LATEST_ROUND_DATA);
        return new RoundData(
                (BigInteger) out.get(0).getValue(),
                (BigInteger) out.get(1).getValue(),
                ((BigInteger) out.get(2).getValue()).longValueExact(),
                ((BigInteger) out.get(3).getValue()).longValueExact());
    }

    private void checkSequencer(ChainlinkFeed.SequencerFeed sequencer, String block, Instant now) {
        RoundData status = latestRoundData(sequencer.feed(), block);
        if (status.answer().signum() != 0) {
            throw new PriceSourceException(
                    ExclusionReason.SEQUENCER_DOWN,
                    "L2 sequencer is down since " + Instant.ofEpochSecond(status.startedAt()));
        }
        if (status.startedAt() == 0) {
            throw new PriceSourceException(ExclusionReason.SEQUENCER_DOWN, "sequencer uptime feed has no valid round");
        }
        Duration up = Duration.between(Instant.ofEpochSecond(status.startedAt()), now);
        if (up.compareTo(sequencer.gracePeriod()) < 0) {
            throw new PriceSourceException(
                    ExclusionReason.SEQUENCER_DOWN,
                    "L2 sequencer back up for " + up + ", within the grace period " + sequencer.gracePeriod());
        }
    }

    private void checkMonotonic(Address proxy, RoundData round) {
        RoundData previous = lastSeen.put(proxy, round);
        if (previous == null) {
            return;
        }
        if (round.phaseId() != previous.phaseId()) {
            LOG.debug("feed {} moved from phase {} to {}", proxy, previous.phaseId(), round.phaseId());
            return;
        }
        if (round.aggregatorRoundId() < previous.aggregatorRoundId() || round.updatedAt() < previous.updatedAt()) {
            lastSeen.put(proxy, previous);
            throw new PriceSourceException(
                    ExclusionReason.INVALID,
                    "feed " + proxy + " went backwards in phase " + round.phaseId() + ": round "
                            + previous.aggregatorRoundId() + " -> " + round.aggregatorRoundId());
        }
    }

    @SuppressWarnings("rawtypes")
    private int readDecimals(Address proxy, String block) {
        List<Type> out = decode(proxy, eth.call(proxy, DECIMALS_CALL, block), DECIMALS);
        return ((BigInteger) out.get(0).getValue()).intValueExact();
    }

    @SuppressWarnings("rawtypes")
    private static List<Type> decode(Address feed, String result, Function function) {
        // web3j left-pads an odd-length string, shifting every word: a malformed return must fail, not mis-decode
        int words = function.getOutputParameters().size();
        if (result == null
                || !result.startsWith("0x")
                || (result.length() - 2) % 64 != 0
                || (result.length() - 2) / 64 < words) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "feed " + feed + " returned " + (result == null ? "nothing" : (result.length() - 2) + " hex digits")
                            + " for " + function.getName() + "; expected " + words + " 32-byte words");
        }
        List<Type> out;
        try {
            out = FunctionReturnDecoder.decode(result, function.getOutputParameters());
        } catch (RuntimeException e) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR, "feed " + feed + " returned undecodable data", null, e);
        }
        if (out.size() != function.getOutputParameters().size()) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "feed " + feed + " returned " + out.size() + " values for " + function.getName());
        }
        return out;
    }
}
