package io.mevkit.ws;

/**
 * A snapshot of one endpoint's health.
 *
 * @param name the endpoint's redacted name
 * @param circuit the breaker's state: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
 * @param disabled whether the endpoint refused for good (401/403/404, TLS, wrong chain) and is out of rotation
 * @param connects successful connections
 * @param failures failed attempts and drops
 * @param circuitOpenings how often its circuit opened
 */
public record EndpointStats(
        String name, String circuit, boolean disabled, long connects, long failures, long circuitOpenings) {}
