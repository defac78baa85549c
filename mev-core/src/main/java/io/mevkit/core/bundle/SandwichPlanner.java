package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.pool.V2PoolState;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.sandwich.ExactPrice;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.NoSandwich;
import io.mevkit.core.sandwich.SandwichDecision;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.VictimSwap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

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
public final class SandwichPlanner implements BundleTracker.Planner {

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

    private final RpcClient rpc;
    private final SandwichLegs legs;
    private final BribeSchedule schedule;
    private final SandwichSizer sizer;
    private final V2PoolReader poolReader;
    private final List<Address> pools;
    private final String victimRaw;
    private final Hash victimHash;
    private final VictimSwap victim;
    private final Address capitalToken;
    private final BigInteger capital;
    private final Address wrappedNative;
    private final Optional<ExactPrice> capitalTokenPrice;
    private final LegGas legGas;
    private final FeeMarket.Eip1559 feeRule;
    private final Optional<BigInteger> maxFeePerGas;
    private final OptionalInt priceConfidenceBps;

    private @Nullable List<V2Pool> lastPools;
    private @Nullable SandwichPlan lastPlan;
    private @Nullable Planned last;

    private SandwichPlanner(Builder b) {
        this.rpc = b.rpc;
        this.legs = b.legs;
        this.schedule = b.schedule;
        this.sizer = b.sizer;
        this.poolReader = b.poolReader;
        this.pools = List.copyOf(b.pools);
        this.victimRaw = b.victimRaw;
        this.victimHash = Hash.keccak256(Hex.decode("victimRaw", b.victimRaw));
        this.victim = b.victim;
        this.capitalToken = b.capitalToken;
        this.capital = b.capital;
        this.wrappedNative = b.wrappedNative;
        this.capitalTokenPrice = Optional.ofNullable(b.capitalTokenPrice);
        this.legGas = b.legGas;
        this.feeRule = b.feeRule;
        this.maxFeePerGas = Optional.ofNullable(b.maxFeePerGas);
        this.priceConfidenceBps = b.priceConfidenceBps;
    }

    /** A builder; RPC client, legs, schedule, pool reader and pools, victim, capital and leg gas are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The victim's hash (to pass to {@link BundleTracker#track}). */
    public Hash victimHash() {
        return victimHash;
    }

