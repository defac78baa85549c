package io.mevkit.core.sandwich.internal;

import io.mevkit.core.amm.internal.V2Arithmetic;
import java.math.BigInteger;

/**
 * The exact model of one sandwiched V2 hop: the attacker sells {@code a} of token X (reserve {@code x}) for token Y
 * (reserve {@code y}), the victim trades X for Y through the same pair, and the attacker sells everything bought back
 * for X. Every amount is computed as {@code UniswapV2Library} and the pair compute it.
 *
 * <p>The victim either sells an exact {@code v} and needs at least {@code m} of Y at this hop (exact input), or buys
 * an exact {@code w} of Y and may pay at most {@code M} of X here (exact output; the router prices it with
 * {@code getAmountIn} on the reserves the front-run left). Both constraints are monotone in {@code a}, so the largest
 * front-run that keeps the victim whole is a single integer boundary: found from the closed-form root of the
 * real-valued quadratic, then corrected to the exact integer boundary by galloping and bisection on the exact
 * function, in whichever direction the real-valued seed was off.
 *
 * <p>Profit {@code P(a) = back(a) − a} is not monotone. {@link #bestSize} finds its integer maximum below a limit by
 * scanning outward from the peak of a smooth upper bound {@code S ≥ P} (the same trades without any flooring), only
 * at the starts of the runs on which {@code P} cannot increase, and stops as soon as {@code S} proves that nothing
 * further out can beat the best found. Immutable and thread-safe.
 */
public final class HopModel {
    /** 2^112 − 1: the largest reserve a pair can hold; a swap that would exceed it reverts ({@code OVERFLOW}). */
    public static final BigInteger MAX_RESERVE = BigInteger.ONE.shiftLeft(112).subtract(BigInteger.ONE);

    private final boolean exactInput;
    private final BigInteger x;
    private final BigInteger y;
    private final long f;
    private final long d;
    private final BigInteger bf;
    private final BigInteger bd;
    /** Exact input: the victim's input v. Exact output: the victim's output w. */
    private final BigInteger victimAmount;
    /** Exact input: the least output m the victim accepts. Exact output: the most input M it pays. */
    private final BigInteger victimLimit;

    private HopModel(
            boolean exactInput, BigInteger x, BigInteger y, long f, long d, BigInteger amount, BigInteger limit) {
        this.exactInput = exactInput;
        this.x = x;
        this.y = y;
        this.f = f;
        this.d = d;
        this.bf = BigInteger.valueOf(f);
        this.bd = BigInteger.valueOf(d);
        this.victimAmount = amount;
        this.victimLimit = limit;
    }

    /**
     * A victim selling exactly {@code victimIn} of X at this hop and needing at least {@code minOut} of Y from it.
     * Reserves are positive uint112 values, {@code victimIn > 0}, {@code minOut >= 1} (a zero output reverts).
     */
    public static HopModel exactInput(
            BigInteger reserveIn,
            BigInteger reserveOut,
            long feeNumerator,
            long feeDenominator,
            BigInteger victimIn,
            BigInteger minOut) {
        return new HopModel(true, reserveIn, reserveOut, feeNumerator, feeDenominator, victimIn, minOut);
    }

    /** A victim buying exactly {@code victimOut} of Y at this hop and paying at most {@code maxIn} of X for it. */
    public static HopModel exactOutput(
            BigInteger reserveIn,
            BigInteger reserveOut,
            long feeNumerator,
            long feeDenominator,
            BigInteger victimOut,
            BigInteger maxIn) {
        return new HopModel(false, reserveIn, reserveOut, feeNumerator, feeDenominator, victimOut, maxIn);
    }

    public boolean isExactInput() {
        return exactInput;
    }

    public BigInteger reserveIn() {
        return x;
    }

    public BigInteger reserveOut() {
        return y;
    }

    /** The front-run's output for input {@code a}. */
    public BigInteger frontOut(BigInteger a) {
        return V2Arithmetic.amountOut(a, x, y, f, d);
    }

