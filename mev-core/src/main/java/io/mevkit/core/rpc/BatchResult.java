package io.mevkit.core.rpc;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answers to one batch, matched to its requests by id (nodes may answer in any order). Each request either has
 * a result, or its own {@link RpcException} (an error object, a result that did not decode, or no answer at all),
 * which {@link #get(RpcRequest)} throws. Immutable.
 */
public final class BatchResult {
    private final List<RpcRequest<?>> requests;
    private final Object[] outcomes;
    private final Map<RpcRequest<?>, Integer> positions;

    BatchResult(List<? extends RpcRequest<?>> requests, Object[] outcomes) {
        if (requests.size() != outcomes.length) {
            throw new IllegalArgumentException(requests.size() + " requests but " + outcomes.length + " outcomes");
        }
        this.requests = List.copyOf(requests);
        this.outcomes = outcomes.clone();
        Map<RpcRequest<?>, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            index.putIfAbsent(requests.get(i), i);
        }
        this.positions = Collections.unmodifiableMap(index);
    }

    public int size() {
        return requests.size();
    }

    public List<RpcRequest<?>> requests() {
        return requests;
    }

    /**
     * The result of {@code request} (the same instance that was in the batch; if it was there several times, its
     * first position); null when the node's result was JSON null.
     *
     * @throws RpcException that request's failure
     * @throws IllegalArgumentException if {@code request} was not in the batch
     */
    public <T> @Nullable T get(RpcRequest<T> request) {
        Integer i = positions.get(Objects.requireNonNull(request, "request"));
        if (i == null) {
            throw new IllegalArgumentException("not a request of this batch: " + request);
        }
        @SuppressWarnings("unchecked")
        T result = (T) get(i);
        return result;
    }

    /**
     * The result at {@code index} in request order; null when the node's result was JSON null.
     *
     * @throws RpcException that request's failure
     */
    public @Nullable Object get(int index) {
        Object outcome = outcomes[Objects.checkIndex(index, outcomes.length)];
        if (outcome instanceof RpcException e) {
            throw e;
        }
        return outcome;
    }

    /** The failure of the request at {@code index}, if it failed. */
    public Optional<RpcException> error(int index) {
        Object outcome = outcomes[Objects.checkIndex(index, outcomes.length)];
        return outcome instanceof RpcException e ? Optional.of(e) : Optional.empty();
    }

    /** Whether every request has a result. */
    public boolean allSucceeded() {
        for (Object outcome : outcomes) {
            if (outcome instanceof RpcException) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        int failed = 0;
        for (Object outcome : outcomes) {
            if (outcome instanceof RpcException) {
                failed++;
            }
        }
        return "BatchResult[" + outcomes.length + " requests, " + failed + " failed]";
    }
}
