package io.mevkit.core.amm;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3RevertException.Rule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Uniswap V3 pool as its swap sees it at one block: {@code slot0}'s sqrt price and tick, the in-range liquidity, the
 * fee and tick spacing, and the initialized ticks with their {@code liquidityNet}.
 *
 * <p>The initialized ticks are either complete (the default: every initialized tick of the pool is given) or known
 * only for a range of bitmap words ({@link Builder#tickDataWords}); a swap that needs a word outside that range fails
 * with {@link V3TickDataMissingException} rather than silently treating it as empty. When the ticks are complete the
 * builder checks that the liquidity equals the sum of {@code liquidityNet} at or below the current tick, which catches
 * a {@code slot0} and tick data read at different blocks.
 *
 * <p>Immutable and thread-safe; the states after swaps share the tick arrays, so chaining swaps copies nothing.
 */
public final class V3PoolState {
    private final Optional<Address> address;
    private final BigInteger sqrtPriceX96;
    private final int tick;
    private final BigInteger liquidity;
    private final int fee;
    private final int tickSpacing;
    private final long blockNumber;
    private final Ticks ticks;

    /** The initialized ticks and what is derived from them once; shared by every state of one pool. */
    static final class Ticks {
        final int[] ticks; // sorted
        final BigInteger[] liquidityNet;
        final BigInteger[] sqrtPriceAtTick;
        final TickBitmap bitmap;
        final int minWord;
        final int maxWord;
        final boolean complete;
        final BigInteger feePips;
        final BigInteger feeComplement;

        Ticks(int[] ticks, BigInteger[] liquidityNet, int tickSpacing, int minWord, int maxWord, int fee) {
            this.ticks = ticks;
            this.liquidityNet = liquidityNet;
            this.sqrtPriceAtTick = new BigInteger[ticks.length];
            int[] compressed = new int[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                sqrtPriceAtTick[i] = TickMath.getSqrtRatioAtTick(ticks[i]);
                compressed[i] = ticks[i] / tickSpacing;
            }
            this.bitmap = TickBitmap.ofCompressed(compressed);
            this.minWord = minWord;
            this.maxWord = maxWord;
            this.complete = minWord == Integer.MIN_VALUE && maxWord == Integer.MAX_VALUE;
            this.feePips = BigInteger.valueOf(fee);
            this.feeComplement = BigInteger.valueOf(SwapMath.FEE_DENOMINATOR - fee);
        }
    }

    private V3PoolState(
            Optional<Address> address,
            BigInteger sqrtPriceX96,
            int tick,
            BigInteger liquidity,
            int fee,
            int tickSpacing,
            long blockNumber,
            Ticks ticks) {
        this.address = address;
        this.sqrtPriceX96 = sqrtPriceX96;
        this.tick = tick;
        this.liquidity = liquidity;
        this.fee = fee;
        this.tickSpacing = tickSpacing;
        this.blockNumber = blockNumber;
        this.ticks = ticks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same pool after a swap: the price, tick and liquidity change, nothing else does. */
    V3PoolState afterSwap(BigInteger newSqrtPriceX96, int newTick, BigInteger newLiquidity) {
        return new V3PoolState(address, newSqrtPriceX96, newTick, newLiquidity, fee, tickSpacing, blockNumber, ticks);
    }

    /** The pool's contract address, when the state was given one. */
    public Optional<Address> address() {
        return address;
    }

    /** {@code slot0.sqrtPriceX96}. */
    public BigInteger sqrtPriceX96() {
        return sqrtPriceX96;
    }

    /** {@code slot0.tick}. */
    public int tick() {
        return tick;
    }

    /** The in-range liquidity, {@code liquidity()}. */
    public BigInteger liquidity() {
        return liquidity;
    }

    /**
     * The current range's virtual reserve of token0, {@code floor(L * 2^96 / sqrtP)}: inside one range the pool trades
     * as a constant-product pool with these reserves.
     */
    public BigInteger virtualReserve0() {
        return liquidity.shiftLeft(96).divide(sqrtPriceX96);
    }

    /** The current range's virtual reserve of token1, {@code floor(L * sqrtP / 2^96)}. */
    public BigInteger virtualReserve1() {
        return liquidity.multiply(sqrtPriceX96).shiftRight(96);
    }

    /** The fee in hundredths of a bip (500 = 0.05 %). */
    public int fee() {
        return fee;
    }

    public int tickSpacing() {
        return tickSpacing;
    }

    /** The block this state was read at. */
    public long blockNumber() {
        return blockNumber;
    }

    /** The initialized ticks, ascending. */
    public List<Integer> initializedTicks() {
        List<Integer> list = new ArrayList<>(ticks.ticks.length);
        for (int t : ticks.ticks) {
            list.add(t);
        }
        return List.copyOf(list);
    }

    /** The {@code liquidityNet} of an initialized tick; empty when the tick is not initialized (or not known). */
    public Optional<BigInteger> liquidityNet(int tick) {
        int i = Arrays.binarySearch(ticks.ticks, tick);
        return i >= 0 ? Optional.of(ticks.liquidityNet[i]) : Optional.empty();
    }

    /** The tick bitmap implied by the initialized ticks. */
    public TickBitmap tickBitmap() {
        return ticks.bitmap;
    }

    /** Whether every initialized tick of the pool is known (no word range was given). */
    public boolean ticksComplete() {
        return ticks.complete;
    }

    /** The lowest bitmap word whose ticks are known ({@link Integer#MIN_VALUE} when complete). */
    public int minWord() {
        return ticks.minWord;
    }

    /** The highest bitmap word whose ticks are known ({@link Integer#MAX_VALUE} when complete). */
    public int maxWord() {
        return ticks.maxWord;
    }

    Ticks ticks() {
        return ticks;
    }

    @Override
    public String toString() {
        return "V3PoolState[" + address.map(a -> a + ", ").orElse("") + "sqrtPriceX96=" + sqrtPriceX96 + ", tick="
                + tick + ", liquidity=" + liquidity + ", fee="
                + fee + ", tickSpacing=" + tickSpacing + ", block=" + blockNumber + ", initializedTicks="
                + ticks.ticks.length + "]";
    }

    /**
     * Builds a {@link V3PoolState}; validated at {@link #build()}. Not thread-safe.
     *
     * <p>Initialized ticks come either as read from the chain ({@link #initializedTick}) or as positions added the
     * way {@code mint} adds them ({@link #position}: the ticks' {@code liquidityNet} and, when the position is in
     * range, the liquidity), or both.
     */
    public static final class Builder {
        private Address address;
        private BigInteger sqrtPriceX96;
        private Integer tick;
        private BigInteger liquidity = BigInteger.ZERO;
        private Integer fee;
        private Integer tickSpacing;
        private Long blockNumber;
        private final TreeMap<Integer, BigInteger> initialized = new TreeMap<>();
        private final List<int[]> positionTicks = new ArrayList<>();
        private final List<BigInteger> positionLiquidity = new ArrayList<>();
        private int minWord = Integer.MIN_VALUE;
        private int maxWord = Integer.MAX_VALUE;

        private Builder() {}

        /** The pool's contract address (optional; reported in sizing decisions). */
        public Builder address(Address address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** {@code slot0.sqrtPriceX96}: required, in [MIN_SQRT_RATIO, MAX_SQRT_RATIO). */
        public Builder sqrtPriceX96(BigInteger sqrtPriceX96) {
            this.sqrtPriceX96 = Objects.requireNonNull(sqrtPriceX96, "sqrtPriceX96");
            return this;
        }

        /**
         * {@code slot0.tick}: by default {@code getTickAtSqrtRatio(sqrtPriceX96)}; it may be one less when the price
         * sits exactly on a tick that a downward swap just crossed, as the pool records it.
         */
        public Builder tick(int tick) {
            this.tick = tick;
            return this;
        }

        /** The in-range liquidity (uint128) before any {@link #position}; 0 by default. */
        public Builder liquidity(BigInteger liquidity) {
            this.liquidity = Objects.requireNonNull(liquidity, "liquidity");
            return this;
        }

        /** The fee in hundredths of a bip: required, in [0, 1000000). */
        public Builder fee(int fee) {
            this.fee = fee;
            return this;
        }

        /** The tick spacing: required unless the fee is a standard tier (100, 500, 3000, 10000). */
        public Builder tickSpacing(int tickSpacing) {
            this.tickSpacing = tickSpacing;
            return this;
        }

        /** The block the state was read at: required, at least 0. */
        public Builder blockNumber(long blockNumber) {
            this.blockNumber = blockNumber;
            return this;
        }

        /** An initialized tick with its {@code liquidityNet} (int128), as {@code ticks(tick)} returns it. */
        public Builder initializedTick(int tick, BigInteger liquidityNet) {
            Objects.requireNonNull(liquidityNet, "liquidityNet");
            if (initialized.containsKey(tick)) {
                throw V3Inputs.invalid("initializedTick", tick, "must be given once");
            }
            initialized.put(tick, liquidityNet);
            return this;
        }

        /**
         * A position added as the pool's {@code mint} adds it: {@code +liquidity} at the lower tick, {@code -liquidity}
         * at the upper, and the in-range liquidity increased when {@code tickLower <= tick < tickUpper}. Checked at
         * {@link #build()} with the contract's rules ({@code TLU}, {@code TLM}, {@code TUM}, {@code LO}).
         */
        public Builder position(int tickLower, int tickUpper, BigInteger liquidity) {
            Objects.requireNonNull(liquidity, "liquidity");
            positionTicks.add(new int[] {tickLower, tickUpper});
            positionLiquidity.add(liquidity);
            return this;
        }

        /**
         * Declares that the initialized ticks are known only for bitmap words {@code fromWord..toWord} (inclusive, as
         * {@code tickBitmap(int16)} keys); by default they are complete.
         */
        public Builder tickDataWords(int fromWord, int toWord) {
            if (fromWord < Short.MIN_VALUE || toWord > Short.MAX_VALUE || fromWord > toWord) {
                throw V3Inputs.invalid(
                        "tickDataWords",
                        fromWord + ".." + toWord,
                        "must be an ascending range of int16 word positions");
            }
            this.minWord = fromWord;
            this.maxWord = toWord;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ValidationException naming the field when a value is missing, out of range or inconsistent
         * @throws V3RevertException when a {@link #position} breaks a rule the pool's {@code mint} enforces
         */
        public V3PoolState build() {
            if (sqrtPriceX96 == null) {
                throw V3Inputs.invalid("sqrtPriceX96", null, "is required");
            }
            if (sqrtPriceX96.compareTo(TickMath.MIN_SQRT_RATIO) < 0
                    || sqrtPriceX96.compareTo(TickMath.MAX_SQRT_RATIO) >= 0) {
                throw V3Inputs.invalid("sqrtPriceX96", sqrtPriceX96, "must be in [MIN_SQRT_RATIO, MAX_SQRT_RATIO)");
            }
            if (fee == null) {
                throw V3Inputs.invalid("fee", null, "is required");
            }
            SwapMath.requireFee(fee);
            int spacing = tickSpacing != null ? tickSpacing : standardSpacing(fee);
            TickBitmap.requireSpacing(spacing);
            if (blockNumber == null || blockNumber < 0) {
                throw V3Inputs.invalid("blockNumber", blockNumber, "is required and must be >= 0");
            }
            V3Inputs.requireUint("liquidity", liquidity, 128);

            int priceTick = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
            int currentTick;
            if (tick == null) {
                currentTick = priceTick;
            } else if (tick == priceTick
                    || (tick == priceTick - 1
                            && TickMath.getSqrtRatioAtTick(priceTick).equals(sqrtPriceX96))) {
                currentTick = tick;
            } else {
                throw V3Inputs.invalid(
                        "tick",
                        tick,
                        "must be getTickAtSqrtRatio(sqrtPriceX96) = " + priceTick
                                + " (or one less exactly at that tick's price)");
            }

            TreeMap<Integer, BigInteger> nets = new TreeMap<>();
            for (var e : initialized.entrySet()) {
                nets.put(e.getKey(), V3Inputs.requireInt("liquidityNet[" + e.getKey() + "]", e.getValue(), 128));
            }
            BigInteger inRange = liquidity;
            if (!positionTicks.isEmpty()) {
                inRange = applyPositions(nets, spacing, currentTick, inRange);
            }

            int n = nets.size();
            int[] tickArray = new int[n];
            BigInteger[] netArray = new BigInteger[n];
            int i = 0;
            BigInteger belowOrAt = BigInteger.ZERO;
            for (var e : nets.entrySet()) {
                int t = e.getKey();
                if (t < TickMath.MIN_TICK || t > TickMath.MAX_TICK) {
                    throw V3Inputs.invalid("initializedTick", t, "must be within [MIN_TICK, MAX_TICK]");
                }
                if (t % spacing != 0) {
                    throw V3Inputs.invalid("initializedTick", t, "must be a multiple of the tick spacing " + spacing);
                }
                int word = Math.floorDiv(t, spacing) >> 8;
                if (word < minWord || word > maxWord) {
                    throw V3Inputs.invalid(
                            "initializedTick",
                            t,
                            "lies in word " + word + ", outside tickDataWords " + minWord + ".." + maxWord);
                }
                if (t <= currentTick) {
                    belowOrAt = belowOrAt.add(e.getValue());
                }
                tickArray[i] = t;
                netArray[i] = e.getValue();
                i++;
            }
            boolean complete = minWord == Integer.MIN_VALUE && maxWord == Integer.MAX_VALUE;
            if (complete && !belowOrAt.equals(inRange)) {
                throw V3Inputs.invalid(
                        "liquidity",
                        inRange,
                        "must equal the sum of liquidityNet of the initialized ticks at or below the current tick ("
                                + belowOrAt + "): tick data and slot0 disagree (read at different blocks?)");
            }
            Ticks t = new Ticks(tickArray, netArray, spacing, minWord, maxWord, fee);
            return new V3PoolState(
                    Optional.ofNullable(address), sqrtPriceX96, currentTick, inRange, fee, spacing, blockNumber, t);
        }

        private BigInteger applyPositions(
                TreeMap<Integer, BigInteger> nets, int spacing, int currentTick, BigInteger inRange) {
            // gross liquidity per tick, for the contract's maxLiquidityPerTick check; ticks read from the chain
            // carry no gross figure, so positions are checked against what the positions themselves add
            TreeMap<Integer, BigInteger> gross = new TreeMap<>();
            BigInteger maxPerTick = maxLiquidityPerTick(spacing);
            for (int p = 0; p < positionTicks.size(); p++) {
                int lower = positionTicks.get(p)[0];
                int upper = positionTicks.get(p)[1];
                BigInteger amount =
                        V3Inputs.requireUint("position[" + p + "].liquidity", positionLiquidity.get(p), 128);
                if (lower >= upper) {
                    throw new V3RevertException(
                            Rule.TICK_LOWER_NOT_BELOW_UPPER, "tickLower=" + lower + ", tickUpper=" + upper);
                }
                if (lower < TickMath.MIN_TICK) {
                    throw new V3RevertException(Rule.TICK_LOWER_TOO_LOW, "tickLower=" + lower);
                }
                if (upper > TickMath.MAX_TICK) {
                    throw new V3RevertException(Rule.TICK_UPPER_TOO_HIGH, "tickUpper=" + upper);
                }
                if (lower % spacing != 0 || upper % spacing != 0) {
                    throw V3Inputs.invalid(
                            "position[" + p + "]", lower + ".." + upper, "ticks must be multiples of " + spacing);
                }
                if (amount.signum() == 0) {
                    continue; // the pool's mint requires amount > 0; a zero position changes nothing here
                }
                for (int t : new int[] {lower, upper}) {
                    BigInteger g = gross.getOrDefault(t, BigInteger.ZERO).add(amount);
                    if (g.compareTo(maxPerTick) > 0) {
                        throw new V3RevertException(
                                Rule.LIQUIDITY_PER_TICK,
                                "tick=" + t + ", liquidityGross=" + g + ", maxLiquidityPerTick=" + maxPerTick);
                    }
                    gross.put(t, g);
                }
                nets.merge(lower, amount, BigInteger::add);
                nets.merge(upper, amount.negate(), BigInteger::add);
                if (lower <= currentTick && currentTick < upper) {
                    inRange = LiquidityMath.addDeltaUnchecked(inRange, amount);
                }
            }
            return inRange;
        }

        private static int standardSpacing(int fee) {
            switch (fee) {
                case 100:
                    return 1;
                case 500:
                    return 10;
                case 3000:
                    return 60;
                case 10000:
                    return 200;
                default:
                    throw V3Inputs.invalid("tickSpacing", null, "is required for the non-standard fee " + fee);
            }
        }
    }

    /** {@code Tick.tickSpacingToMaxLiquidityPerTick}: uint128 max divided by the number of usable ticks. */
    public static BigInteger maxLiquidityPerTick(int tickSpacing) {
        TickBitmap.requireSpacing(tickSpacing);
        int minTick = (TickMath.MIN_TICK / tickSpacing) * tickSpacing;
        int maxTick = (TickMath.MAX_TICK / tickSpacing) * tickSpacing;
        long numTicks = (long) (maxTick - minTick) / tickSpacing + 1;
        return V3FixedPoint.MAX_UINT128.divide(BigInteger.valueOf(numTicks));
    }
}