    /**
     * The victim's input at this hop after a front-run of {@code a}: {@code v} for exact input, {@code getAmountIn} on
     * the new reserves for exact output, or null when the new reserves cannot supply the victim's output at all.
     */
    public BigInteger victimIn(BigInteger a) {
        if (exactInput) {
            return victimAmount;
        }
        BigInteger yAfter = y.subtract(frontOut(a));
        if (yAfter.compareTo(victimAmount) <= 0) {
            return null;
        }
        return V2Arithmetic.amountIn(victimAmount, x.add(a), yAfter, f, d);
    }

    /** The victim's output at this hop after a front-run of {@code a}. */
    public BigInteger victimOut(BigInteger a) {
        if (!exactInput) {
            return victimAmount;
        }
        BigInteger o = frontOut(a);
        return V2Arithmetic.amountOut(victimAmount, x.add(a), y.subtract(o), f, d);
    }

    /** Whether the victim still gets through after a front-run of {@code a} (its bound holds, no reserve overflows). */
    public boolean victimSucceeds(BigInteger a) {
        if (a.signum() < 0 || x.add(a).compareTo(MAX_RESERVE) > 0) {
            return false;
        }
        // a front-run too small to buy anything would itself revert, but it leaves the victim whole: the boundary is
        // about the victim only, which keeps it monotone (profit rules such sizes out)
        BigInteger o = frontOut(a);
        BigInteger x1 = x.add(a);
        BigInteger y1 = y.subtract(o);
        if (exactInput) {
            if (x1.add(victimAmount).compareTo(MAX_RESERVE) > 0) {
                return false;
            }
            return V2Arithmetic.amountOut(victimAmount, x1, y1, f, d).compareTo(victimLimit) >= 0;
        }
        if (y1.compareTo(victimAmount) <= 0) {
            return false;
        }
        BigInteger in = V2Arithmetic.amountIn(victimAmount, x1, y1, f, d);
        return in.compareTo(victimLimit) <= 0 && x1.add(in).compareTo(MAX_RESERVE) <= 0;
    }

    /** The back-run's output: all of the front-run's output sold back after the victim. */
    public BigInteger backOut(BigInteger a) {
        BigInteger o = frontOut(a);
        if (o.signum() == 0) {
            return BigInteger.ZERO;
        }
        BigInteger x1 = x.add(a);
        BigInteger y1 = y.subtract(o);
        BigInteger xv;
        BigInteger yv;
        if (exactInput) {
            BigInteger ov = V2Arithmetic.amountOut(victimAmount, x1, y1, f, d);
            xv = x1.add(victimAmount);
            yv = y1.subtract(ov);
        } else {
            BigInteger in = V2Arithmetic.amountIn(victimAmount, x1, y1, f, d);
            xv = x1.add(in);
            yv = y1.subtract(victimAmount);
        }
        return V2Arithmetic.amountOut(o, yv, xv, f, d);
    }

    /** Gross profit in X: back-run output minus front-run input. Only meaningful where the victim succeeds. */
    public BigInteger profit(BigInteger a) {
        return backOut(a).subtract(a);
    }

    /**
     * The largest front-run that keeps the victim whole, exactly, searched up to {@code limit}; −1 when the victim
     * fails even without a front-run.
     */
    public BigInteger maxFrontRun(BigInteger limit) {
        BigInteger cap = limit.min(MAX_RESERVE.subtract(x));
        // the reserve limit the victim's own input adds: a constant for exact input, at most M for exact output
        BigInteger victimMostIn = exactInput ? victimAmount : victimLimit;
        boolean overflowCannotBind = x.add(cap).add(victimMostIn).compareTo(MAX_RESERVE) <= 0;
        BigInteger seed = closedFormSeed().min(cap);
        BigInteger fast = plateauWalk(seed, cap);
        if (fast != null && fast.signum() >= 0) {
            if (overflowCannotBind) {
                return fast;
            }
            // near the uint112 limit the walk ignores the victim's overflow: prove its answer with the exact function
            if (victimSucceeds(fast) && (fast.equals(cap) || !victimSucceeds(fast.add(BigInteger.ONE)))) {
                return fast;
            }
        }
        if (!victimSucceeds(BigInteger.ZERO)) {
            return BigInteger.ONE.negate();
        }
        return gallop(seed, cap);
    }

