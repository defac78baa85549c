package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.sandwich.internal.HopModel;
import io.mevkit.core.sandwich.internal.PathMath;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sizes a sandwich around a decoded victim swap on Uniswap V2-style pairs, exactly.
 *
 * <p>For each hop whose input is the capital token: the victim's amounts at that hop are found through the other hops
 * exactly (its bound there is the least hop output whose forward chain still meets the final minimum, or the most hop
 * input whose backward chain stays within the maximum); the largest front-run that keeps the victim whole comes from
 * the closed-form quadratic, corrected to the exact integer boundary; the size is the exact profit maximum below
 * {@code min(that bound, capital)} (profit is not monotone); then gas and the builder payment are priced and the legs
 * given their protective minimums. The best hop by net profit wins. Any reason not to sandwich comes back as a typed
 * {@link NoSandwich}.
 *
 * <p>Configured with {@link #builder()}; immutable and thread-safe.
 */
public final class SandwichSizer {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    private final long maxPoolAgeBlocks;
    private final BigInteger minCapitalReserve;
    private final Optional<BigInteger> maxPriceImpactBps;
    private final int peakSearchBudget;

    private SandwichSizer(Builder b) {
        this.maxPoolAgeBlocks = b.maxPoolAgeBlocks;
        this.minCapitalReserve = b.minCapitalReserve;
        this.maxPriceImpactBps = Optional.ofNullable(b.maxPriceImpactBps).map(BigInteger::valueOf);
        this.peakSearchBudget = b.peakSearchBudget;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sizer with the defaults: pool state from the head block only, no liquidity limits, search budget 4096. */
    public static SandwichSizer defaults() {
        return builder().build();
    }

    /** Sizes the sandwich, or says why there is none. Never returns null. */
    public SandwichDecision size(SandwichRequest request) {
        Checks.requireNonNull("request", request);
        VictimSwap victim = request.victim();
        List<V2Pool> pools = request.pools();
        List<Address> path = victim.path();
        if (victim.feeOnTransferVariant()) {
            return new NoSandwich.FeeOnTransferToken(
                    Optional.empty(), "the victim calls " + victim.function() + ", a fee-on-transfer variant");
        }
        for (Address token : path) {
            if (request.feeOnTransferTokens().contains(token)) {
                return new NoSandwich.FeeOnTransferToken(Optional.of(token), "listed as taking a fee on transfer");
            }
        }
        if (victim.deadline().isPresent()
                && victim.deadline().get().compareTo(BigInteger.valueOf(request.targetTimestamp())) < 0) {
            return new NoSandwich.DeadlinePassed(victim.deadline().get(), request.targetTimestamp());
        }
        for (V2Pool pool : pools) {
            if (request.headBlock() - pool.blockNumber() > maxPoolAgeBlocks) {
                return new NoSandwich.StalePoolState(
                        pool.address(), pool.blockNumber(), request.headBlock(), maxPoolAgeBlocks);
            }
        }
        Set<Address> seen = new HashSet<>();
        for (V2Pool pool : pools) {
            if (!seen.add(pool.address())) {
                return new NoSandwich.UnsupportedVictim("the path goes through pair " + pool.address() + " twice");
            }
        }
        List<Integer> hops = new ArrayList<>();
        for (int k = 0; k < pools.size(); k++) {
            if (path.get(k).equals(request.capitalToken())) {
                hops.add(k);
            }
        }
        if (hops.isEmpty()) {
            return new NoSandwich.NoCapitalHop(request.capitalToken());
        }
        boolean nativeCapital = request.capitalToken().equals(request.wrappedNative());
        if (!nativeCapital && request.capitalTokenPrice().isEmpty()) {
            return new NoSandwich.NoPrice(request.capitalToken());
        }
        SandwichPlan best = null;
        NoSandwich firstRejection = null;
        for (int k : hops) {
            SandwichDecision decision = sizeHop(request, k);
            if (decision instanceof SandwichPlan plan) {
                if (best == null || plan.netProfitWei().compareTo(best.netProfitWei()) > 0) {
                    best = plan;
                }
            } else if (firstRejection == null) {
                firstRejection = (NoSandwich) decision;
            }
        }
        return best != null ? best : firstRejection;
    }

    private SandwichDecision sizeHop(SandwichRequest request, int k) {
        VictimSwap victim = request.victim();
        List<V2Pool> pools = request.pools();
        List<Address> path = victim.path();
        V2Pool pool = pools.get(k);
        Address tokenIn = path.get(k);
        Address tokenOut = path.get(k + 1);
        BigInteger x = pool.reserveOf(tokenIn);
        BigInteger y = pool.reserveOf(tokenOut);
        if (x.signum() == 0 || y.signum() == 0 || x.compareTo(minCapitalReserve) < 0) {
            return new NoSandwich.InsufficientLiquidity(
                    pool.address(),
                    "reserves " + x + " / " + y + ", the capital token's must be >= " + minCapitalReserve);
        }
        long f = pool.fee().numerator();
        long d = pool.fee().denominator();
        int hops = pools.size();
        HopModel model;
        if (victim.kind() == SwapKind.EXACT_INPUT) {
            BigInteger in = PathMath.forward(pools, path, 0, k, victim.amountIn());
            if (in == null || in.signum() == 0) {
                return noRoom(BigInteger.ONE.negate(), "the victim reverts before the sandwiched hop");
            }
            BigInteger least = PathMath.leastHopOutput(pools, path, k, victim.amountOut());
            if (least == null) {
                return noRoom(BigInteger.ONE.negate(), "no output of the sandwiched hop meets the victim's minimum");
            }
            model = HopModel.exactInput(x, y, f, d, in, least);
        } else {
            BigInteger out = PathMath.backward(pools, path, k + 1, hops, victim.amountOut());
            if (out == null) {
                return noRoom(BigInteger.ONE.negate(), "the victim's output cannot be bought after the sandwiched hop");
            }
            BigInteger most = PathMath.mostHopInput(pools, path, k, victim.amountIn());
            if (most == null) {
                return noRoom(BigInteger.ONE.negate(), "no input of the sandwiched hop fits the victim's maximum");
            }
            model = HopModel.exactOutput(x, y, f, d, out, most);
        }
        BigInteger bound = model.maxFrontRun(HopModel.MAX_RESERVE);
        if (bound.signum() < 0) {
            return noRoom(bound, "the victim's swap fails even without a front-run");
        }
        if (bound.signum() == 0) {
            return noRoom(bound, "the victim's bound already binds without a front-run");
        }
        if (model.frontOut(bound).signum() == 0) {
            return noRoom(bound, "the smallest front-run that buys anything already breaks the victim");
        }
        BigInteger limit = bound.min(request.capital());
        HopModel.Best chosen = model.bestSize(limit, peakSearchBudget);
        Priced priced = price(request, chosen.profit());
        if (priced.net().signum() <= 0 || chosen.size().signum() == 0) {
            if (limit.compareTo(bound) < 0) {
                HopModel.Best unconstrained = model.bestSize(bound, peakSearchBudget);
                Priced better = price(request, unconstrained.profit());
                if (unconstrained.size().signum() > 0 && better.net().signum() > 0) {
                    return new NoSandwich.CapitalTooSmall(request.capital(), unconstrained.size());
                }
            }
            return new NoSandwich.UnprofitableAfterGas(
                    chosen.size(), chosen.profit(), priced.grossWei(), priced.gasCost(), priced.builderPayment());
        }
        BigInteger a = chosen.size();
        BigInteger o = model.frontOut(a);
        if (maxPriceImpactBps.isPresent()) {
            // the front-run moves the price of tokenOut (in tokenIn) from x/y to (x+a)/(y-o)
            BigInteger y1 = y.subtract(o);
            BigInteger impact =
                    x.add(a).multiply(y).subtract(x.multiply(y1)).multiply(BPS).divide(x.multiply(y1));
            if (impact.compareTo(maxPriceImpactBps.get()) > 0) {
                return new NoSandwich.InsufficientLiquidity(
                        pool.address(),
                        "the front-run of " + a + " moves the price by " + impact + " bps, more than "
                                + maxPriceImpactBps.get());
            }
        }
        List<BigInteger> amounts = victimAmounts(request, k, model, a);
        BigInteger backOut = model.backOut(a);
        BigInteger costs = priced.gasCost().add(priced.builderPayment());
        BigInteger costsInToken = request.capitalToken().equals(request.wrappedNative())
                ? costs
                : request.capitalTokenPrice().orElseThrow().tokensCovering(costs);
        // a size that buys as much as the limit itself does (a smaller input for the same output) is still the limit's
        SizeLimit sizeLimit;
        if (!o.equals(model.frontOut(limit))) {
            sizeLimit = SizeLimit.PROFIT_PEAK;
        } else if (limit.equals(bound)) {
            sizeLimit = SizeLimit.SLIPPAGE_BOUND;
        } else {
            sizeLimit = SizeLimit.CAPITAL;
        }
        return new SandwichPlan(
                victim,
                k,
                pool,
                tokenIn,
                tokenOut,
                a,
                o,
                o,
                amounts,
                o,
                backOut,
                a.add(costsInToken),
                chosen.profit(),
                request.legGas().total(),
                request.baseFee(),
                request.tip(),
                priced.gasCost(),
                priced.builderPayment(),
                priced.net(),
                bound,
                sizeLimit,
                chosen.optimalityGap());
    }

    /** The victim's router amounts array when it executes right after a front-run of {@code a}. */
    private static List<BigInteger> victimAmounts(SandwichRequest request, int k, HopModel model, BigInteger a) {
        VictimSwap victim = request.victim();
        List<V2Pool> pools = request.pools();
        List<Address> path = victim.path();
        int n = path.size();
        BigInteger[] amounts = new BigInteger[n];
        if (victim.kind() == SwapKind.EXACT_INPUT) {
            amounts[0] = victim.amountIn();
            for (int i = 0; i < k; i++) {
                amounts[i + 1] = PathMath.forward(pools, path, i, i + 1, amounts[i]);
            }
            amounts[k + 1] = model.victimOut(a);
            for (int i = k + 1; i < n - 1; i++) {
                amounts[i + 1] = PathMath.forward(pools, path, i, i + 1, amounts[i]);
            }
        } else {
            amounts[n - 1] = victim.amountOut();
            for (int i = n - 2; i > k; i--) {
                amounts[i] = PathMath.backward(pools, path, i, i + 1, amounts[i + 1]);
            }
            amounts[k] = model.victimIn(a);
            for (int i = k - 1; i >= 0; i--) {
                amounts[i] = PathMath.backward(pools, path, i, i + 1, amounts[i + 1]);
            }
        }
        return List.of(amounts);
    }

    private record Priced(BigInteger grossWei, BigInteger gasCost, BigInteger builderPayment, BigInteger net) {}

    private static Priced price(SandwichRequest request, BigInteger gross) {
        BigInteger gas = BigInteger.valueOf(request.legGas().total());
        BigInteger gasCost = gas.multiply(request.baseFee());
        BigInteger builderPayment = gas.multiply(request.tip());
        BigInteger grossWei = request.capitalToken().equals(request.wrappedNative()) || gross.signum() <= 0
                ? gross
                : request.capitalTokenPrice().orElseThrow().toWeiFloor(gross);
        return new Priced(
                grossWei, gasCost, builderPayment, grossWei.subtract(gasCost).subtract(builderPayment));
    }

    private static NoSandwich noRoom(BigInteger bound, String detail) {
        return new NoSandwich.NoSlippageRoom(bound, detail);
    }

    /** Configures a {@link SandwichSizer}; each option validated when set and again at {@link #build()}. */
    public static final class Builder {
        private long maxPoolAgeBlocks;
        private BigInteger minCapitalReserve = BigInteger.ONE;
        private Long maxPriceImpactBps;
        private int peakSearchBudget = 4096;

        private Builder() {}

        /** How many blocks older than the head a pool's reserves may be (default 0: the head's own state). */
        public Builder maxPoolAgeBlocks(long blocks) {
            this.maxPoolAgeBlocks = Checks.requireNonNegative("maxPoolAgeBlocks", blocks);
            return this;
        }

        /** The least reserve of the capital token a sandwiched pair must hold, in its smallest unit (default 1). */
        public Builder minCapitalReserve(BigInteger reserve) {
            this.minCapitalReserve = Checks.requireNonNegative("minCapitalReserve", reserve);
            return this;
        }

        /** The most the front-run may move the pair's price, in basis points (default: no limit). */
        public Builder maxPriceImpactBps(long bps) {
            this.maxPriceImpactBps = Checks.requireNonNegative("maxPriceImpactBps", bps);
            return this;
        }

        /**
         * The most exact profit evaluations spent proving the profit maximum (default 4096). Beyond it the size is a
         * local maximum and {@link SandwichPlan#optimalityGap()} bounds what was missed.
         */
        public Builder peakSearchBudget(int evaluations) {
            this.peakSearchBudget = (int) Checks.requirePositive("peakSearchBudget", evaluations);
            return this;
        }

        public SandwichSizer build() {
            Checks.requireNonNegative("maxPoolAgeBlocks", maxPoolAgeBlocks);
            Checks.requireNonNegative("minCapitalReserve", minCapitalReserve);
            Checks.requirePositive("peakSearchBudget", peakSearchBudget);
            return new SandwichSizer(this);
        }
    }
}
