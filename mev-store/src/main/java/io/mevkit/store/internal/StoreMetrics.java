package io.mevkit.store.internal;

/**
 * What the store reports about its transactions: {@link #NONE} when no meter registry is given, else a Micrometer
 * implementation (loaded only then, so Micrometer stays an optional dependency). Thread-safe.
 */
public interface StoreMetrics {
    /** Reports nothing. */
    StoreMetrics NONE = new StoreMetrics() {
        @Override
        public Object start() {
            return this;
        }

        @Override
        public void stop(Object started, boolean write, boolean failed) {
            // nothing to report
        }

        @Override
        public void busyRetry() {
            // nothing to report
        }
    };

    /** Marks the start of a transaction; the token goes back to {@link #stop}. */
    Object start();

    /** A transaction started at {@code started} ended: committed, or {@code failed} (rolled back or not begun). */
    void stop(Object started, boolean write, boolean failed);

    /** A SQLite write transaction could not begin within the busy timeout (another process held the lock) and is tried again. */
    void busyRetry();

    /** A Micrometer implementation for {@code registry} (a {@code io.micrometer.core.instrument.MeterRegistry}). */
    static StoreMetrics micrometer(Object registry, String dialect) {
        return new MicrometerStoreMetrics((io.micrometer.core.instrument.MeterRegistry) registry, dialect);
    }
}
