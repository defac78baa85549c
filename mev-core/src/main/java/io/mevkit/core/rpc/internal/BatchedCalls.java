package io.mevkit.core.rpc.internal;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.BatchResult;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcRequest;
import io.mevkit.core.token.internal.Multicall3Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Many read-only calls at one block in one round trip: chunked Multicall3 {@code aggregate3} calls (each call
 * allowed to fail) sent as one JSON-RPC batch, or, without a Multicall3, one JSON-RPC batch of plain
 * {@code eth_call}s. Stateless; thread-safe as the client is.
 */
public final class BatchedCalls {
    private BatchedCalls() {}

    /** One call: the contract and its calldata. */
    public record Call(Address target, byte[] data) {}

    /** One answer: whether the call succeeded, and its return data (the revert data, possibly empty, if not). */
    public record Outcome(boolean success, byte[] data) {}

    /**
     * The answers to {@code calls} at {@code block}, in order.
     *
     * @param multicall3 the batcher's address, or empty for a plain JSON-RPC batch
     * @param chunkSize calls per {@code aggregate3}
     * @throws RpcException when the node cannot be asked, or answers an {@code aggregate3} malformed
     */
    public static List<Outcome> call(
            RpcClient client, Optional<Address> multicall3, int chunkSize, List<Call> calls, BlockTag block) {
        Objects.requireNonNull(client, "client");
        if (calls.isEmpty()) {
            return List.of();
        }
        return multicall3.isPresent()
                ? viaMulticall3(client, multicall3.get(), chunkSize, calls, block)
                : viaBatch(client, calls, block);
    }

    private static List<Outcome> viaMulticall3(
            RpcClient client, Address multicall3, int chunkSize, List<Call> calls, BlockTag block) {
        List<RpcRequest<byte[]>> chunks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int from = 0; from < calls.size(); from += chunkSize) {
            List<Multicall3Codec.Call> chunk = new ArrayList<>();
            for (Call c : calls.subList(from, Math.min(calls.size(), from + chunkSize))) {
                chunk.add(new Multicall3Codec.Call(c.target(), c.data()));
            }
            Map<String, Object> tx = Map.of("to", multicall3, "data", Multicall3Codec.encodeAggregate3(chunk));
            chunks.add(RpcRequest.of("eth_call", byte[].class, tx, block));
            sizes.add(chunk.size());
        }
        BatchResult answers = client.batch(chunks);
        List<Outcome> outcomes = new ArrayList<>(calls.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] answer = Objects.requireNonNull(answers.get(chunks.get(i)), "eth_call result");
            try {
                for (Multicall3Codec.Result r : Multicall3Codec.decodeAggregate3(answer, sizes.get(i))) {
                    outcomes.add(new Outcome(r.success(), r.data()));
                }
            } catch (IllegalArgumentException e) {
                throw RpcException.of(
                        RpcException.Kind.MALFORMED_RESPONSE,
                        "eth_call",
                        null,
                        "aggregate3 at " + multicall3 + ": " + e.getMessage(),
                        e);
            }
        }
        return outcomes;
    }

    private static List<Outcome> viaBatch(RpcClient client, List<Call> calls, BlockTag block) {
        List<RpcRequest<byte[]>> requests = new ArrayList<>(calls.size());
        for (Call c : calls) {
            requests.add(RpcRequest.of("eth_call", byte[].class, Map.of("to", c.target(), "data", c.data()), block));
        }
        BatchResult answers = client.batch(requests);
        List<Outcome> outcomes = new ArrayList<>(calls.size());
        for (int i = 0; i < requests.size(); i++) {
            Optional<RpcException> error = answers.error(i);
            if (error.isEmpty()) {
                outcomes.add(new Outcome(true, Objects.requireNonNull((byte[]) answers.get(i), "eth_call result")));
            } else if (error.get().kind() == RpcException.Kind.RPC_ERROR) {
                byte[] revert = error.get()
                        .data()
                        .filter(d -> d.isTextual() && d.asText().startsWith("0x"))
                        .map(d -> Hex.decode(d.asText()))
                        .orElse(new byte[0]);
                outcomes.add(new Outcome(false, revert));
            } else {
                throw error.get();
            }
        }
        return outcomes;
    }
}
