package io.mevkit.core.health;

import io.mevkit.core.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds named {@link HealthCheck}s and evaluates them, on demand with {@link #evaluate()} or every
 * {@code interval} on the injected scheduler after {@link #start()}, keeping the {@linkplain #latest() latest}
 * {@link HealthReport}. Checks run one after another on the evaluating thread; a check that throws is DOWN with the
 * exception's class as its only detail.
 *
 * <p>Thread-safe. {@link #close()} cancels the scheduled evaluation; it never shuts down the injected scheduler,
 * which belongs to the caller.
 */
public final class HealthRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

    private final Clock clock;
    private final @Nullable ScheduledExecutorService scheduler;
    private final Duration interval;
    private final List<Consumer<HealthReport>> listeners;
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private final Object evaluationLock = new Object();
    private volatile @Nullable HealthReport latest;
    private @Nullable ScheduledFuture<?> schedule;
    private boolean closed;

    private HealthRegistry(Builder builder) {
        this.clock = builder.clock;
        this.scheduler = builder.scheduler;
        this.interval = builder.interval;
        this.listeners = List.copyOf(builder.listeners);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers {@code check} under {@code name}.
     *
     * @throws ValidationException if the name is blank or already registered
     */
    public HealthRegistry register(String name, HealthCheck check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(check, "check");
        if (name.isBlank()) {
            throw new ValidationException("name", name, "must not be blank");
        }
        synchronized (checks) {
            if (checks.containsKey(name)) {
                throw new ValidationException("name", name, "is already registered");
            }
            checks.put(name, check);
        }
        return this;
    }

    /** Removes the check named {@code name}; returns whether there was one. */
    public boolean unregister(String name) {
        synchronized (checks) {
            return checks.remove(name) != null;
        }
    }

    /** The names of the registered checks, in registration order. */
    public List<String> names() {
        synchronized (checks) {
            return List.copyOf(checks.keySet());
        }
    }

    /** Runs every check now, on the calling thread, and returns (and keeps) the report. */
    public HealthReport evaluate() {
        synchronized (evaluationLock) {
            Map<String, HealthCheck> snapshot;
            synchronized (checks) {
                snapshot = new LinkedHashMap<>(checks);
            }
            Map<String, Health> results = new LinkedHashMap<>();
            snapshot.forEach((name, check) -> results.put(name, run(name, check)));
            HealthReport report = HealthReport.of(results, clock.instant());
            HealthReport previous = latest;
            latest = report;
            if (previous == null || previous.status() != report.status()) {
                if (report.status() == Health.Status.DOWN) {
                    LOG.warn("health is DOWN: {}", down(report));
                } else {
                    LOG.info("health is {}", report.status());
                }
            }
            for (Consumer<HealthReport> listener : listeners) {
                try {
                    listener.accept(report);
                } catch (RuntimeException e) {
                    LOG.debug(
                            "a health listener threw {}; ignored", e.getClass().getName());
                }
            }
            return report;
        }
    }

    private static List<String> down(HealthReport report) {
        List<String> names = new ArrayList<>();
        report.checks().forEach((name, health) -> {
            if (health.status() == Health.Status.DOWN) {
                names.add(name);
            }
        });
        return names;
    }

    private static Health run(String name, HealthCheck check) {
        try {
            Health health = check.check();
            if (health == null) {
                return Health.down(Map.of("error", "the check returned no health"));
            }
            return health;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(Map.of("error", e.getClass().getName()));
        } catch (Exception e) {
            // the message may carry what the check talked to (URLs, keys): only the class is reported
            LOG.debug("health check {} threw {}", name, e.getClass().getName());
            return Health.down(Map.of("error", e.getClass().getName()));
        }
    }

    /** The report of the last evaluation, if any ran. */
    public Optional<HealthReport> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * Evaluates now and then every {@code interval} on the scheduler; calling it again does nothing.
     *
     * @throws IllegalStateException when built without a scheduler, or closed
     */
    public synchronized HealthRegistry start() {
        if (closed) {
            throw new IllegalStateException("the health registry is closed");
        }
        if (scheduler == null) {
            throw new IllegalStateException("built without a scheduler: evaluate() on demand instead");
        }
        if (schedule == null) {
            schedule = scheduler.scheduleWithFixedDelay(
                    this::evaluateScheduled, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }
        return this;
    }

    private void evaluateScheduled() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep evaluating
            LOG.debug("scheduled health evaluation failed with {}", e.getClass().getName());
        }
    }

    /** Stops the scheduled evaluation (the scheduler itself keeps running). */
    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    /** Configures a {@link HealthRegistry}. Not thread-safe; validated eagerly and at {@link #build()}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private Duration interval = Duration.ofSeconds(15);
        private final List<Consumer<HealthReport>> listeners = new ArrayList<>();

        private Builder() {}

        /** The clock that stamps reports (default: the system UTC clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The scheduler {@link HealthRegistry#start()} evaluates on; the caller owns and shuts it down. */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The pause between scheduled evaluations (default 15 s). */
        public Builder interval(Duration value) {
            Objects.requireNonNull(value, "interval");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("interval", value, "must be positive");
            }
            this.interval = value;
            return this;
        }

        /** Receives every report, on the evaluating thread; must be fast and must not throw. */
        public Builder listener(Consumer<HealthReport> value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        public HealthRegistry build() {
            if (interval.isNegative() || interval.isZero()) {
                throw new ValidationException("interval", interval, "must be positive");
            }
            return new HealthRegistry(this);
        }
    }
}
