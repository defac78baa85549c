package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.DecodedTx;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.sandwich.ExactPrice;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.NoSandwich;
import io.mevkit.core.sandwich.SandwichDecision;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The per-target-block re-validation of a sandwich, whatever pools it is on, written once: {@link SandwichPlanner}
 * (Uniswap V2) and {@link V3SandwichPlanner} (Uniswap V3) read, compare and size their pools and build their legs;
 * the victim and fee cap checks, the tip, the nonce, the stops and the risk check are here. Thread-safe: planning is
 * serialised.
 *
 * @param <S> the pools as read at a head
 * @param <P> the plan the protocol's sizer makes
 * @param <R> what the planner reports of a submitted attempt
 */
abstract class SandwichReplanner<S, P extends SandwichDecision, R> implements BundleTracker.Planner {

    /** What a sizing request needs besides the victim, its pools and the head: the capital and how it is valued. */
    record Terms(
            Address capitalToken,
            BigInteger capital,
            Address wrappedNative,
            Optional<ExactPrice> capitalTokenPrice,
            LegGas legGas) {}

    /**
     * The head a sizing is for.
     *
     * @param number the block the pools were read at
     * @param targetTimestamp the target block's timestamp (the head's plus one second at least)
     * @param baseFee the target block's base fee
     */
    record Head(long number, long targetTimestamp, BigInteger baseFee) {}

    /**
     * A plan as the fees and the risk check see it: the front-run's input, the tokens and pool it trades, and its
     * gross profit in wei. A plan sized with no tip has {@code gross = net + gas cost (+ builder payment, zero)}.
     */
    record Facts(BigInteger frontRunIn, List<Address> tokens, Address pool, BigInteger grossWei) {
        static Facts of(
                BigInteger frontRunIn,
                Address tokenIn,
                Address tokenOut,
                Address pool,
                BigInteger netProfitWei,
                BigInteger gasCost,
                BigInteger builderPayment) {
            return new Facts(
                    frontRunIn,
                    List.of(tokenIn, tokenOut),
                    pool,
                    netProfitWei.add(gasCost).add(builderPayment));
        }
    }

    /** Builds, signs and simulates the legs; the planners call it for their protocol's plan. */
    final SandwichLegs legs;

    private final RpcClient rpc;
    private final Hash victimHash;
    private final BribeSchedule schedule;
    private final Optional<BigInteger> maxFeePerGas;
    private final String victimRaw;
    private final Class<P> planType;
    private final Terms terms;
    private final FeeMarket.Eip1559 feeRule;
    private final OptionalInt priceConfidenceBps;

    private @Nullable S lastPools;
    private @Nullable P lastPlan;
    private @Nullable R last;

    SandwichReplanner(SandwichPlannerBuilder<?> b, Class<P> planType) {
        this.legs = b.legs;
        this.victimHash = Hash.keccak256(Hex.decode("victimRaw", b.victimRaw));
        this.rpc = b.rpc;
        this.maxFeePerGas = Optional.ofNullable(b.maxFeePerGas);
        this.schedule = b.schedule;
        this.planType = Objects.requireNonNull(planType, "planType");
        this.victimRaw = b.victimRaw;
        this.terms = new Terms(
                b.capitalToken, b.capital, b.wrappedNative, Optional.ofNullable(b.capitalTokenPrice), b.legGas);
        this.feeRule = b.feeRule;
        this.priceConfidenceBps = b.priceConfidenceBps;
    }

