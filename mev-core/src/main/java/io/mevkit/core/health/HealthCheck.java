package io.mevkit.core.health;

/**
 * Tells how healthy one component is. Implementations must be thread-safe and should bound their own time (a check
 * that probes the network uses a short timeout). A check that throws counts as {@link Health.Status#DOWN}, with the
 * exception's class as its only detail.
 */
@FunctionalInterface
public interface HealthCheck {
    Health check() throws Exception;
}
