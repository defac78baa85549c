package io.mevkit.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link HealthCheck}: a status and details for an operator (endpoint states, latencies, the
 * class of an error). Details never carry secrets or raw exception messages. Immutable.
 */
public record Health(Status status, Map<String, String> details) {

    /** How healthy a component is; the order is from best to worst. */
    public enum Status {
        /** Working as configured. */
        UP,
        /** Working with reduced redundancy or quality (an endpoint of several is down, a source is stale). */
        DEGRADED,
        /** Not working. */
        DOWN;

        /** The worse of this and {@code other}. */
        public Status worst(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    public Health {
        Objects.requireNonNull(status, "status");
        Map<String, String> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "detail name"), Objects.requireNonNull(v, k)));
        details = Collections.unmodifiableMap(copy);
    }

    public static Health up() {
        return new Health(Status.UP, Map.of());
    }

    public static Health up(Map<String, String> details) {
        return new Health(Status.UP, details);
    }

    public static Health degraded(Map<String, String> details) {
        return new Health(Status.DEGRADED, details);
    }

    public static Health down(Map<String, String> details) {
        return new Health(Status.DOWN, details);
    }

    /** This health with one more detail (replacing one of the same name). */
    public Health withDetail(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put(name, value);
        return new Health(status, copy);
    }
}
