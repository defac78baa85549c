package io.mevkit.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts what a benchmark's receivers are handed and wakes the benchmark thread when a target count is reached, so a
 * burst is timed from its first send to its last delivery without a poll interval in the measurement.
 *
 * @param <T> what is delivered
 */
final class Deliveries<T> {
    final AtomicLong received = new AtomicLong();
    final AtomicReference<T> last = new AtomicReference<>();
    private final Duration patience;
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    /** {@code patience}: how long {@link #await} waits before it fails the run. */
    Deliveries(Duration patience) {
        this.patience = patience;
    }

    void accept(T item) {
        last.lazySet(item);
        if (received.incrementAndGet() >= target) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Blocks until {@code count} items have been received in all. */
    void await(long count) {
        target = count;
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + patience.toNanos();
        while (received.get() < count) {
            LockSupport.parkNanos(1_000_000);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + received.get() + " of " + count + " delivered");
            }
        }
    }
}
