package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.pool.V3PoolCache;
import io.mevkit.core.pool.V3TickReader;
import io.mevkit.core.sandwich.SandwichDecision;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3VictimSwap;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link BundleTracker.Planner} for a sandwich around one pending victim on Uniswap V3 pools: the same
 * re-validation as {@link SandwichPlanner} for each target block, at the head (the target's parent), before anything
 * is signed:
 *
 * <ol>
 *   <li>the victim is still pending, else {@link StopReason#VICTIM_MINED} (reported by the tracker as
 *       {@link BundleOutcome.VictimMinedElsewhere}) or {@link StopReason#VICTIM_DROPPED};
 *   <li>the next base fee is at most the configured fee cap and the victim's own, else
 *       {@link StopReason#FEE_CAP_BELOW_BASE_FEE};
 *   <li>the pools of the victim's route are read at the head with their initialized ticks ({@link V3TickReader}, or a
 *       {@link V3PoolCache}): when the price, tick, in-range liquidity or any tick's {@code liquidityNet} differs from
 *       the last plan's, the sandwich is sized again by the {@link V3SandwichSizer}
 *       ({@link StopReason#NO_LONGER_PROFITABLE} when it finds none, or when the bribe leaves no net profit);
 *   <li>the SwapRouter legs are built and signed afresh for the target with the nonce at the head and the attempt's tip
 *       from the {@link BribeSchedule} (its share of the gross profit over the legs' gas, capped by its maximum
 *       fraction, lowered when the fee cap leaves less room); legs that revert in simulation stop with
 *       {@link StopReason#LEGS_REVERT}.
 * </ol>
 *
 * Each bundle goes to the tracker with a {@link RiskCheck} built as the V2 planner builds it. The gross profit the tip
 * is computed from must be in wei: the capital token is the wrapped native token, or a price for it is configured.
 * Thread-safe (planning is serialised); the RPC client and the pool reader belong to the caller.
 */
public final class V3SandwichPlanner
        extends SandwichReplanner<List<V3PoolState>, V3SandwichPlan, V3SandwichPlanner.Planned> {
    private final V3SandwichSizer sizer;
    private final List<Address> pools;
    private final V3VictimSwap victim;
    private final V3PoolCache.Loader source;

    /**
     * What the planner last sent the tracker.
     *
     * @param targetBlock the block the bundle is for
     * @param attempt the tracker's attempt number
     * @param plan the sizing the legs were built from
     * @param resized whether this attempt sized again (first attempt, or the pools moved since the last one)
     * @param bundle the signed, simulated legs around the victim
     */
    public record Planned(long targetBlock, int attempt, V3SandwichPlan plan, boolean resized, SandwichBundle bundle) {
        public Planned {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(bundle, "bundle");
        }
    }

    /** A builder; RPC client, legs, schedule, pool source and pools, victim, capital and leg gas are required. */
    public static Builder builder() {
        return new Builder();
    }

    private V3SandwichPlanner(Builder b) {
        super(b, V3SandwichPlan.class);
        this.sizer = b.sizer;
        this.pools = List.copyOf(b.pools);
        this.victim = b.victim;
        this.source = b.source;
    }

    /**
     * Whether two reads of the same pools leave a sizing unchanged: per pool the address, price, tick, in-range
     * liquidity, the bitmap words read and every initialized tick with its {@code liquidityNet}. A mint or burn away
     * from the price changes only the ticks, and a swap ending on the same tick changes only the price: either sizes
     * again.
     */
    static boolean sameState(List<V3PoolState> now, List<V3PoolState> before) {
        return pairwise(now, before, V3SandwichPlanner::samePool);
    }

    private static boolean samePool(V3PoolState a, V3PoolState b) {
        if (!a.address().equals(b.address())
                || !a.sqrtPriceX96().equals(b.sqrtPriceX96())
                || a.tick() != b.tick()
                || !a.liquidity().equals(b.liquidity())
                || a.minWord() != b.minWord()
                || a.maxWord() != b.maxWord()
                || !a.initializedTicks().equals(b.initializedTicks())) {
            return false;
        }
        for (int t : a.initializedTicks()) {
            if (!a.liquidityNet(t).equals(b.liquidityNet(t))) {
                return false;
            }
        }
        return true;
    }

    @Override
    Planned planned(long targetBlock, int attempt, V3SandwichPlan plan, boolean resized, SandwichBundle bundle) {
        return new Planned(targetBlock, attempt, plan, resized, bundle);
    }

    @Override
    LegsOutcome legs(V3SandwichPlan plan, SandwichLegs.Target target) {
        return legs.legs(plan, target);
    }

    @Override
    Facts facts(V3SandwichPlan p) {
        Address pool = p.pool().address().orElseThrow(() -> new MevException("the plan's pool has no address"));
        return Facts.of(
                p.frontRunIn(), p.tokenIn(), p.tokenOut(), pool, p.netProfitWei(), p.gasCost(), p.builderPayment());
    }

    @Override
    List<V3PoolState> read(long head) {
        List<V3PoolState> out = new ArrayList<>(pools.size());
        for (Address pool : pools) {
            V3PoolState state = source.load(pool, head).swapState();
            if (state.blockNumber() != head) {
                throw new MevException("pool " + pool + " was read at block " + state.blockNumber() + ", not " + head);
            }
            out.add(state);
        }
        return out;
    }

    @Override
    boolean unchanged(List<V3PoolState> now, List<V3PoolState> before) {
        return sameState(now, before);
    }

    @Override
    SandwichDecision size(List<V3PoolState> atHead, Terms terms, Head head) {
        V3SandwichRequest.Builder request =
                V3SandwichRequest.builder().victim(victim).pools(atHead);
        request.capital(terms.capitalToken(), terms.capital()).wrappedNative(terms.wrappedNative());
        terms.capitalTokenPrice().ifPresent(request::capitalTokenPrice);
        request.legGas(terms.legGas()).baseFee(head.baseFee()).headBlock(head.number());
        return sizer.size(request.targetTimestamp(head.targetTimestamp()).build());
    }

    /** Configures a {@link V3SandwichPlanner}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder extends SandwichPlannerBuilder<Builder> {
        private V3VictimSwap victim;
        private V3PoolCache.Loader source;
        private V3SandwichSizer sizer = V3SandwichSizer.defaults();

        private Builder() {}

        /** The victim's signed transaction as seen in the mempool, and its decoded swap (both required). */
        public Builder victim(String raw, V3VictimSwap swap) {
            victimRaw(raw);
            this.victim = Objects.requireNonNull(swap, "victim");
            return this;
        }

        /** Reads {@code pools} through {@code source} at each head, e.g. {@link V3PoolCache#get} (both required). */
        public Builder v3Pools(V3PoolCache.Loader source, List<Address> value) {
            this.pools = List.copyOf(value);
            this.source = Objects.requireNonNull(source, "poolReader");
            return this;
        }

        /**
         * Reads {@code pools} (one per hop of the victim's route, in order) with their ticks at each head (both
         * required). The reader's word radius bounds the ticks a swap can cross; a sandwich reaching beyond it is
         * refused by the sizer rather than mis-sized.
         */
        public Builder v3Pools(V3TickReader reader, List<Address> value) {
            Objects.requireNonNull(reader, "poolReader");
            return v3Pools(reader::read, value);
        }

        /** The sizer (default {@link V3SandwichSizer#defaults()}). */
        public Builder sizer(V3SandwichSizer value) {
            this.sizer = Objects.requireNonNull(value, "sizer");
            return this;
        }

        public V3SandwichPlanner build() {
            requireShared(source, victim);
            return new V3SandwichPlanner(this);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
