package io.mevkit.core.sandwich.internal;

import io.mevkit.core.Address;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.amm.internal.V2Arithmetic;
import java.math.BigInteger;
import java.util.List;

/**
 * The victim's hops other than the sandwiched one, which the sandwich does not touch: forward and backward amount
 * chains as the router computes them, and the exact bound they put on the sandwiched hop. A chain that would make the
 * router revert (a zero amount, an output the reserve cannot pay) is {@code null}. Stateless and thread-safe.
 */
public final class PathMath {
    private PathMath() {}

    /** {@code getAmountsOut} over hops {@code [from, to)} starting with {@code amount}; null where the router reverts. */
    public static BigInteger forward(List<V2Pool> pools, List<Address> path, int from, int to, BigInteger amount) {
        BigInteger a = amount;
        for (int i = from; i < to; i++) {
            if (a.signum() <= 0) {
                return null;
            }
            a = out(pools.get(i), path.get(i), a);
        }
        return a.signum() <= 0 && to > from ? null : a;
    }

    /** {@code getAmountsIn} over hops {@code [from, to)} ending with {@code amount}; null where the router reverts. */
    public static BigInteger backward(List<V2Pool> pools, List<Address> path, int from, int to, BigInteger amount) {
        BigInteger a = amount;
        for (int i = to - 1; i >= from; i--) {
            V2Pool pool = pools.get(i);
            BigInteger reserveOut = pool.reserveOf(path.get(i + 1));
            if (a.signum() <= 0 || a.compareTo(reserveOut) >= 0) {
                return null;
            }
            a = V2Arithmetic.amountIn(
                    a,
                    pool.reserveOf(path.get(i)),
                    reserveOut,
                    pool.fee().numerator(),
                    pool.fee().denominator());
        }
        return a;
    }

    /**
     * The least output of hop {@code k} that still lets the rest of the path deliver {@code finalMin}: the smallest
     * {@code t >= 1} whose forward chain through hops {@code k+1..} reaches it (binary search: the chain is monotone,
     * and backing out with {@code getAmountIn} would over-estimate by its {@code + 1}s). Null if no output can.
     */
    public static BigInteger leastHopOutput(List<V2Pool> pools, List<Address> path, int k, BigInteger finalMin) {
        int hops = pools.size();
        if (k == hops - 1) {
            return finalMin.max(BigInteger.ONE);
        }
        BigInteger hi = pools.get(k).reserveOf(path.get(k + 1)).subtract(BigInteger.ONE);
        if (!reaches(pools, path, k, hi, finalMin)) {
            return null;
        }
        BigInteger lo = BigInteger.ZERO; // fails: a zero output reverts the next hop
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (reaches(pools, path, k, mid, finalMin)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    /**
     * The most input hop {@code k} may take so that the path's total input stays within {@code totalMax}: the largest
     * {@code t} whose backward chain through hops {@code ..k-1} costs at most that. Null if none does.
     */
    public static BigInteger mostHopInput(List<V2Pool> pools, List<Address> path, int k, BigInteger totalMax) {
        if (k == 0) {
            return totalMax;
        }
        // t is an output of hop k-1, so it must stay below that pair's reserve
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = pools.get(k - 1).reserveOf(path.get(k));
        if (!affordable(pools, path, k, BigInteger.ONE, totalMax)) {
            return null;
        }
        lo = BigInteger.ONE; // affordable; hi is not (the router cannot buy the whole reserve)
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (affordable(pools, path, k, mid, totalMax)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static boolean reaches(List<V2Pool> pools, List<Address> path, int k, BigInteger t, BigInteger finalMin) {
        BigInteger out = forward(pools, path, k + 1, pools.size(), t);
        return out != null && out.compareTo(finalMin) >= 0;
    }

    private static boolean affordable(List<V2Pool> pools, List<Address> path, int k, BigInteger t, BigInteger max) {
        BigInteger in = backward(pools, path, 0, k, t);
        return in != null && in.compareTo(max) <= 0;
    }

    private static BigInteger out(V2Pool pool, Address tokenIn, BigInteger amount) {
        return V2Arithmetic.amountOut(
                amount,
                pool.reserveOf(tokenIn),
                pool.reserveOf(pool.otherToken(tokenIn)),
                pool.fee().numerator(),
                pool.fee().denominator());
    }
}
