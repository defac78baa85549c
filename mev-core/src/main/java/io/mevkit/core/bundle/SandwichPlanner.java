package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.pool.V2PoolState;
import io.mevkit.core.sandwich.SandwichDecision;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.VictimSwap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The standard {@link BundleTracker.Planner} for a sandwich around one pending victim on Uniswap V2 pairs. For each
 * target block it re-validates at the head (the target's parent) before anything is signed:
 *
 * <ol>
 *   <li>the victim is still pending ({@code eth_getTransactionByHash} without a block number); mined it stops with
 *       {@link StopReason#VICTIM_MINED}, which the tracker reports as {@link BundleOutcome.VictimMinedElsewhere};
 *       unknown to the node it stops with {@link StopReason#VICTIM_DROPPED};
 *   <li>the next base fee (the gas package's EIP-1559 rule on the head block) is at most the configured fee cap and at
 *       most the victim's own fee cap, else {@link StopReason#FEE_CAP_BELOW_BASE_FEE};
 *   <li>the pools are read at the head; when their reserves differ from the last plan's the sandwich is sized again
 *       ({@link StopReason#NO_LONGER_PROFITABLE} when the sizer finds none, or when the bribe leaves no net profit);
 *   <li>the legs are built and signed afresh for the target with the nonce at the head and the attempt's tip from the
 *       {@link BribeSchedule}: the schedule's share of the gross profit (its cap is the maximum fraction paid) over
 *       the legs' gas, lowered when the fee cap leaves less room; legs that revert in simulation stop with
 *       {@link StopReason#LEGS_REVERT}.
 * </ol>
 *
 * Each bundle goes to the tracker with a {@link RiskCheck} for its {@link RiskPolicy}: the front-run's input, the
 * pair and its tokens, the fee cap, the most the legs can cost (their gas limits at the fee cap, also the worst-case
 * loss) and the expected net profit (gross less the simulated gas and bribe).
 *
 * The gross profit the tip is computed from must be in wei: the capital token is the wrapped native token, or a
 * price for it is configured. Thread-safe (planning is serialised); the RPC client and the pool reader belong to the
 * caller.
 */
public final class SandwichPlanner extends SandwichReplanner<List<V2Pool>, SandwichPlan, SandwichPlanner.Planned> {

    /**
     * What the planner last sent the tracker.
     *
     * @param targetBlock the block the bundle is for
     * @param attempt the tracker's attempt number
     * @param plan the sizing the legs were built from
     * @param resized whether this attempt sized again (first attempt, or the pools moved since the last one)
     * @param bundle the signed, simulated legs around the victim
     */
    public record Planned(long targetBlock, int attempt, SandwichPlan plan, boolean resized, SandwichBundle bundle) {
        public Planned {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(bundle, "bundle");
        }
    }

    private final SandwichSizer sizer;
    private final V2PoolReader poolReader;
    private final List<Address> pools;
    private final VictimSwap victim;

    private SandwichPlanner(Builder b) {
        super(b, SandwichPlan.class);
        this.sizer = b.sizer;
        this.poolReader = b.poolReader;
        this.pools = b.pools;
        this.victim = b.victim;
    }

    /** A builder; RPC client, legs, schedule, pool reader and pools, victim, capital and leg gas are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    List<V2Pool> read(long head) {
        List<V2Pool> out = new ArrayList<>();
        for (V2PoolState s : poolReader.readAll(pools, head)) {
            io.mevkit.core.pool.V2Fee fee = poolReader.feeOf(s);
            out.add(new V2Pool(
                    s.pool(),
                    s.token0(),
                    s.token1(),
                    s.reserve0(),
                    s.reserve1(),
                    new V2Fee(fee.numerator(), fee.denominator()),
                    s.blockNumber()));
        }
        return out;
    }

    @Override
    boolean unchanged(List<V2Pool> now, List<V2Pool> before) {
        return pairwise(
                now,
                before,
                (a, b) -> a.address().equals(b.address())
                        && a.reserve0().equals(b.reserve0())
                        && a.reserve1().equals(b.reserve1()));
    }

    @Override
    SandwichDecision size(List<V2Pool> atHead, Terms t, Head head) {
        SandwichRequest.Builder r = SandwichRequest.builder()
                .victim(victim)
                .pools(atHead)
                .capital(t.capitalToken(), t.capital())
                .wrappedNative(t.wrappedNative())
                .legGas(t.legGas())
                .baseFee(head.baseFee())
                .tip(BigInteger.ZERO)
                .headBlock(head.number())
                .targetTimestamp(head.targetTimestamp());
        t.capitalTokenPrice().ifPresent(r::capitalTokenPrice);
        return sizer.size(r.build());
    }

    @Override
    Facts facts(SandwichPlan p) {
        Address pool = p.pool().address();
        return Facts.of(
                p.frontRunIn(), p.tokenIn(), p.tokenOut(), pool, p.netProfitWei(), p.gasCost(), p.builderPayment());
    }

    @Override
    LegsOutcome legs(SandwichPlan plan, SandwichLegs.Target target) {
        return legs.legs(plan, target);
    }

    @Override
    Planned planned(long targetBlock, int attempt, SandwichPlan plan, boolean resized, SandwichBundle bundle) {
        return new Planned(targetBlock, attempt, plan, resized, bundle);
    }

    /** Configures a {@link SandwichPlanner}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder extends SandwichPlannerBuilder<Builder> {
        private SandwichSizer sizer = SandwichSizer.defaults();
        private V2PoolReader poolReader;
        private VictimSwap victim;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** The sizer (default {@link SandwichSizer#defaults()}). */
        public Builder sizer(SandwichSizer value) {
            this.sizer = Objects.requireNonNull(value, "sizer");
            return this;
        }

        /** Reads {@code pools} (the victim's path, in order) at each head (both required). */
        public Builder v2Pools(V2PoolReader reader, List<Address> value) {
            this.poolReader = Objects.requireNonNull(reader, "poolReader");
            this.pools = List.copyOf(value);
            return this;
        }

        /** The victim's signed transaction as seen in the mempool, and its decoded swap (both required). */
        public Builder victim(String raw, VictimSwap swap) {
            victimRaw(raw);
            this.victim = Objects.requireNonNull(swap, "victim");
            return this;
        }

        public SandwichPlanner build() {
            requireShared(poolReader, victim);
            return new SandwichPlanner(this);
        }
    }
}
