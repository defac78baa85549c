package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(2);

    @Test
    void capDoublesPerRetryUpToTheMaximumWithoutOverflow() {
        assertEquals(100, Backoff.cap(100, 2000, 1));
        assertEquals(200, Backoff.cap(100, 2000, 2));
        assertEquals(1600, Backoff.cap(100, 2000, 5));
        assertEquals(2000, Backoff.cap(100, 2000, 6));
        assertEquals(2000, Backoff.cap(100, 2000, 1_000));
        assertEquals(Long.MAX_VALUE, Backoff.cap(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE, 3));
        assertEquals(0, Backoff.cap(0, 2000, 7));
    }

    @Test
    void delaysAreUniformBetweenZeroAndTheCap() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 1; retry <= 8; retry++) {
            long cap = Backoff.cap(BASE.toNanos(), MAX.toNanos(), retry);
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2_000; i++) {
                long delay = Backoff.fullJitter(BASE, MAX, retry, random).toNanos();
                assertTrue(delay >= 0 && delay <= cap, "retry " + retry + ": " + delay + " outside [0, " + cap + "]");
                min = Math.min(min, delay);
                max = Math.max(max, delay);
            }
            // full jitter spreads over the whole range, not just around the cap
            assertTrue(min < cap / 20, "retry " + retry + " min " + min);
            assertTrue(max > cap - cap / 20, "retry " + retry + " max " + max);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (int retry = 1; retry <= 5; retry++) {
            assertEquals(Backoff.fullJitter(BASE, MAX, retry, a), Backoff.fullJitter(BASE, MAX, retry, b));
        }
        assertEquals(Duration.ZERO, Backoff.fullJitter(Duration.ZERO, Duration.ZERO, 3, a));
    }
}
