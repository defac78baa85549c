package io.mevkit.store.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The store's meters on a Micrometer registry, tagged with the dialect and, per transaction, {@code kind} ({@code write}
 * or {@code read}): {@code mevkit.store.transactions} (every transaction), {@code mevkit.store.transaction.failures}
 * (rolled back or never begun), {@code mevkit.store.busy.retries} (SQLite write transactions begun again after the busy
 * timeout) and the timer {@code mevkit.store.transaction.latency} (from the call to the commit or the failure, waiting
 * for the write connection included; the registry's clock). Thread-safe.
 */
final class MicrometerStoreMetrics implements StoreMetrics {
    private final MeterRegistry registry;
    private final Kind write;
    private final Kind read;
    private final Counter busyRetries;

    MicrometerStoreMetrics(MeterRegistry registry, String dialect) {
        this.registry = registry;
        this.write = new Kind(registry, dialect, "write");
        this.read = new Kind(registry, dialect, "read");
        this.busyRetries = Counter.builder("mevkit.store.busy.retries")
                .description("SQLite write transactions begun again after the busy timeout")
                .tag("dialect", dialect)
                .register(registry);
    }

    @Override
    public Object start() {
        return Timer.start(registry);
    }

    @Override
    public void stop(Object started, boolean isWrite, boolean failed) {
        Kind kind = isWrite ? write : read;
        ((Timer.Sample) started).stop(kind.latency);
        kind.transactions.increment();
        if (failed) {
            kind.failures.increment();
        }
    }

    @Override
    public void busyRetry() {
        busyRetries.increment();
    }

    private static final class Kind {
        final Counter transactions;
        final Counter failures;
        final Timer latency;

        Kind(MeterRegistry registry, String dialect, String kind) {
            this.transactions = Counter.builder("mevkit.store.transactions")
                    .description("transactions run (joined ones count once, with the outermost)")
                    .tags("dialect", dialect, "kind", kind)
                    .register(registry);
            this.failures = Counter.builder("mevkit.store.transaction.failures")
                    .description("transactions rolled back or never begun")
                    .tags("dialect", dialect, "kind", kind)
                    .register(registry);
            this.latency = Timer.builder("mevkit.store.transaction.latency")
                    .description("time from the call to the commit or the failure, waiting for the writer included")
                    .tags("dialect", dialect, "kind", kind)
                    .register(registry);
        }
    }
}
