package io.mevkit.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.ValidationException;
import io.mevkit.core.health.Health.Status;
import io.mevkit.core.testing.ManualScheduler;
import io.mevkit.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthRegistryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static Stream<Arguments> aggregations() {
        return Stream.of(
                Arguments.of(List.of(), Status.UP),
                Arguments.of(List.of(Status.UP), Status.UP),
                Arguments.of(List.of(Status.UP, Status.UP), Status.UP),
                Arguments.of(List.of(Status.UP, Status.DEGRADED), Status.DEGRADED),
                Arguments.of(List.of(Status.DEGRADED, Status.UP, Status.DEGRADED), Status.DEGRADED),
                Arguments.of(List.of(Status.UP, Status.DOWN), Status.DOWN),
                Arguments.of(List.of(Status.DEGRADED, Status.DOWN, Status.UP), Status.DOWN),
                Arguments.of(List.of(Status.DOWN), Status.DOWN));
    }

    @ParameterizedTest
    @MethodSource("aggregations")
    void anyDownIsDownElseAnyDegradedIsDegraded(List<Status> statuses, Status expected) {
        HealthRegistry registry = HealthRegistry.builder().build();
        for (int i = 0; i < statuses.size(); i++) {
            Status status = statuses.get(i);
            registry.register("check" + i, () -> new Health(status, Map.of("n", status.name())));
        }
        HealthReport report = registry.evaluate();
        assertEquals(expected, report.status());
        assertEquals(statuses.size(), report.checks().size());
        assertEquals(registry.names(), List.copyOf(report.checks().keySet()));
    }

    @Test
    void aCheckThatThrowsIsDownWithOnlyItsErrorClass() {
        HealthRegistry registry = HealthRegistry.builder().build();
        registry.register("fine", Health::up);
        registry.register("broken", () -> {
            throw new IllegalStateException("cannot reach https://user:secret@node/key123");
        });
        registry.register("silent", () -> null);
        HealthReport report = registry.evaluate();
        assertEquals(Status.DOWN, report.status());
        assertEquals(Status.UP, report.checks().get("fine").status());
        Health broken = report.checks().get("broken");
        assertEquals(Status.DOWN, broken.status());
        assertEquals(Map.of("error", "java.lang.IllegalStateException"), broken.details());
        assertFalse(report.toString().contains("secret"));
        assertEquals(Status.DOWN, report.checks().get("silent").status());
    }

    @Test
    void namesAreValidatedAndChecksCanBeRemoved() {
        HealthRegistry registry = HealthRegistry.builder().build();
        registry.register("rpc", Health::up);
        assertEquals(
                "name",
                assertThrows(ValidationException.class, () -> registry.register("rpc", Health::up))
                        .field());
        assertEquals(
                "name",
                assertThrows(ValidationException.class, () -> registry.register(" ", Health::up))
                        .field());
        assertTrue(registry.unregister("rpc"));
        assertFalse(registry.unregister("rpc"));
        assertEquals(List.of(), registry.names());
        assertEquals(
                "interval",
                assertThrows(ValidationException.class, () -> HealthRegistry.builder()
                                .interval(Duration.ZERO))
                        .field());
    }

    @Test
    void evaluatesOnTheInjectedSchedulerEveryInterval() {
        ManualScheduler scheduler = new ManualScheduler();
        MutableClock clock = new MutableClock(T0);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Status> next = new AtomicReference<>(Status.UP);
        List<HealthReport> received = new ArrayList<>();
        HealthRegistry registry = HealthRegistry.builder()
                .scheduler(scheduler)
                .clock(clock)
                .interval(Duration.ofSeconds(10))
                .listener(received::add)
                .build();
        registry.register("component", () -> {
            runs.incrementAndGet();
            return new Health(next.get(), Map.of());
        });
        assertTrue(registry.latest().isEmpty());

        registry.start();
        registry.start(); // once is enough
        assertEquals(1, scheduler.pending());
        scheduler.runDue();
        assertEquals(1, runs.get());
        assertEquals(Status.UP, registry.latest().orElseThrow().status());
        assertEquals(T0, registry.latest().orElseThrow().evaluatedAt());

        next.set(Status.DEGRADED);
        clock.set(T0.plusSeconds(9));
        scheduler.advance(Duration.ofSeconds(10).minusNanos(1));
        assertEquals(1, runs.get(), "not due before the interval");
        clock.set(T0.plusSeconds(10));
        scheduler.advance(Duration.ofNanos(1));
        assertEquals(2, runs.get());
        assertEquals(Status.DEGRADED, registry.latest().orElseThrow().status());
        assertEquals(T0.plusSeconds(10), registry.latest().orElseThrow().evaluatedAt());

        next.set(Status.DOWN);
        scheduler.advance(Duration.ofSeconds(30));
        assertEquals(5, runs.get());
        assertEquals(
                List.of(Status.UP, Status.DEGRADED, Status.DOWN, Status.DOWN, Status.DOWN),
                received.stream().map(HealthReport::status).toList());

        registry.close();
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(5, runs.get(), "no evaluation after close");
        assertFalse(scheduler.isShutdown(), "the injected scheduler belongs to the caller");
        assertThrows(IllegalStateException.class, registry::start);
    }

    @Test
    void aCheckThatThrowsDoesNotStopScheduledEvaluation() {
        ManualScheduler scheduler = new ManualScheduler();
        AtomicInteger runs = new AtomicInteger();
        HealthRegistry registry = HealthRegistry.builder()
                .scheduler(scheduler)
                .interval(Duration.ofSeconds(1))
                .listener(r -> {
                    throw new IllegalStateException("listener bug");
                })
                .build();
        registry.register("flaky", () -> {
            runs.incrementAndGet();
            throw new java.io.IOException("boom");
        });
        registry.start();
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(4, runs.get());
        assertEquals(Status.DOWN, registry.latest().orElseThrow().status());
    }

    @Test
    void startNeedsAScheduler() {
        HealthRegistry registry = HealthRegistry.builder().build();
        assertThrows(IllegalStateException.class, registry::start);
        assertEquals(Status.UP, registry.evaluate().status());
    }

    @Test
    void reportsAreImmutableAndConsistent() {
        HealthReport report = HealthReport.of(Map.of("a", Health.degraded(Map.of("k", "v"))), T0);
        assertThrows(UnsupportedOperationException.class, () -> report.checks().put("b", Health.up()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new HealthReport(Status.UP, Map.of("a", Health.down(Map.of())), T0));
        Health health = Health.up().withDetail("latencyMs", "12");
        assertEquals(Map.of("latencyMs", "12"), health.details());
        assertEquals(Status.DOWN, Status.DEGRADED.worst(Status.DOWN));
        assertEquals(Status.DEGRADED, Status.DEGRADED.worst(Status.UP));
    }
}
