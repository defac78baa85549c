package io.mevkit.core.rpc.internal;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter (a uniformly random delay up to the exponential cap). */
public final class Backoff {
    private Backoff() {}

    /**
     * The delay before retry {@code retry} (1 for the first): uniform in {@code [0, min(max, base * 2^(retry-1))]}.
     * {@code random} is used under its own lock, as generators need not be thread-safe.
     */
    public static Duration fullJitter(Duration base, Duration max, int retry, RandomGenerator random) {
        long cap = cap(base.toNanos(), max.toNanos(), retry);
        if (cap == 0) {
            return Duration.ZERO;
        }
        long delay;
        synchronized (random) {
            delay = random.nextLong(cap + 1);
        }
        return Duration.ofNanos(delay);
    }

    /** {@code min(max, base * 2^(retry-1))} without overflow. */
    static long cap(long base, long max, int retry) {
        int shift = Math.max(0, retry - 1);
        if (base == 0) {
            return 0;
        }
        if (shift >= 63 || base > (max >> shift)) {
            return max;
        }
        return Math.min(max, base << shift);
    }
}
