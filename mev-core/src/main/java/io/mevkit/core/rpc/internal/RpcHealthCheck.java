package io.mevkit.core.rpc.internal;

import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthCheck;
import io.mevkit.core.rpc.EndpointStatus;
import io.mevkit.core.rpc.RpcException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Probes every endpoint of a client with {@code eth_chainId} (outside failover, bounded by a timeout) and reports
 * each one's state, circuit, chain check, latency and last error: UP when every endpoint answers on the right chain
 * with its circuit not open, DEGRADED when some do, DOWN when none does. Thread-safe.
 */
public final class RpcHealthCheck implements HealthCheck {
    private final RpcEngine engine;
    private final Duration timeout;

    public RpcHealthCheck(RpcEngine engine, Duration timeout) {
        this.engine = engine;
        this.timeout = timeout;
    }

    @Override
    public Health check() {
        Map<String, String> details = new LinkedHashMap<>();
        int usable = 0;
        int total = engine.endpoints().size();
        for (Endpoint endpoint : engine.endpoints()) {
            String prefix = endpoint.info().name() + ".";
            String state;
            try {
                Duration latency = engine.probe(endpoint, timeout);
                details.put(prefix + "probeLatencyMs", Long.toString(latency.toMillis()));
                state = "UP";
            } catch (RpcException e) {
                state = e.kind() == RpcException.Kind.WRONG_CHAIN ? "WRONG_CHAIN" : "DOWN";
                details.put(prefix + "probeError", e.kind().name());
            }
            EndpointStatus status = endpoint.status();
            if (state.equals("UP") && status.circuit() == EndpointStatus.CircuitState.OPEN) {
                state = "CIRCUIT_OPEN";
            }
            if (state.equals("UP")) {
                usable++;
            }
            details.put(prefix + "state", state);
            details.put(prefix + "circuit", status.circuit().name());
            details.put(prefix + "chain", status.chainCheck().name());
            status.reportedChainId().ifPresent(id -> details.put(prefix + "chainId", Long.toString(id)));
            status.lastLatency().ifPresent(l -> details.put(prefix + "lastLatencyMs", Long.toString(l.toMillis())));
            status.lastError().ifPresent(error -> details.put(prefix + "lastError", error));
            status.lastErrorAt().ifPresent(at -> details.put(prefix + "lastErrorAt", at.toString()));
        }
        details.put("usableEndpoints", usable + "/" + total);
        if (usable == total) {
            return Health.up(details);
        }
        return usable > 0 ? Health.degraded(details) : Health.down(details);
    }
}