    /** What the last {@link #planFor} that submitted produced, if any. */
    public synchronized Optional<Planned> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public synchronized BundleTracker.Plan planFor(long targetBlock, int attempt) {
        Optional<Transaction> pending = rpc.getTransactionByHash(victimHash);
        if (pending.isEmpty()) {
            return new BundleTracker.Plan.Stop(StopReason.VICTIM_DROPPED, "victim " + victimHash + " is not known");
        }
        if (pending.get().blockNumber().isPresent()) {
            return new BundleTracker.Plan.Stop(
                    StopReason.VICTIM_MINED,
                    "victim " + victimHash + " mined in block "
                            + pending.get().blockNumber().getAsLong());
        }
        long head = targetBlock - 1;
        Block parent = rpc.getBlockByNumber(BlockTag.number(head), false)
                .orElseThrow(() -> new ValidationException("targetBlock", targetBlock, "its parent is not known"));
        BigInteger baseFee = BaseFeeRule.next(
                        feeRule, parent.baseFeePerGas().orElse(BigInteger.ZERO), parent.gasUsed(), parent.gasLimit())
                .baseFee();
        if (maxFeePerGas.isPresent() && maxFeePerGas.get().compareTo(baseFee) < 0) {
            return new BundleTracker.Plan.Stop(
                    StopReason.FEE_CAP_BELOW_BASE_FEE,
                    "fee cap " + maxFeePerGas.get() + " is below block " + targetBlock + "'s base fee " + baseFee);
        }
        Optional<BigInteger> victimCap =
                pending.get().maxFeePerGas().or(() -> pending.get().gasPrice());
        if (victimCap.isPresent() && victimCap.get().compareTo(baseFee) < 0) {
            return new BundleTracker.Plan.Stop(
                    StopReason.FEE_CAP_BELOW_BASE_FEE,
                    "the victim's fee cap " + victimCap.get() + " is below block " + targetBlock + "'s base fee "
                            + baseFee);
        }

        List<V2Pool> atHead = readPools(head);
        boolean resized = lastPlan == null || !sameReserves(atHead, lastPools);
        SandwichPlan plan;
        if (resized) {
            SandwichDecision decision = sizer.size(request(atHead, head, parent.timestamp() + 1, baseFee));
            if (decision instanceof NoSandwich no) {
                return new BundleTracker.Plan.Stop(
                        StopReason.NO_LONGER_PROFITABLE, "no sandwich at block " + head + ": " + no);
            }
            plan = (SandwichPlan) decision;
            lastPools = atHead;
            lastPlan = plan;
        } else {
            plan = lastPlan;
        }

        // sized with no tip, so net + gas cost is the gross profit in wei whatever the base fee was then
        BigInteger grossWei = plan.netProfitWei().add(plan.gasCost()).add(plan.builderPayment());
        long gas = legGas.total();
        BigInteger tip = schedule.tipPerGas(attempt, grossWei, gas);
        BigInteger maxFee;
        if (maxFeePerGas.isPresent()) {
            maxFee = maxFeePerGas.get();
            tip = tip.min(maxFee.subtract(baseFee));
        } else {
            maxFee = baseFee.shiftLeft(1).add(tip);
        }
        BigInteger net = grossWei.subtract(baseFee.add(tip).multiply(BigInteger.valueOf(gas)));
        if (net.signum() <= 0) {
            return new BundleTracker.Plan.Stop(
                    StopReason.NO_LONGER_PROFITABLE,
                    "gross " + grossWei + " wei leaves " + net + " wei after gas and the bribe at block "
                            + targetBlock);
        }
        long nonce = rpc.getTransactionCount(legs.searcher(), BlockTag.number(head));
        LegsOutcome outcome =
                legs.legs(plan, new SandwichLegs.Target(victimRaw, nonce, targetBlock, baseFee, tip, maxFee));
        if (outcome instanceof LegsOutcome.Reverts reverts) {
            return new BundleTracker.Plan.Stop(
                    StopReason.LEGS_REVERT,
                    "transaction " + reverts.index() + " reverts in simulation: " + reverts.reason());
        }
        SandwichBundle bundle = ((LegsOutcome.Ready) outcome).bundle();
        last = new Planned(targetBlock, attempt, plan, resized, bundle);
        return new BundleTracker.Plan.Submit(bundle.bundle(), Optional.of(riskCheck(plan, bundle, grossWei, maxFee)));
    }

    /**
     * The bundle as the tracker's risk policy sees it: the most it can cost is both legs' gas limits at the fee cap;
     * the expected profit is the gross profit less the simulated gas and bribe; the worst case is paying that most.
     */
    private RiskCheck riskCheck(SandwichPlan plan, SandwichBundle bundle, BigInteger grossWei, BigInteger maxFee) {
        long limits = 0;
        for (SignedTx leg : List.of(bundle.frontRun(), bundle.backRun())) {
            limits += io.mevkit.core.bundle.internal.DecodedTx.decode("leg", leg.rawHex())
                    .gasLimit();
        }
        BigInteger mostCost = maxFee.multiply(BigInteger.valueOf(limits));
        return new RiskCheck(
                capitalToken,
                plan.frontRunIn(),
                List.of(plan.tokenIn(), plan.tokenOut()),
                List.of(plan.pool().address()),
                maxFee,
                mostCost,
                grossWei.add(bundle.ethDelta()),
                mostCost,
                priceConfidenceBps);
    }

