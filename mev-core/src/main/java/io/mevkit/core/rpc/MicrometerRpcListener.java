package io.mevkit.core.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * Records an {@link RpcClient}'s activity as Micrometer meters. Micrometer is an optional dependency of mevkit:
 * this class is the only one that uses it, and only an application that has Micrometer creates it. Meters, all
 * tagged with the endpoint's redacted {@code name} where one applies:
 *
 * <ul>
 *   <li>{@code mevkit.rpc.exchanges} (timer): each HTTP exchange, tagged {@code method} (the method, or
 *       {@code batch}) and {@code outcome} ({@code ok} or the failure kind);
 *   <li>{@code mevkit.rpc.failovers}, {@code mevkit.rpc.retries} (counters), tagged {@code method};
 *   <li>{@code mevkit.rpc.circuit.transitions} (counter), tagged {@code to};
 *   <li>{@code mevkit.rpc.chain.checks} (counter), tagged {@code matches};
 *   <li>{@code mevkit.rpc.sends} (counter): logical sends, tagged {@code outcome} and {@code resend}.
 * </ul>
 *
 * Thread-safe.
 */
public final class MicrometerRpcListener implements RpcListener {
    private final MeterRegistry registry;

    private MicrometerRpcListener(MeterRegistry registry) {
        this.registry = registry;
    }

    public static MicrometerRpcListener create(MeterRegistry registry) {
        return new MicrometerRpcListener(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void onExchange(Exchange exchange) {
        String method = exchange.methods().size() == 1 ? exchange.methods().get(0) : "batch";
        Timer.builder("mevkit.rpc.exchanges")
                .tags(Tags.of(
                        "endpoint", exchange.endpoint().name(),
                        "method", method,
                        "outcome", exchange.failure().map(Enum::name).orElse("ok")))
                .register(registry)
                .record(exchange.latency());
    }

    @Override
    public void onFailover(String method, RpcEndpoint endpoint, RpcException cause) {
        Counter.builder("mevkit.rpc.failovers")
                .tags(
                        "endpoint",
                        endpoint.name(),
                        "method",
                        metricMethod(method),
                        "kind",
                        cause.kind().name())
                .register(registry)
                .increment();
    }

    @Override
    public void onRetry(String method, int attempt, RpcException cause) {
        Counter.builder("mevkit.rpc.retries")
                .tags("method", metricMethod(method), "kind", cause.kind().name())
                .register(registry)
                .increment();
    }

    @Override
    public void onCircuitStateChanged(
            RpcEndpoint endpoint, EndpointStatus.CircuitState from, EndpointStatus.CircuitState to) {
        Counter.builder("mevkit.rpc.circuit.transitions")
                .tags("endpoint", endpoint.name(), "to", to.name())
                .register(registry)
                .increment();
    }

    @Override
    public void onChainIdChecked(RpcEndpoint endpoint, long expected, long actual) {
        Counter.builder("mevkit.rpc.chain.checks")
                .tags("endpoint", endpoint.name(), "matches", Boolean.toString(expected == actual))
                .register(registry)
                .increment();
    }

    @Override
    public void onSend(Send send) {
        Counter.builder("mevkit.rpc.sends")
                .tags("outcome", send.outcome().name(), "resend", Boolean.toString(send.resend()))
                .register(registry)
                .increment();
    }

    private static String metricMethod(String method) {
        return method.startsWith("batch[") ? "batch" : method;
    }
}