    /**
     * The exact boundary from the seed by plateau algebra. Within a plateau (sizes buying the same front-run output
     * o) the victim's constraint only involves the X reserve {@code x + a}, which inverts in closed form: exact input
     * needs {@code f·v·(y−o) >= m·(d·(x+a) + f·v)}, i.e. {@code a <= A(o) = floor(f·v·(y−o−m) / (m·d)) − x}; exact
     * output needs {@code floor(d·(x+a)·w / (f·R)) + 1 <= M} with {@code R = y−o−w}, i.e. {@code a <= A(o) =
     * ceil(M·f·R / (d·w)) − 1 − x}. A(o) falls as o grows and the front-run output o(a) rises with a, so the feasible
     * sizes are exactly those with {@code a <= A(o(a))}, an interval from 0: from the seed, step plateau by plateau
     * forwards while that holds, or jump back to A(o) (which then holds) when it does not. The seed lies within a
     * plateau or two of the answer, so this takes a handful of divisions. Null when the victim fails at every size or
     * the walk does not settle (the caller then falls back to galloping). The victim's reserve overflow is not
     * modelled here; the caller handles it.
     */
    private BigInteger plateauWalk(BigInteger seed, BigInteger cap) {
        BigInteger a = seed;
        BigInteger lastFeasible = null;
        for (int step = 0; step < 16; step++) {
            BigInteger o = frontOut(a);
            BigInteger bound = plateauBound(o).min(cap);
            if (a.compareTo(bound) <= 0) {
                BigInteger o1 = o.add(BigInteger.ONE);
                BigInteger next = o1.compareTo(y) < 0 ? V2Arithmetic.minInputFor(o1, x, y, f, d) : null;
                if (next == null || bound.compareTo(next) < 0) {
                    return bound;
                }
                lastFeasible = next.subtract(BigInteger.ONE);
                a = next;
            } else {
                if (lastFeasible != null) {
                    return lastFeasible;
                }
                if (bound.signum() < 0) {
                    return null;
                }
                a = bound;
            }
        }
        return null;
    }

    /** A(o): the largest size on the plateau of front-run output o that the victim's bound allows (see above). */
    private BigInteger plateauBound(BigInteger o) {
        if (exactInput) {
            BigInteger room = y.subtract(o).subtract(victimLimit);
            if (room.signum() < 0) {
                return BigInteger.ONE.negate();
            }
            BigInteger fv = bf.multiply(victimAmount);
            return fv.multiply(room).divide(victimLimit.multiply(bd)).subtract(x);
        }
        BigInteger r = y.subtract(o).subtract(victimAmount);
        if (r.signum() <= 0) {
            return BigInteger.ONE.negate();
        }
        return V2Arithmetic.ceilDiv(victimLimit.multiply(bf).multiply(r), bd.multiply(victimAmount))
                .subtract(BigInteger.ONE)
                .subtract(x);
    }

