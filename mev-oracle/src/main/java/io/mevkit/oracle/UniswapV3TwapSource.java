package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.FullMath;
import io.mevkit.core.amm.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Int56;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * A Uniswap V3 pool's time-weighted average price over a window, with the semantics of Uniswap's OracleLibrary:
 * {@code observe([window, 0])}, the arithmetic mean tick rounded toward negative infinity, and the quote at that tick
 * ({@code getQuoteAtTick}: mulDiv on the squared sqrt ratio, through a 128-bit path when the ratio is large). The
 * quote is in the route's quote token (typically WETH); the oracle values it in USD through that token's own
 * aggregate.
 *
 * <p>Uncertainty: half a tick spacing (the pool's price granularity for liquidity) combined with the distance
 * between the TWAP and the current price ({@code slot0}), so a pool being moved right now reports less confidence.
 * A window longer than the pool's stored history ({@code OLD}) is an error, never a shorter window. Thread-safe.
 */
public final class UniswapV3TwapSource implements PriceSource {
    private static final MathContext MC = MathContext.DECIMAL64;
    private static final BigInteger Q64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger Q128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger Q192 = BigInteger.ONE.shiftLeft(192);
    private static final BigInteger UINT128_MAX = Q128.subtract(BigInteger.ONE);
    private static final BigDecimal TICK_BASE = new BigDecimal("1.0001");
    private static final String TOKEN0 = FunctionEncoder.encode(new Function("token0", List.of(), List.of()));
    private static final String TICK_SPACING =
            FunctionEncoder.encode(new Function("tickSpacing", List.of(), List.of()));
    private static final String SLOT0 = FunctionEncoder.encode(new Function("slot0", List.of(), List.of()));

    private final String name;
    private final EthCaller eth;
    private final Clock clock;
    private final Map<Address, Address> token0s = new ConcurrentHashMap<>();
    private final Map<Address, Integer> spacings = new ConcurrentHashMap<>();

    private UniswapV3TwapSource(String name, EthCaller eth, Clock clock) {
        this.name = name;
        this.eth = eth;
        this.clock = clock;
    }

    public static UniswapV3TwapSource create(EthCaller eth, Clock clock) {
        return create("uniswap-v3-twap", eth, clock);
    }

    public static UniswapV3TwapSource create(String name, EthCaller eth, Clock clock) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", name, "must not be blank");
        }
        return new UniswapV3TwapSource(
                name, Objects.requireNonNull(eth, "eth"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DEX_TWAP;
    }

    @Override
    public boolean supports(AssetKey asset, PriceRegistry registry) {
        return registry.twapRoute(asset).isPresent();
    }

    @Override
    public Quote fetch(FetchContext context) {
        TwapRoute route = context.registry()
                .twapRoute(context.asset())
                .orElseThrow(() ->
                        new PriceSourceException(ExclusionReason.NOT_FOUND, "no TWAP route for " + context.asset()));
        if (route.baseDecimals() > 38) {
            throw new PriceSourceException(
                    ExclusionReason.INVALID, "base amount 10^" + route.baseDecimals() + " exceeds uint128");
        }
        String block = context.blockTag();
        Address pool = route.pool();
        Address base = context.asset().token();
        Address quoteToken = route.quoteAsset().token();
        Address token0 = token0s.computeIfAbsent(pool, p -> readAddress(p, TOKEN0, block));
        if (!base.equals(token0) && !quoteToken.equals(token0)) {
            throw new PriceSourceException(
                    ExclusionReason.INVALID, "pool " + pool + " does not hold " + base + " as token0 or token1");
        }
        int spacing = spacings.computeIfAbsent(pool, p -> readInt(p, TICK_SPACING, block));
        int meanTick = meanTick(
                observe(pool, route.window().toSeconds(), block), route.window().toSeconds());
        int spotTick = spotTick(pool, block);

        BigInteger baseAmount = BigInteger.TEN.pow(route.baseDecimals());
        BigInteger quoteAmount = quoteAtTick(meanTick, baseAmount, base, quoteToken);
        if (quoteAmount.signum() <= 0) {
            throw new PriceSourceException(
                    ExclusionReason.INVALID, "TWAP of pool " + pool + " quotes zero at tick " + meanTick);
        }
        BigDecimal price = new BigDecimal(quoteAmount, route.quoteDecimals());
        BigDecimal granularity = TICK_BASE.pow(Math.max(1, spacing / 2), MC).subtract(BigDecimal.ONE);
        BigDecimal drift = TICK_BASE.pow(Math.abs(spotTick - meanTick), MC).subtract(BigDecimal.ONE);
        BigDecimal relative = granularity
                .multiply(granularity, MC)
                .add(drift.multiply(drift, MC))
                .sqrt(MC);
        return new Quote(
                context.asset(),
                name,
                kind(),
                price,
                price.multiply(relative, MC),
                context.now(),
                clock.instant(),
                context.block().map(OptionalLong::of).orElse(OptionalLong.empty()),
                Optional.of(route.quoteAsset()));
    }

    /** OracleLibrary.consult's mean tick: the cumulative delta over the window, rounded toward negative infinity. */
    public static int meanTick(BigInteger[] tickCumulatives, long window) {
        BigInteger delta = tickCumulatives[1].subtract(tickCumulatives[0]);
        BigInteger[] qr = delta.divideAndRemainder(BigInteger.valueOf(window));
        BigInteger tick = qr[0];
        if (delta.signum() < 0 && qr[1].signum() != 0) {
            tick = tick.subtract(BigInteger.ONE);
        }
        return tick.intValueExact();
    }

    /** OracleLibrary.getQuoteAtTick: how much {@code quoteToken} {@code baseAmount} of {@code baseToken} is worth. */
    public static BigInteger quoteAtTick(int tick, BigInteger baseAmount, Address baseToken, Address quoteToken) {
        if (baseAmount.signum() < 0 || baseAmount.compareTo(UINT128_MAX) > 0) {
            throw new ValidationException("baseAmount", baseAmount, "must be a uint128");
        }
        BigInteger sqrtRatioX96 = TickMath.getSqrtRatioAtTick(tick);
        boolean baseIsToken0 = baseToken.compareTo(quoteToken) < 0;
        if (sqrtRatioX96.compareTo(UINT128_MAX) <= 0) {
            BigInteger ratioX192 = sqrtRatioX96.multiply(sqrtRatioX96);
            return baseIsToken0
                    ? FullMath.mulDiv(ratioX192, baseAmount, Q192)
                    : FullMath.mulDiv(Q192, baseAmount, ratioX192);
        }
        BigInteger ratioX128 = FullMath.mulDiv(sqrtRatioX96, sqrtRatioX96, Q64);
        return baseIsToken0
                ? FullMath.mulDiv(ratioX128, baseAmount, Q128)
                : FullMath.mulDiv(Q128, baseAmount, ratioX128);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private BigInteger[] observe(Address pool, long window, String block) {
        Function observe = new Function(
                "observe",
                List.of(new DynamicArray<>(Uint32.class, List.of(new Uint32(window), new Uint32(0)))),
                List.of(new TypeReference<DynamicArray<Int56>>() {}, new TypeReference<DynamicArray<Uint160>>() {}));
        String result;
        try {
            result = eth.call(pool, FunctionEncoder.encode(observe), block);
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    message.contains("OLD")
                            ? "pool " + pool + " has no history " + window
                                    + " s back (OLD): grow its observation cardinality"
                            : "observe on pool " + pool + " failed: "
                                    + e.getClass().getSimpleName(),
                    null,
                    e);
        }
        List<Type> out = FunctionReturnDecoder.decode(result, observe.getOutputParameters());
        if (out.size() != 2) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR, "observe on pool " + pool + " returned " + out.size() + " values");
        }
        List<Int56> ticks = ((DynamicArray<Int56>) out.get(0)).getValue();
        if (ticks.size() != 2) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR, "observe on pool " + pool + " returned " + ticks.size() + " cumulatives");
        }
        return new BigInteger[] {ticks.get(0).getValue(), ticks.get(1).getValue()};
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private int spotTick(Address pool, String block) {
        List<Type> out = FunctionReturnDecoder.decode(
                eth.call(pool, SLOT0, block), List.of((TypeReference) new TypeReference<Uint160>() {}, (TypeReference)
                        new TypeReference<Int24>() {}));
        if (out.size() < 2) {
            throw new PriceSourceException(ExclusionReason.ERROR, "slot0 of pool " + pool + " is malformed");
        }
        return ((BigInteger) out.get(1).getValue()).intValueExact();
    }

    private Address readAddress(Address pool, String call, String block) {
        String result = eth.call(pool, call, block);
        if (result == null || result.length() != 66) {
            throw new PriceSourceException(ExclusionReason.ERROR, "pool " + pool + " returned no address");
        }
        return Address.fromBytes(io.mevkit.core.Hex.decode(result));
    }

    private int readInt(Address pool, String call, String block) {
        String result = eth.call(pool, call, block);
        if (result == null || result.length() != 66) {
            throw new PriceSourceException(ExclusionReason.ERROR, "pool " + pool + " returned no integer");
        }
        return new BigInteger(io.mevkit.core.Hex.decode(result)).intValueExact();
    }
}
