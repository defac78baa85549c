package io.mevkit.core.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health of every registered check at one moment, and their aggregate: DOWN if any check is DOWN, else DEGRADED
 * if any is DEGRADED, else UP (also when nothing is registered). Immutable.
 */
public record HealthReport(Health.Status status, Map<String, Health> checks, Instant evaluatedAt) {
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        Health.Status aggregate = aggregate(checks);
        if (aggregate != status) {
            throw new IllegalArgumentException("status " + status + " contradicts the checks, which give " + aggregate);
        }
    }

    /** A report whose status is the aggregate of {@code checks}. */
    public static HealthReport of(Map<String, Health> checks, Instant evaluatedAt) {
        return new HealthReport(aggregate(checks), checks, evaluatedAt);
    }

    static Health.Status aggregate(Map<String, Health> checks) {
        Health.Status status = Health.Status.UP;
        for (Health health : checks.values()) {
            status = status.worst(health.status());
        }
        return status;
    }
}