    /** The fallback: gallop from the seed to bracket the boundary, then bisect. */
    private BigInteger gallop(BigInteger seed, BigInteger cap) {
        BigInteger lo;
        BigInteger hi;
        if (victimSucceeds(seed)) {
            lo = seed;
            BigInteger step = BigInteger.ONE;
            while (true) {
                BigInteger probe = lo.add(step);
                if (probe.compareTo(cap) > 0) {
                    hi = cap.add(BigInteger.ONE);
                    break;
                }
                if (!victimSucceeds(probe)) {
                    hi = probe;
                    break;
                }
                lo = probe;
                step = step.shiftLeft(1);
            }
        } else {
            hi = seed;
            BigInteger step = BigInteger.ONE;
            while (true) {
                BigInteger probe = hi.subtract(step);
                if (probe.signum() <= 0) {
                    lo = BigInteger.ZERO; // a = 0 succeeds, checked by the caller
                    break;
                }
                if (victimSucceeds(probe)) {
                    lo = probe;
                    break;
                }
                hi = probe;
                step = step.shiftLeft(1);
            }
        }
        // lo succeeds, hi fails (or lies beyond the cap): bisect the gap
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (victimSucceeds(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The real-valued largest front-run, floored: the positive root of {@code A·a² + B·a + C = 0} with {@code A =
     * m·f·d}, {@code B = m·(d·(d+f)·x + f²·v)}, {@code C = m·d·x·(d·x + f·v) − f·d·v·x·y}; zero when {@code C >= 0}. For
     * an exact-output victim the same constraint holds with {@code v = M} (its most input) and {@code m = w}.
     */
    public BigInteger closedFormSeed() {
        BigInteger v = exactInput ? victimAmount : victimLimit;
        BigInteger m = exactInput ? victimLimit : victimAmount;
        BigInteger fv = bf.multiply(v);
        BigInteger dx = bd.multiply(x);
        BigInteger a2 = m.multiply(bf).multiply(bd);
        BigInteger b = m.multiply(bd.add(bf).multiply(dx).add(bf.multiply(fv)));
        BigInteger c =
                m.multiply(dx).multiply(dx.add(fv)).subtract(fv.multiply(dx).multiply(y));
        if (c.signum() >= 0) {
            return BigInteger.ZERO;
        }
        BigInteger disc = b.multiply(b).subtract(a2.multiply(c).shiftLeft(2));
        BigInteger root = IntSqrt.floorSqrt(disc).subtract(b);
        return root.signum() <= 0 ? BigInteger.ZERO : root.divide(a2.shiftLeft(1));
    }

    /** The result of {@link #bestSize}: the size, its exact profit, and a proven bound on what may have been missed. */
    public record Best(BigInteger size, BigInteger profit, BigInteger optimalityGap, int evaluations) {}

    /**
     * The size in {@code [0, limit]} with the largest exact profit (ties to the first found), where {@code limit} is at
     * most {@link #maxFrontRun}. Size 0 (no trade, profit 0) is always a candidate. At most about {@code budget} profit
     * evaluations; when the budget runs out before the smooth bound proves the maximum, the returned gap says by how
     * many units of X the true maximum could exceed the profit returned (zero means proven), and the size is at least
     * a local maximum.
     *
     * <p>The scan visits front-run output plateaus (sizes buying the same output) outward from the smooth peak. For an
     * exact-input victim the plateau's first size is its best. For an exact-output victim a larger size on the plateau
     * can still gain, because the victim's {@code getAmountIn} grows with the reserve we add; there the plateau's runs
     * of equal victim input are scanned until the plateau's own exact ceiling, {@code back(plateau end) − size}, falls
     * to the best found.
     */
    public Best bestSize(BigInteger limit, int budget) {
        Search search = new Search(limit, budget);
        if (limit.signum() <= 0) {
            return new Best(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);
        }
        BigInteger peak = smoothPeak(limit);
        Smooth atPeak = smooth(peak);
        BigInteger top = atPeak.isInfinite() ? null : atPeak.floor();

        BigInteger start = plateauStart(peak);
        search.plateau(start);
        BigInteger left = start; // every plateau starting in [left, right] has been searched
        BigInteger right = start;
        boolean leftOpen = left.signum() > 0;
        boolean rightOpen = true;
        Smooth leftBound = null;
        Smooth rightBound = null;
        BigInteger rightNext = null;
        while (leftOpen || rightOpen) {
            if (top != null && search.bestProfit.compareTo(top) >= 0) {
                return search.result(BigInteger.ZERO);
            }
            if (leftOpen && leftBound == null) {
                // S is increasing left of the peak: S(left − 1) bounds every size at or below left − 1
                leftBound = smooth(left.subtract(BigInteger.ONE));
                if (leftBound.atMost(search.bestProfit)) {
                    leftOpen = false;
                }
            }
            if (rightOpen && rightBound == null) {
                rightNext = nextPlateauStart(right);
                if (rightNext == null || rightNext.compareTo(limit) > 0) {
                    rightOpen = false;
                } else {
                    // S is decreasing right of the peak: S(next) bounds every size from next on
                    rightBound = smooth(rightNext);
                    if (rightBound.atMost(search.bestProfit)) {
                        rightOpen = false;
                    }
                }
            }
            if (!leftOpen && !rightOpen) {
                break;
            }
            if (search.exhausted()) {
                BigInteger gap = search.unscannedGap;
                if (leftOpen) {
                    gap = gap.max(leftBound.gapAbove(search.bestProfit));
                }
                if (rightOpen) {
                    gap = gap.max(rightBound.gapAbove(search.bestProfit));
                }
                return localClimb(search, gap);
            }
            boolean goLeft = leftOpen && (!rightOpen || leftBound.compareTo(rightBound) >= 0);
            if (goLeft) {
                left = plateauStart(left.subtract(BigInteger.ONE));
                leftBound = null;
                leftOpen = left.signum() > 0;
                search.plateau(left);
            } else {
                right = rightNext;
                rightBound = null;
                search.plateau(right);
            }
        }
        if (search.unscannedGap.signum() > 0) {
            return localClimb(search, search.unscannedGap);
        }
        return search.result(BigInteger.ZERO);
    }

    /** The state of one {@link #bestSize} search. */
    private final class Search {
        final BigInteger limit;
        final int budget;
        BigInteger bestSize = BigInteger.ZERO;
        BigInteger bestProfit = BigInteger.ZERO;
        int evaluations;
        /** What plateaus cut short by the budget could still hold above the best. */
        BigInteger unscannedGap = BigInteger.ZERO;

        Search(BigInteger limit, int budget) {
            this.limit = limit;
            this.budget = budget;
        }

        boolean exhausted() {
            return evaluations >= budget;
        }

        void consider(BigInteger size) {
            BigInteger p = profit(size);
            evaluations++;
            if (p.compareTo(bestProfit) > 0) {
                bestProfit = p;
                bestSize = size;
            }
        }

        /**
         * Searches the plateau starting at {@code start} (sizes buying the same front-run output o), up to the limit.
         * For an exact-output victim the plateau is made of runs of equal victim input, each best at its first size;
         * on the plateau {@code P(a) <= L(a) = f·o·(x+a+1 + d·(x+a)·w/(f·R)) / (d·R + f·o) − a} with {@code R = y − o −
         * w} (the back-run without flooring the victim's input), a linear bound that rises exactly when {@code o·w >
         * R²}. Runs are visited from the end where L is highest and the scan stops once L falls to the best found.
         */
        void plateau(BigInteger start) {
            consider(start);
            if (exactInput) {
                return; // the first size of the plateau is its best
            }
            BigInteger o = frontOut(start);
            BigInteger r = y.subtract(o).subtract(victimAmount);
            if (o.signum() == 0 || r.signum() <= 0) {
                return;
            }
            BigInteger next = nextPlateauStart(start);
            BigInteger end =
                    next == null ? limit : next.subtract(BigInteger.ONE).min(limit);
            Linear bound = new Linear(o, r);
            if (o.multiply(victimAmount).compareTo(r.multiply(r)) > 0) {
                // L rises: from the last run down; a run [rs, re] holds at most L(re)
                BigInteger re = end;
                while (re.compareTo(start) > 0 && bound.above(re, bestProfit)) {
                    if (exhausted()) {
                        unscannedGap = unscannedGap.max(bound.gapAbove(re, bestProfit));
                        return;
                    }
                    BigInteger rs = segmentStart(re).max(start);
                    consider(rs);
                    re = rs.subtract(BigInteger.ONE);
                }
            } else {
                // L falls: from the first run up; a run starting at rs holds at most L(rs)
                BigInteger rs = nextSegmentStart(start);
                while (rs != null && rs.compareTo(end) <= 0 && bound.above(rs, bestProfit)) {
                    if (exhausted()) {
                        unscannedGap = unscannedGap.max(bound.gapAbove(rs, bestProfit));
                        return;
                    }
                    consider(rs);
                    rs = nextSegmentStart(rs);
                }
            }
        }

        Best result(BigInteger gap) {
            return new Best(bestSize, bestProfit, gap, evaluations);
        }
    }

    /**
     * When the budget ran out: make sure the size is a local maximum (neither neighbour is better), moving to the
     * start of a neighbour's run when it is, since a run's first size is its best.
     */
    private Best localClimb(Search search, BigInteger gap) {
        BigInteger size = search.bestSize;
        BigInteger best = search.bestProfit;
        int evaluations = search.evaluations;
        for (int step = 0; step < 64; step++) {
            BigInteger better = null;
            BigInteger betterProfit = best;
            if (size.compareTo(search.limit) < 0) {
                BigInteger up = size.add(BigInteger.ONE);
                BigInteger pu = profit(up);
                evaluations++;
                if (pu.compareTo(betterProfit) > 0) {
                    better = up;
                    betterProfit = pu;
                }
            }
            if (size.signum() > 0) {
                BigInteger down = segmentStart(size.subtract(BigInteger.ONE));
                BigInteger pd = profit(down);
                evaluations++;
                if (pd.compareTo(betterProfit) > 0) {
                    better = down;
                    betterProfit = pd;
                }
            }
            if (better == null) {
                break;
            }
            gap = gap.subtract(betterProfit.subtract(best)).max(BigInteger.ZERO);
            size = better;
            best = betterProfit;
        }
        return new Best(size, best, gap, evaluations);
    }

    /** The linear upper bound {@code L(a) = N(a)/Q − a} of an exact-output victim's plateau with output o. */
    private final class Linear {
        private final BigInteger fo;
        private final BigInteger fr;
        private final BigInteger dw;
        private final BigInteger q;

        Linear(BigInteger o, BigInteger r) {
            this.fo = bf.multiply(o);
            this.fr = bf.multiply(r);
            this.dw = bd.multiply(victimAmount);
            this.q = fr.multiply(bd.multiply(r).add(fo));
        }

        private BigInteger numerator(BigInteger a) {
            BigInteger xa = x.add(a);
            return fo.multiply(fr.multiply(xa.add(BigInteger.ONE)).add(dw.multiply(xa)));
        }

        /** Whether {@code L(a) > t}. */
        boolean above(BigInteger a, BigInteger t) {
            return numerator(a).compareTo(t.add(a).multiply(q)) > 0;
        }

        /** {@code max(0, floor(L(a)) − t)}. */
        BigInteger gapAbove(BigInteger a, BigInteger t) {
            return numerator(a).divide(q).subtract(a).subtract(t).max(BigInteger.ZERO);
        }
    }

    /** The first size buying the same front-run output as {@code a}. */
    BigInteger plateauStart(BigInteger a) {
        return V2Arithmetic.minInputFor(frontOut(a), x, y, f, d);
    }

    /** The first size buying more than {@code a} does, or null when no size can. */
    BigInteger nextPlateauStart(BigInteger a) {
        BigInteger o1 = frontOut(a).add(BigInteger.ONE);
        return o1.compareTo(y) < 0 ? V2Arithmetic.minInputFor(o1, x, y, f, d) : null;
    }

    /**
     * The start of the run containing {@code a} on which the exact profit cannot increase: for an exact-input victim
     * the sizes with the same front-run output (a larger input only pushes the victim's output down and ours up by
     * less than a unit); for an exact-output victim also the same {@code getAmountIn} quotient, since a larger victim
     * payment can lift our back-run.
     */
    BigInteger segmentStart(BigInteger a) {
        BigInteger o = frontOut(a);
        BigInteger start = V2Arithmetic.minInputFor(o, x, y, f, d);
        if (!exactInput) {
            BigInteger r = y.subtract(o).subtract(victimAmount);
            if (r.signum() > 0) {
                // q(a) = floor(d·(x+a)·w / (f·r)) is constant from ceil(q·f·r / (d·w)) − x on
                BigInteger dw = bd.multiply(victimAmount);
                BigInteger fr = bf.multiply(r);
                BigInteger q = bd.multiply(x.add(a)).multiply(victimAmount).divide(fr);
                BigInteger qStart = V2Arithmetic.ceilDiv(q.multiply(fr), dw).subtract(x);
                start = start.max(qStart);
            }
        }
        return start.max(BigInteger.ZERO);
    }

    /** The start of the run after the one containing {@code a}, or null when the front-run output cannot grow. */
    BigInteger nextSegmentStart(BigInteger a) {
        BigInteger o = frontOut(a);
        BigInteger next = null;
        BigInteger o1 = o.add(BigInteger.ONE);
        if (o1.compareTo(y) < 0) {
            next = V2Arithmetic.minInputFor(o1, x, y, f, d);
        }
        if (!exactInput) {
            BigInteger r = y.subtract(o).subtract(victimAmount);
            if (r.signum() > 0) {
                BigInteger dw = bd.multiply(victimAmount);
                BigInteger fr = bf.multiply(r);
                BigInteger q = bd.multiply(x.add(a)).multiply(victimAmount).divide(fr);
                BigInteger qNext = V2Arithmetic.ceilDiv(q.add(BigInteger.ONE).multiply(fr), dw)
                        .subtract(x);
                next = next == null ? qNext : next.min(qNext);
            }
        }
        return next;
    }

    /** The integer maximiser of the smooth bound S on [0, limit] (S is unimodal: bisection on its slope). */
    BigInteger smoothPeak(BigInteger limit) {
        if (smooth(limit).compareTo(smooth(limit.subtract(BigInteger.ONE))) > 0) {
            return limit;
        }
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = limit.subtract(BigInteger.ONE);
        while (lo.compareTo(hi) < 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            BigInteger next = mid.add(BigInteger.ONE);
            if (smooth(next).compareTo(smooth(mid)) > 0) {
                lo = next;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The smooth upper bound {@code S(a) >= P(a)}: the same three trades in exact rational arithmetic with no
     * flooring. Flooring the front-run's output, the victim's output and the back-run's output each only lowers the
     * back-run, so removing them bounds it from above. For exact input, {@code S = f²·a·β·(x+a+v) / (d³·x·(x+a) +
     * f²·a·β) − a} with {@code β = d·(x+a) + f·v}; for exact output, the router's {@code + 1} on the victim's input adds
     * less than one unit to the back-run, hence {@code + 1}.
     */
    Smooth smooth(BigInteger a) {
        if (exactInput) {
            BigInteger xa = x.add(a);
            BigInteger beta = bd.multiply(xa).add(bf.multiply(victimAmount));
            BigInteger ff = bf.multiply(bf);
            BigInteger ffab = ff.multiply(a).multiply(beta);
            BigInteger num = ffab.multiply(xa.add(victimAmount));
            BigInteger den = bd.pow(3).multiply(x).multiply(xa).add(ffab);
            return new Smooth(num, den, a.negate());
        }
        // alpha = d·x + f·a, g = d·x·y − w·alpha (the real post-front-run Y reserve beyond w, scaled by alpha)
        BigInteger alpha = bd.multiply(x).add(bf.multiply(a));
        BigInteger g = bd.multiply(x).multiply(y).subtract(victimAmount.multiply(alpha));
        if (g.signum() <= 0) {
            return new Smooth(BigInteger.ONE, BigInteger.ZERO, a.negate());
        }
        BigInteger fay = bf.multiply(a).multiply(y);
        BigInteger num = fay.multiply(x.add(a))
                .multiply(bf.multiply(g).add(bd.multiply(victimAmount).multiply(alpha)));
        BigInteger den = g.multiply(bd.multiply(g).add(bf.multiply(fay)));
        return new Smooth(num, den, BigInteger.ONE.subtract(a));
    }

    /** {@code num/den + offset} with {@code num >= 0}; {@code den == 0} stands for +infinity. */
    record Smooth(BigInteger num, BigInteger den, BigInteger offset) implements Comparable<Smooth> {
        boolean isInfinite() {
            return den.signum() == 0;
        }

        BigInteger floor() {
            return num.divide(den).add(offset);
        }

        /** Whether this value is at most the integer {@code t}. */
        boolean atMost(BigInteger t) {
            return !isInfinite() && num.compareTo(t.subtract(offset).multiply(den)) <= 0;
        }

        /** {@code max(0, floor(this) − t)}: how far an integer bounded by this value could exceed {@code t}. */
        BigInteger gapAbove(BigInteger t) {
            if (isInfinite()) {
                return MAX_RESERVE;
            }
            return floor().subtract(t).max(BigInteger.ZERO);
        }

        @Override
        public int compareTo(Smooth o) {
            if (isInfinite() || o.isInfinite()) {
                return Boolean.compare(isInfinite(), o.isInfinite());
            }
            // num/den + offset  vs  o.num/o.den + o.offset
            BigInteger lhs = num.multiply(o.den).add(offset.multiply(den).multiply(o.den));
            BigInteger rhs = o.num.multiply(den).add(o.offset.multiply(den).multiply(o.den));
            return lhs.compareTo(rhs);
        }
    }
}