    private List<V2Pool> readPools(long head) {
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

    private static boolean sameReserves(List<V2Pool> now, @Nullable List<V2Pool> before) {
        if (before == null || before.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            V2Pool a = now.get(i);
            V2Pool b = before.get(i);
            if (!a.address().equals(b.address())
                    || !a.reserve0().equals(b.reserve0())
                    || !a.reserve1().equals(b.reserve1())) {
                return false;
            }
        }
        return true;
    }

    private SandwichRequest request(List<V2Pool> atHead, long head, long timestamp, BigInteger baseFee) {
        SandwichRequest.Builder r = SandwichRequest.builder()
                .victim(victim)
                .pools(atHead)
                .capital(capitalToken, capital)
                .wrappedNative(wrappedNative)
                .legGas(legGas)
                .baseFee(baseFee)
                .tip(BigInteger.ZERO)
                .headBlock(head)
                .targetTimestamp(timestamp);
        capitalTokenPrice.ifPresent(r::capitalTokenPrice);
        return r.build();
    }

    /** Configures a {@link SandwichPlanner}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private RpcClient rpc;
        private SandwichLegs legs;
        private BribeSchedule schedule;
        private SandwichSizer sizer = SandwichSizer.defaults();
        private V2PoolReader poolReader;
        private List<Address> pools = List.of();
        private String victimRaw;
        private VictimSwap victim;
        private Address capitalToken;
        private BigInteger capital;
        private Address wrappedNative;
        private ExactPrice capitalTokenPrice;
        private LegGas legGas;
        private FeeMarket.Eip1559 feeRule = FeeMarket.eip1559(2, 8);
        private BigInteger maxFeePerGas;
        private OptionalInt priceConfidenceBps = OptionalInt.empty();

        private Builder() {}

        /** The node the victim, the head block and the nonce are read from (required). */
        public Builder rpc(RpcClient value) {
            this.rpc = Objects.requireNonNull(value, "rpc");
            return this;
        }

        /** Builds, signs and simulates the legs (required; needs a V2 router). */
        public Builder legs(SandwichLegs value) {
            this.legs = Objects.requireNonNull(value, "legs");
            return this;
        }

        /** The builder's share of the gross profit per attempt; its maximum is the cap (required). */
        public Builder bribeSchedule(BribeSchedule value) {
            this.schedule = Objects.requireNonNull(value, "bribeSchedule");
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
            Objects.requireNonNull(raw, "victimRaw");
            Hex.decode("victimRaw", raw);
            this.victimRaw = raw;
            this.victim = Objects.requireNonNull(swap, "victim");
            return this;
        }

        /** The token the sandwich starts and ends in, and how much of it may be used (required). */
        public Builder capital(Address token, BigInteger amount) {
            this.capitalToken = Objects.requireNonNull(token, "capitalToken");
            Checks.requirePositive("capital", amount);
            this.capital = amount;
            return this;
        }

        /** The chain's wrapped native token (required). */
        public Builder wrappedNative(Address token) {
            this.wrappedNative = Objects.requireNonNull(token, "wrappedNative");
            return this;
        }

        /** The capital token's price in wei, needed when it is not the wrapped native token. */
        public Builder capitalTokenPrice(ExactPrice price) {
            this.capitalTokenPrice = Objects.requireNonNull(price, "capitalTokenPrice");
            return this;
        }

        /** The legs' gas as the sizer prices it; the tip spreads the bribe over its total (required). */
        public Builder legGas(LegGas value) {
            this.legGas = Objects.requireNonNull(value, "legGas");
            return this;
        }

        /** The base fee rule the next base fee is predicted with (default Ethereum's, 2 and 8). */
        public Builder feeRule(FeeMarket.Eip1559 value) {
            this.feeRule = Objects.requireNonNull(value, "feeRule");
            return this;
        }

        /** The legs' fee cap; when unset, twice the next base fee plus the tip. */
        public Builder maxFeePerGas(BigInteger wei) {
            Checks.requirePositive("maxFeePerGas", wei);
            this.maxFeePerGas = wei;
            return this;
        }

        /** The confidence in {@link #capitalTokenPrice}, in basis points, passed to the risk policy. */
        public Builder priceConfidenceBps(int bps) {
            if (bps < 0 || bps > 10_000) {
                throw new ValidationException("priceConfidenceBps", bps, "must be 0..10000");
            }
            this.priceConfidenceBps = OptionalInt.of(bps);
            return this;
        }

        public SandwichPlanner build() {
            require("rpc", rpc);
            require("legs", legs);
            require("bribeSchedule", schedule);
            require("poolReader", poolReader);
            require("victim", victim);
            require("capitalToken", capitalToken);
            require("wrappedNative", wrappedNative);
            require("legGas", legGas);
            if (pools.isEmpty()) {
                throw new ValidationException("pools", "[]", "at least one pool is required");
            }
            if (!capitalToken.equals(wrappedNative) && capitalTokenPrice == null) {
                throw new ValidationException(
                        "capitalTokenPrice", "(unset)", "is required when the capital token is not wrapped native");
            }
            return new SandwichPlanner(this);
        }

        private static void require(String field, @Nullable Object value) {
            if (value == null) {
                throw new ValidationException(field, "(unset)", "is required");
            }
        }
    }
}