    /** Whether two reads hold as many pools and {@code same} holds for each pair in order. */
    static <T> boolean pairwise(List<T> now, List<T> before, BiPredicate<T, T> same) {
        if (now.size() != before.size()) {
            return false;
        }
        for (int i = 0; i < now.size(); i++) {
            if (!same.test(now.get(i), before.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The victim's pools at the end of {@code head}. */
    abstract S read(long head);

    /** Whether nothing the sizing depends on differs between two reads. */
    abstract boolean unchanged(S now, S before);

    /** Sizes with no tip: the bribe is priced afterwards from the gross profit. */
    abstract SandwichDecision size(S pools, Terms terms, Head head);

    /** The plan's facts the fees and the risk check need. */
    abstract Facts facts(P plan);

    /** The signed, simulated legs of {@code plan} for {@code target}. */
    abstract LegsOutcome legs(P plan, SandwichLegs.Target target);

    /** What {@link #last()} reports of a submitted attempt. */
    abstract R planned(long targetBlock, int attempt, P plan, boolean resized, SandwichBundle bundle);

    /** The victim's hash (to pass to {@link BundleTracker#track}). */
    public Hash victimHash() {
        return victimHash;
    }

    /** What the last {@link #planFor} that submitted produced, if any. */
    public synchronized Optional<R> last() {
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
        Optional<BundleTracker.Plan.Stop> capStop = feeCapStop(pending.get(), targetBlock, baseFee);
        if (capStop.isPresent()) {
            return capStop.get();
        }

        S atHead = read(head);
        boolean resized = lastPlan == null || lastPools == null || !unchanged(atHead, lastPools);
        P plan;
        if (resized) {
            SandwichDecision decision = size(atHead, terms, new Head(head, parent.timestamp() + 1, baseFee));
            if (decision instanceof NoSandwich no) {
                return new BundleTracker.Plan.Stop(
                        StopReason.NO_LONGER_PROFITABLE, "no sandwich at block " + head + ": " + no);
            }
            plan = planType.cast(decision);
            lastPools = atHead;
            lastPlan = plan;
        } else {
            plan = lastPlan;
        }

        Facts facts = facts(plan);
        LegFees fees =
                LegFees.of(schedule, attempt, facts.grossWei(), terms.legGas().total(), baseFee, maxFeePerGas);
        if (fees.netWei().signum() <= 0) {
            return new BundleTracker.Plan.Stop(
                    StopReason.NO_LONGER_PROFITABLE,
                    "gross " + facts.grossWei() + " wei leaves " + fees.netWei()
                            + " wei after gas and the bribe at block " + targetBlock);
        }
        long nonce = rpc.getTransactionCount(legs.searcher(), BlockTag.number(head));
        LegsOutcome outcome = legs(
                plan, new SandwichLegs.Target(victimRaw, nonce, targetBlock, baseFee, fees.tip(), fees.maxFeePerGas()));
        if (outcome instanceof LegsOutcome.Reverts reverts) {
            return new BundleTracker.Plan.Stop(
                    StopReason.LEGS_REVERT,
                    "transaction " + reverts.index() + " reverts in simulation: " + reverts.reason());
        }
        SandwichBundle bundle = ((LegsOutcome.Ready) outcome).bundle();
        last = planned(targetBlock, attempt, plan, resized, bundle);
        return new BundleTracker.Plan.Submit(
                bundle.bundle(), Optional.of(riskCheck(facts, bundle, fees.maxFeePerGas())));
    }

    /** The configured fee cap, then the victim's own, each at least the next base fee, or why not. */
    private Optional<BundleTracker.Plan.Stop> feeCapStop(Transaction victim, long targetBlock, BigInteger baseFee) {
        if (maxFeePerGas.isPresent() && maxFeePerGas.get().compareTo(baseFee) < 0) {
            return Optional.of(new BundleTracker.Plan.Stop(
                    StopReason.FEE_CAP_BELOW_BASE_FEE,
                    "fee cap " + maxFeePerGas.get() + " is below block " + targetBlock + "'s base fee " + baseFee));
        }
        Optional<BigInteger> victimCap = victim.maxFeePerGas().or(victim::gasPrice);
        if (victimCap.isPresent() && victimCap.get().compareTo(baseFee) < 0) {
            return Optional.of(new BundleTracker.Plan.Stop(
                    StopReason.FEE_CAP_BELOW_BASE_FEE,
                    "the victim's fee cap " + victimCap.get() + " is below block " + targetBlock + "'s base fee "
                            + baseFee));
        }
        return Optional.empty();
    }

    /**
     * The bundle as the tracker's risk policy sees it: the most it can cost is both legs' gas limits at the fee cap;
     * the expected profit is the gross profit less the simulated gas and bribe; the worst case is paying that most.
     */
    private RiskCheck riskCheck(Facts facts, SandwichBundle bundle, BigInteger maxFee) {
        long limits = 0;
        for (SignedTx leg : List.of(bundle.frontRun(), bundle.backRun())) {
            limits += DecodedTx.decode("leg", leg.rawHex()).gasLimit();
        }
        BigInteger mostCost = maxFee.multiply(BigInteger.valueOf(limits));
        return new RiskCheck(
                terms.capitalToken(),
                facts.frontRunIn(),
                facts.tokens(),
                List.of(facts.pool()),
                maxFee,
                mostCost,
                facts.grossWei().add(bundle.ethDelta()),
                mostCost,
                priceConfidenceBps);
    }
}
