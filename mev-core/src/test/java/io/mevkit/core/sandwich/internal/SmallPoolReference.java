package io.mevkit.core.sandwich.internal;

/**
 * An independent reference for small pools, in {@code long} arithmetic written from the Uniswap V2 formulas (never
 * calling production code): the victim's fate and the sandwich's profit for each front-run size, so that tests can
 * enumerate every size exhaustively. Valid while every product stays below 2^63 (reserves and amounts up to about
 * 2^22 with fee denominators up to 10^4).
 */
record SmallPoolReference(long x, long y, long f, long d, boolean exactInput, long victimAmount, long victimLimit) {

    static long out(long in, long reserveIn, long reserveOut, long f, long d) {
        if (in == 0) {
            return 0;
        }
        long inWithFee = in * f;
        return inWithFee * reserveOut / (reserveIn * d + inWithFee);
    }

    static long in(long out, long reserveIn, long reserveOut, long f, long d) {
        return reserveIn * out * d / ((reserveOut - out) * f) + 1;
    }

    boolean victimSucceeds(long a) {
        long o = out(a, x, y, f, d);
        if (exactInput) {
            return out(victimAmount, x + a, y - o, f, d) >= victimLimit;
        }
        if (y - o <= victimAmount) {
            return false;
        }
        return in(victimAmount, x + a, y - o, f, d) <= victimLimit;
    }

    long profit(long a) {
        long o = out(a, x, y, f, d);
        if (o == 0) {
            return -a;
        }
        long x1 = x + a;
        long y1 = y - o;
        long back;
        if (exactInput) {
            long ov = out(victimAmount, x1, y1, f, d);
            back = out(o, y1 - ov, x1 + victimAmount, f, d);
        } else {
            long vin = in(victimAmount, x1, y1, f, d);
            back = out(o, y1 - victimAmount, x1 + vin, f, d);
        }
        return back - a;
    }

    /** The largest size in [0, scan] after which the victim succeeds, found by trying every size; −1 if none. */
    long exhaustiveBound(long scan) {
        long bound = -1;
        for (long a = 0; a <= scan; a++) {
            if (victimSucceeds(a)) {
                bound = a;
            }
        }
        return bound;
    }

    /** The largest profit over every size in [0, limit]. */
    long exhaustiveBestProfit(long limit) {
        long best = Long.MIN_VALUE;
        for (long a = 0; a <= limit; a++) {
            best = Math.max(best, profit(a));
        }
        return best;
    }
}
