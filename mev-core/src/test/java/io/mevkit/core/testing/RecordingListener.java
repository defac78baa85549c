package io.mevkit.core.testing;

import io.mevkit.core.rpc.EndpointStatus;
import io.mevkit.core.rpc.RpcEndpoint;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every {@link RpcListener} event, in order, for assertions. */
public final class RecordingListener implements RpcListener {
    public final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    public final List<String> failovers = new CopyOnWriteArrayList<>();
    public final List<String> retries = new CopyOnWriteArrayList<>();
    public final List<String> transitions = new CopyOnWriteArrayList<>();
    public final List<String> chainChecks = new CopyOnWriteArrayList<>();
    public final List<Send> sends = new CopyOnWriteArrayList<>();

    @Override
    public void onExchange(Exchange exchange) {
        exchanges.add(exchange);
    }

    @Override
    public void onFailover(String method, RpcEndpoint endpoint, RpcException cause) {
        failovers.add(method + "@" + endpoint.name() + ":" + cause.kind());
    }

    @Override
    public void onRetry(String method, int attempt, RpcException cause) {
        retries.add(method + "#" + attempt + ":" + cause.kind());
    }

    @Override
    public void onCircuitStateChanged(
            RpcEndpoint endpoint, EndpointStatus.CircuitState from, EndpointStatus.CircuitState to) {
        transitions.add(endpoint.name() + ":" + from + "->" + to);
    }

    @Override
    public void onChainIdChecked(RpcEndpoint endpoint, long expected, long actual) {
        chainChecks.add(endpoint.name() + ":" + actual);
    }

    @Override
    public void onSend(Send send) {
        sends.add(send);
    }
}
