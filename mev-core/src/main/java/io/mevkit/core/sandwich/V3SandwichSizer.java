package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3RevertException;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.amm.V3TickDataMissingException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sizes a sandwich around a decoded Uniswap V3 victim swap, exactly, on the in-process pool simulation.
 *
 * <p>For each hop whose input is the capital token: a first guess of the largest front-run that keeps the victim
 * whole comes from the constant-product quadratic on the current range's virtual reserves ({@code x = L·2^96/√P},
 * {@code y = L·√P/2^96}, fee on input); the exact bound is then searched from that guess on the exact swap
 * simulator, which crosses initialized ticks as the pool does (the victim's output falls, or its input rises, with the
 * front-run). At the wei level that is not strictly monotone: a front-run ending exactly on an initialized tick can
 * leave the victim a few wei better off than one a unit smaller, so the bound is a size after which the victim still
 * succeeds and one unit more makes it fail, and a size after which the victim would fail is never chosen. The size
 * is the largest exact profit below
 * {@code min(bound, capital)}: the bound itself when profit still rises there, else a golden-section search, checked
 * against a grid of sizes (profit need not be monotone). Gas and the builder payment are priced as for V2
 * ({@link SandwichSizer}) and the legs get the same protective minimums; the best hop by net profit wins. Any reason not
 * to sandwich comes back as a typed {@link NoSandwich}.
 *
 * <p>Configured with {@link #builder()}; immutable and thread-safe.
 */
public final class V3SandwichSizer {
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final BigInteger FEE_DENOMINATOR = BigInteger.valueOf(1_000_000);
    private static final BigInteger PRICE_PRECISION = BigInteger.TEN.pow(36);
    private static final BigInteger MAX_AMOUNT = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private final long maxPoolAgeBlocks;
    private final BigInteger minLiquidity;
    private final Optional<BigInteger> maxPriceImpactBps;
    private final int gridPoints;

    private V3SandwichSizer(Builder b) {
        this.maxPoolAgeBlocks = b.maxPoolAgeBlocks;
        this.minLiquidity = b.minLiquidity;
        this.maxPriceImpactBps = Optional.ofNullable(b.maxPriceImpactBps).map(BigInteger::valueOf);
        this.gridPoints = b.gridPoints;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A sizer with the defaults: pool state from the head block only, no price-impact limit, an 8-point grid. */
    public static V3SandwichSizer defaults() {
        return builder().build();
    }

    /** Sizes the sandwich, or says why there is none. Never returns null. */
    public SandwichDecision size(V3SandwichRequest request) {
        Checks.requireNonNull("request", request);
        V3VictimSwap victim = request.victim();
        List<V3PathHop> path = victim.path();
        List<V3PoolState> pools = request.pools();
        for (V3PathHop hop : path) {
            for (Address token : List.of(hop.tokenIn(), hop.tokenOut())) {
                if (request.feeOnTransferTokens().contains(token)) {
                    return new NoSandwich.FeeOnTransferToken(Optional.of(token), "listed as taking a fee on transfer");
                }
            }
        }
        if (victim.deadline().isPresent()
                && victim.deadline().get().compareTo(BigInteger.valueOf(request.targetTimestamp())) < 0) {
            return new NoSandwich.DeadlinePassed(victim.deadline().get(), request.targetTimestamp());
        }
        for (V3PoolState pool : pools) {
            if (request.headBlock() - pool.blockNumber() > maxPoolAgeBlocks) {
                return new NoSandwich.StalePoolState(
                        addressOf(pool), pool.blockNumber(), request.headBlock(), maxPoolAgeBlocks);
            }
        }
        Set<String> seen = new HashSet<>();
        for (V3PathHop hop : path) {
            Address a = hop.tokenIn().compareTo(hop.tokenOut()) < 0 ? hop.tokenIn() : hop.tokenOut();
            Address b = a.equals(hop.tokenIn()) ? hop.tokenOut() : hop.tokenIn();
            if (!seen.add(a.hex() + b.hex() + hop.fee())) {
                return new NoSandwich.UnsupportedVictim("the route goes through the same pool twice: " + hop);
            }
        }
        if (!victim.exactInput() && !victim.minHopPriceX36().isEmpty()) {
            return new NoSandwich.UnsupportedVictim("per-hop minimum prices on an exact-output route");
        }
        List<Integer> hops = new ArrayList<>();
        for (int k = 0; k < path.size(); k++) {
            if (path.get(k).tokenIn().equals(request.capitalToken())) {
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
        V3SandwichPlan best = null;
        NoSandwich firstRejection = null;
        for (int k : hops) {
            SandwichDecision decision;
            try {
                decision = sizeHop(request, k);
            } catch (V3TickDataMissingException e) {
                decision = new NoSandwich.UnsupportedVictim("the state of pool " + addressOf(pools.get(k))
                        + " lacks ticks the sandwich reaches: " + e.getMessage());
            }
            if (decision instanceof V3SandwichPlan plan) {
                if (best == null || plan.netProfitWei().compareTo(best.netProfitWei()) > 0) {
                    best = plan;
                }
            } else if (firstRejection == null) {
                firstRejection = (NoSandwich) decision;
            }
        }
        return best != null ? best : firstRejection;
    }

    private SandwichDecision sizeHop(V3SandwichRequest request, int k) {
        Hop hop = new Hop(request, k);
        V3PoolState pool = hop.pool;
        if (pool.liquidity().compareTo(minLiquidity) < 0) {
            return new NoSandwich.InsufficientLiquidity(
                    addressOf(pool), "in-range liquidity " + pool.liquidity() + ", must be >= " + minLiquidity);
        }
        Eval untouched = hop.eval(BigInteger.ZERO);
        if (!untouched.ok()) {
            return new NoSandwich.NoSlippageRoom(
                    BigInteger.ONE.negate(), "the victim's swap fails even without a front-run");
        }
        BigInteger bound = hop.maxFrontRun(untouched);
        if (bound.signum() == 0) {
            return new NoSandwich.NoSlippageRoom(bound, "the victim's bound already binds without a front-run");
        }
        BigInteger limit = bound.min(request.capital());
        Best chosen = hop.bestSize(limit, gridPoints);
        Priced priced = price(request, chosen.profit());
        if (priced.net().signum() <= 0 || chosen.size().signum() == 0) {
            if (limit.compareTo(bound) < 0) {
                Best unconstrained = hop.bestSize(bound, gridPoints);
                Priced better = price(request, unconstrained.profit());
                if (unconstrained.size().signum() > 0 && better.net().signum() > 0) {
                    return new NoSandwich.CapitalTooSmall(request.capital(), unconstrained.size());
                }
            }
            return new NoSandwich.UnprofitableAfterGas(
                    chosen.size(), chosen.profit(), priced.grossWei(), priced.gasCost(), priced.builderPayment());
        }
        BigInteger a = chosen.size();
        Eval eval = hop.eval(a);
        V3SwapResult front = eval.front();
        V3SwapResult back = hop.backRun(eval);
        if (maxPriceImpactBps.isPresent()) {
            BigInteger s0 = pool.sqrtPriceX96().pow(2);
            BigInteger s1 = front.sqrtPriceX96After().pow(2);
            BigInteger impact = s1.subtract(s0).abs().multiply(BPS).divide(s0);
            if (impact.compareTo(maxPriceImpactBps.get()) > 0) {
                return new NoSandwich.InsufficientLiquidity(
                        addressOf(pool),
                        "the front-run of " + a + " moves the price by " + impact + " bps, more than "
                                + maxPriceImpactBps.get());
            }
        }
        BigInteger frontIn = front.amountIn();
        BigInteger frontOut = front.amountOut();
        BigInteger costs = priced.gasCost().add(priced.builderPayment());
        BigInteger costsInToken = request.capitalToken().equals(request.wrappedNative())
                ? costs
                : request.capitalTokenPrice().orElseThrow().tokensCovering(costs);
        SizeLimit sizeLimit;
        if (a.equals(bound)) {
            sizeLimit = SizeLimit.SLIPPAGE_BOUND;
        } else if (a.equals(limit)) {
            sizeLimit = SizeLimit.CAPITAL;
        } else {
            sizeLimit = SizeLimit.PROFIT_PEAK;
        }
        V3PathHop h = request.victim().path().get(k);
        return new V3SandwichPlan(
                request.victim(),
                k,
                pool,
                h.tokenIn(),
                h.tokenOut(),
                frontIn,
                frontOut,
                frontOut,
                Arrays.asList(eval.victimAmounts()),
                frontOut,
                back.amountOut(),
                frontIn.add(costsInToken),
                back.amountOut().subtract(frontIn),
                request.legGas().total(),
                request.baseFee(),
                request.tip(),
                priced.gasCost(),
                priced.builderPayment(),
                priced.net(),
                bound,
                sizeLimit,
                front,
                eval.victimHop(),
                back);
    }

    private record Priced(BigInteger grossWei, BigInteger gasCost, BigInteger builderPayment, BigInteger net) {}

    private static Priced price(V3SandwichRequest request, BigInteger gross) {
        BigInteger gas = BigInteger.valueOf(request.legGas().total());
        BigInteger gasCost = gas.multiply(request.baseFee());
        BigInteger builderPayment = gas.multiply(request.tip());
        BigInteger grossWei = request.capitalToken().equals(request.wrappedNative()) || gross.signum() <= 0
                ? gross
                : request.capitalTokenPrice().orElseThrow().toWeiFloor(gross);
        return new Priced(
                grossWei, gasCost, builderPayment, grossWei.subtract(gasCost).subtract(builderPayment));
    }

    private static Address addressOf(V3PoolState pool) {
        return pool.address().orElse(Address.ZERO);
    }

    /** A front-run of some size, and the victim's route after it. */
    private record Eval(
            BigInteger size, V3SwapResult front, boolean ok, BigInteger[] victimAmounts, V3SwapResult victimHop) {
        /** Whether the front-run took all of {@code size} (a larger one would reach the router's price limit). */
        boolean saturated() {
            return front != null && front.amountIn().compareTo(size) < 0;
        }
    }

    /** The best size found and its exact profit. */
    private record Best(BigInteger size, BigInteger profit) {}

    /** The sandwich at one hop: the exact front-run, victim and back-run functions of the front-run size. */
    private static final class Hop {
        private final V3VictimSwap victim;
        private final List<V3PoolState> pools;
        private final int k;
        private final V3PoolState pool;
        private final boolean zeroForOne;

        Hop(V3SandwichRequest request, int k) {
            this.victim = request.victim();
            this.pools = request.pools();
            this.k = k;
            this.pool = pools.get(k);
            this.zeroForOne = victim.path().get(k).zeroForOne();
        }

        /** The front-run of {@code a} (none for zero), then the victim's whole route through the moved pool. */
        Eval eval(BigInteger a) {
            V3SwapResult front = null;
            V3PoolState moved = pool;
            if (a.signum() > 0) {
                try {
                    front = V3SwapSimulator.exactInput(pool, zeroForOne, a);
                } catch (V3RevertException e) {
                    return new Eval(a, null, false, new BigInteger[0], null);
                }
                moved = front.poolAfter();
            }
            int n = victim.path().size();
            BigInteger[] amounts = new BigInteger[n + 1];
            V3SwapResult atHop = null;
            try {
                if (victim.exactInput()) {
                    amounts[0] = victim.amount();
                    for (int i = 0; i < n; i++) {
                        V3SwapResult r = swap(
                                i,
                                i == k ? moved : pools.get(i),
                                amounts[i].compareTo(MAX_AMOUNT) > 0 ? null : amounts[i]);
                        if (r == null) {
                            return new Eval(a, front, false, amounts, null);
                        }
                        amounts[i + 1] = r.amountOut();
                        if (i == k) {
                            atHop = r;
                        }
                        if (!victim.minHopPriceX36().isEmpty()) {
                            BigInteger price =
                                    amounts[i + 1].multiply(PRICE_PRECISION).divide(amounts[i]);
                            if (price.compareTo(victim.minHopPriceX36().get(i)) < 0) {
                                return new Eval(a, front, false, amounts, r);
                            }
                        }
                    }
                    return new Eval(a, front, amounts[n].compareTo(victim.limitAmount()) >= 0, amounts, atHop);
                }
                amounts[n] = victim.amount();
                for (int i = n - 1; i >= 0; i--) {
                    V3PoolState p = i == k ? moved : pools.get(i);
                    boolean zfo = victim.path().get(i).zeroForOne();
                    if (amounts[i + 1].signum() == 0 || amounts[i + 1].compareTo(MAX_AMOUNT) > 0) {
                        return new Eval(a, front, false, amounts, null);
                    }
                    V3SwapResult r = V3SwapSimulator.swap(p, zfo, amounts[i + 1].negate(), limit(zfo));
                    boolean partialAllowed = n == 1
                            && victim.sqrtPriceLimitX96().signum() != 0
                            && victim.router() != V3Router.UNIVERSAL_ROUTER;
                    if (!r.amountOut().equals(amounts[i + 1])) {
                        if (!partialAllowed) {
                            return new Eval(a, front, false, amounts, r);
                        }
                        amounts[i + 1] = r.amountOut();
                    }
                    amounts[i] = r.amountIn();
                    if (i == k) {
                        atHop = r;
                    }
                }
                return new Eval(a, front, amounts[0].compareTo(victim.limitAmount()) <= 0, amounts, atHop);
            } catch (V3RevertException e) {
                return new Eval(a, front, false, amounts, null);
            }
        }

        private V3SwapResult swap(int i, V3PoolState p, BigInteger amountIn) {
            if (amountIn == null || amountIn.signum() == 0) {
                return null; // the router would revert: AS, or an amount beyond int256
            }
            boolean zfo = victim.path().get(i).zeroForOne();
            return V3SwapSimulator.swap(p, zfo, amountIn, limit(zfo));
        }

        /** The victim's price limit: its own on a single pool, else the router's default. */
        private BigInteger limit(boolean zfo) {
            return victim.singleHop() && victim.sqrtPriceLimitX96().signum() != 0
                    ? victim.sqrtPriceLimitX96()
                    : V3SwapSimulator.defaultLimit(zfo);
        }

        /** The back-run: all of the front-run's output sold back into the pool the victim left. */
        V3SwapResult backRun(Eval eval) {
            V3PoolState after = eval.victimHop().poolAfter();
            return V3SwapSimulator.exactInput(after, !zeroForOne, eval.front().amountOut());
        }

        /** The exact profit of a front-run of {@code a} that keeps the victim whole; zero for {@code a = 0}. */
        BigInteger profit(BigInteger a) {
            if (a.signum() == 0) {
                return BigInteger.ZERO;
            }
            Eval eval = eval(a);
            if (!eval.ok() || eval.front().amountOut().signum() == 0) {
                return eval.ok() ? eval.front().amountIn().negate() : null;
            }
            try {
                return backRun(eval).amountOut().subtract(eval.front().amountIn());
            } catch (V3RevertException e) {
                return null;
            }
        }

        /**
         * The largest front-run after which the victim's router still succeeds, exactly. A seed from the virtual
         * reserves; a bracket [ok, fails] from it (the untouched victim is the lower end, a secant extrapolation or
         * galloping the upper); a few steps of regula falsi (Illinois) on the victim's slack, which is smooth between
         * ticks; then, since near the root the slack moves in integer steps that interpolation cannot resolve, an
         * exponential search outward from the last predicted root and bisection of what remains. A front-run that
         * saturates (reaches the router's price limit) bounds it from above.
         */
        BigInteger maxFrontRun(Eval untouched) {
            BigInteger seed = seed(untouched);
            Eval lo = untouched;
            Eval hi = null;
            if (seed.signum() > 0) {
                Eval e = eval(seed);
                if (e.ok()) {
                    if (e.saturated()) {
                        return e.front().amountIn();
                    }
                    lo = e;
                } else {
                    hi = e;
                }
            }
            if (hi == null) {
                // extrapolate the secant through the untouched victim and the seed, with a margin, to find a failure
                BigInteger step = null;
                BigInteger f0 = slack(untouched);
                BigInteger f1 = slack(lo);
                if (lo != untouched && f0 != null && f1 != null && f0.compareTo(f1) > 0) {
                    BigInteger predicted = lo.size().multiply(f0).divide(f0.subtract(f1));
                    step = predicted
                            .subtract(lo.size())
                            .max(BigInteger.ZERO)
                            .multiply(BigInteger.valueOf(9))
                            .divide(BigInteger.valueOf(8))
                            .add(BigInteger.ONE);
                }
                if (step == null) {
                    BigInteger scale =
                            seed.signum() > 0 ? seed : victim.amount().max(BigInteger.ONE);
                    step = scale.shiftRight(10).max(BigInteger.ONE);
                }
                while (true) {
                    BigInteger candidate = lo.size().add(step).min(MAX_AMOUNT);
                    Eval e = eval(candidate);
                    if (!e.ok()) {
                        hi = e;
                        break;
                    }
                    if (e.saturated()) {
                        return e.front().amountIn();
                    }
                    lo = e;
                    if (candidate.equals(MAX_AMOUNT)) {
                        return candidate;
                    }
                    step = step.shiftLeft(1);
                }
            }
            BigInteger fLo = slack(lo);
            BigInteger fHi = slack(hi);
            int kept = 0; // +1: lo kept by the last step, -1: hi kept
            for (int i = 0; i < 6 && hi.size().subtract(lo.size()).compareTo(BigInteger.ONE) > 0; i++) {
                Eval e = eval(predictRoot(lo, fLo, hi, fHi));
                if (e.ok()) {
                    lo = e;
                    fLo = slack(e);
                    if (kept == -1 && fHi != null) {
                        fHi = fHi.shiftRight(1); // Illinois: an end kept twice in a row gets half its weight
                    }
                    kept = -1;
                } else {
                    hi = e;
                    fHi = slack(e);
                    if (kept == 1) {
                        fLo = fLo.shiftRight(1);
                    }
                    kept = 1;
                }
            }
            if (hi.size().subtract(lo.size()).compareTo(BigInteger.ONE) <= 0) {
                return lo.size();
            }
            // exponential search outward from the predicted root, then bisection
            BigInteger x = predictRoot(lo, slack(lo), hi, slack(hi));
            BigInteger loSize = lo.size();
            BigInteger hiSize = hi.size();
            if (eval(x).ok()) {
                loSize = x;
                for (BigInteger step = BigInteger.ONE; ; step = step.shiftLeft(1)) {
                    BigInteger c = loSize.add(step);
                    if (c.compareTo(hiSize) >= 0) {
                        break;
                    }
                    if (eval(c).ok()) {
                        loSize = c;
                    } else {
                        hiSize = c;
                        break;
                    }
                }
            } else {
                hiSize = x;
                for (BigInteger step = BigInteger.ONE; ; step = step.shiftLeft(1)) {
                    BigInteger c = hiSize.subtract(step);
                    if (c.compareTo(loSize) <= 0) {
                        break;
                    }
                    if (eval(c).ok()) {
                        loSize = c;
                        break;
                    }
                    hiSize = c;
                }
            }
            while (hiSize.subtract(loSize).compareTo(BigInteger.ONE) > 0) {
                BigInteger mid = loSize.add(hiSize).shiftRight(1);
                if (eval(mid).ok()) {
                    loSize = mid;
                } else {
                    hiSize = mid;
                }
            }
            return loSize;
        }

        /** The root of the line through (lo, fLo >= 0) and (hi, fHi < 0), inside (lo, hi); the middle without fHi. */
        private static BigInteger predictRoot(Eval lo, BigInteger fLo, Eval hi, BigInteger fHi) {
            BigInteger width = hi.size().subtract(lo.size());
            if (fLo == null || fHi == null || fLo.compareTo(fHi) <= 0) {
                return lo.size().add(width.shiftRight(1));
            }
            BigInteger x = lo.size().add(width.multiply(fLo).divide(fLo.subtract(fHi)));
            return x.max(lo.size().add(BigInteger.ONE)).min(hi.size().subtract(BigInteger.ONE));
        }

        /**
         * How far the victim is from its bound: output above its minimum (exact input), or maximum above its input
         * (exact output); null when its swap fails outright.
         */
        private BigInteger slack(Eval e) {
            BigInteger[] amounts = e.victimAmounts();
            int n = victim.path().size();
            if (amounts.length != n + 1) {
                return null;
            }
            BigInteger slack;
            if (victim.exactInput()) {
                slack = amounts[n] == null ? null : amounts[n].subtract(victim.limitAmount());
            } else {
                slack = amounts[0] == null ? null : victim.limitAmount().subtract(amounts[0]);
            }
            // a failure for another reason (a per-hop price, a partial output) has no meaningful distance
            return slack == null || (!e.ok() && slack.signum() >= 0) ? null : slack;
        }

        /**
         * The quadratic bound on the current range's virtual reserves, as if the pool were constant-product with the
         * fee on input: a starting point only (ticks, rounding and the other hops move the exact bound).
         */
        private BigInteger seed(Eval untouched) {
            BigInteger x = zeroForOne ? pool.virtualReserve0() : pool.virtualReserve1();
            BigInteger y = zeroForOne ? pool.virtualReserve1() : pool.virtualReserve0();
            BigInteger d = FEE_DENOMINATOR;
            BigInteger f = d.subtract(BigInteger.valueOf(pool.fee()));
            BigInteger[] amounts = untouched.victimAmounts();
            BigInteger v = amounts[k];
            BigInteger w = amounts[k + 1];
            int n = amounts.length - 1;
            BigInteger a;
            BigInteger b;
            BigInteger c;
            if (victim.exactInput()) {
                // the minimum at this hop, scaled from the route's minimum
                if (amounts[n].signum() == 0) {
                    return BigInteger.ZERO;
                }
                BigInteger m = w.multiply(victim.limitAmount()).divide(amounts[n]);
                a = m.multiply(f).multiply(d);
                b = m.multiply(d.multiply(d.add(f)).multiply(x).add(f.pow(2).multiply(v)));
                c = m.multiply(d)
                        .multiply(x)
                        .multiply(d.multiply(x).add(f.multiply(v)))
                        .subtract(f.multiply(d).multiply(v).multiply(x).multiply(y));
            } else {
                if (amounts[0].signum() == 0) {
                    return BigInteger.ZERO;
                }
                BigInteger most = v.multiply(victim.limitAmount()).divide(amounts[0]);
                a = f.multiply(d).multiply(w);
                b = w.multiply(x)
                        .multiply(d)
                        .multiply(d.add(f))
                        .add(f.pow(2).multiply(most).multiply(w));
                c = d.pow(2)
                        .multiply(w)
                        .multiply(x.pow(2))
                        .add(f.multiply(d).multiply(most).multiply(w).multiply(x))
                        .subtract(f.multiply(d).multiply(most).multiply(x).multiply(y));
            }
            if (a.signum() <= 0 || c.signum() >= 0) {
                return BigInteger.ZERO;
            }
            BigInteger disc = b.pow(2).subtract(a.multiply(c).shiftLeft(2));
            BigInteger root = disc.sqrt().subtract(b).divide(a.shiftLeft(1));
            return root.max(BigInteger.ZERO).min(MAX_AMOUNT);
        }

        /**
         * The size in [0, limit] with the largest exact profit: the limit when profit still rises into it and no grid
         * point beats it, else a golden-section search around the best grid point; size 0 when nothing gains.
         */
        Best bestSize(BigInteger limit, int gridPoints) {
            if (limit.signum() == 0) {
                return new Best(BigInteger.ZERO, BigInteger.ZERO);
            }
            Best best = new Best(limit, orLoss(profit(limit)));
            BigInteger delta = limit.shiftRight(12).max(BigInteger.ONE);
            boolean interior = false;
            for (BigInteger probe : List.of(limit.subtract(BigInteger.ONE), limit.subtract(delta))) {
                if (probe.signum() > 0) {
                    BigInteger p = orLoss(profit(probe));
                    if (p.compareTo(best.profit()) > 0) {
                        best = new Best(probe, p);
                        interior = true;
                    }
                }
            }
            BigInteger g = BigInteger.valueOf(gridPoints);
            // the limit and the probes just below it lie in the top grid cell: searched there unless a grid point wins
            BigInteger bestGridLo =
                    limit.multiply(BigInteger.valueOf(gridPoints - 1)).divide(g);
            BigInteger bestGridHi = limit;
            BigInteger previous = BigInteger.ZERO;
            for (int i = 1; i < gridPoints; i++) {
                BigInteger point = limit.multiply(BigInteger.valueOf(i)).divide(g);
                if (point.signum() == 0 || point.equals(previous)) {
                    continue;
                }
                BigInteger p = orLoss(profit(point));
                if (p.compareTo(best.profit()) > 0) {
                    best = new Best(point, p);
                    interior = true;
                    bestGridLo = limit.multiply(BigInteger.valueOf(i - 1)).divide(g);
                    bestGridHi = limit.multiply(BigInteger.valueOf(i + 1)).divide(g);
                }
                previous = point;
            }
            if (interior) {
                Best searched = golden(bestGridLo, bestGridHi);
                if (searched.profit().compareTo(best.profit()) > 0) {
                    best = searched;
                }
                best = climb(best, limit);
            }
            return best.profit().signum() > 0 ? best : new Best(BigInteger.ZERO, BigInteger.ZERO);
        }

        /** Golden-section search for the profit maximum on [lo, hi], finished by a scan of the last few sizes. */
        private Best golden(BigInteger lo, BigInteger hi) {
            BigInteger num = BigInteger.valueOf(381_966_011L); // 1 - 1/phi, to nine digits: only a search ratio
            BigInteger den = BigInteger.valueOf(1_000_000_000L);
            BigInteger c = lo.add(hi.subtract(lo).multiply(num).divide(den));
            BigInteger d = hi.subtract(hi.subtract(lo).multiply(num).divide(den));
            BigInteger fc = orLoss(profit(c));
            BigInteger fd = orLoss(profit(d));
            while (hi.subtract(lo).compareTo(BigInteger.valueOf(32)) > 0) {
                if (fc.compareTo(fd) < 0) {
                    lo = c;
                    c = d;
                    fc = fd;
                    d = hi.subtract(hi.subtract(lo).multiply(num).divide(den));
                    if (d.compareTo(c) <= 0) {
                        d = c.add(BigInteger.ONE);
                    }
                    fd = orLoss(profit(d));
                } else {
                    hi = d;
                    d = c;
                    fd = fc;
                    c = lo.add(hi.subtract(lo).multiply(num).divide(den));
                    if (c.compareTo(d) >= 0) {
                        c = d.subtract(BigInteger.ONE);
                    }
                    fc = orLoss(profit(c));
                }
            }
            Best best = new Best(BigInteger.ZERO, BigInteger.ZERO);
            for (BigInteger a = lo.max(BigInteger.ONE); a.compareTo(hi) <= 0; a = a.add(BigInteger.ONE)) {
                BigInteger p = orLoss(profit(a));
                if (p.compareTo(best.profit()) > 0) {
                    best = new Best(a, p);
                }
            }
            return best;
        }

        /** Moves one unit at a time while the profit rises (at most 64 steps each way). */
        private Best climb(Best best, BigInteger limit) {
            for (int dir : new int[] {1, -1}) {
                for (int i = 0; i < 64; i++) {
                    BigInteger next = best.size().add(BigInteger.valueOf(dir));
                    if (next.signum() <= 0 || next.compareTo(limit) > 0) {
                        break;
                    }
                    BigInteger p = orLoss(profit(next));
                    if (p.compareTo(best.profit()) <= 0) {
                        break;
                    }
                    best = new Best(next, p);
                }
            }
            return best;
        }

        private static BigInteger orLoss(BigInteger profit) {
            // a size whose sandwich cannot complete ranks below any that can
            return profit == null ? MAX_AMOUNT.negate() : profit;
        }
    }

    /** Configures a {@link V3SandwichSizer}; each option validated when set and again at {@link #build()}. */
    public static final class Builder {
        private long maxPoolAgeBlocks;
        private BigInteger minLiquidity = BigInteger.ONE;
        private Long maxPriceImpactBps;
        private int gridPoints = 8;

        private Builder() {}

        /** How many blocks older than the head a pool's state may be (default 0: the head's own state). */
        public Builder maxPoolAgeBlocks(long blocks) {
            this.maxPoolAgeBlocks = Checks.requireNonNegative("maxPoolAgeBlocks", blocks);
            return this;
        }

        /** The least in-range liquidity a sandwiched pool must have (default 1). */
        public Builder minLiquidity(BigInteger liquidity) {
            this.minLiquidity = Checks.requireNonNegative("minLiquidity", liquidity);
            return this;
        }

        /** The most the front-run may move the pool's price, in basis points (default: no limit). */
        public Builder maxPriceImpactBps(long bps) {
            this.maxPriceImpactBps = Checks.requireNonNegative("maxPriceImpactBps", bps);
            return this;
        }

        /** How many evenly spaced sizes the profit maximum is checked against (default 8, at least 2). */
        public Builder gridPoints(int points) {
            if (points < 2) {
                throw new io.mevkit.core.ValidationException("gridPoints", points, "must be at least 2");
            }
            this.gridPoints = points;
            return this;
        }

        public V3SandwichSizer build() {
            Checks.requireNonNegative("maxPoolAgeBlocks", maxPoolAgeBlocks);
            Checks.requireNonNegative("minLiquidity", minLiquidity);
            return new V3SandwichSizer(this);
        }
    }
}
