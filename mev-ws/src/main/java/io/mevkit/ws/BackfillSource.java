package io.mevkit.ws;

import io.mevkit.core.rpc.RpcClient;
import io.mevkit.ws.internal.RpcBackfillSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where missed heads and logs are fetched from after a drop, and what the polling fallback reads: usually the HTTP
 * JSON-RPC endpoint of the same node or provider.
 *
 * <p>Calls block and are made from the client's worker threads, never from the socket's reader thread; they may throw
 * any runtime exception, which the client retries a few times. A block still missing after that becomes a {@link Gap}
 * only while a socket is up (the node is reachable but lacks it); with the socket down, or while polling, the failure
 * may be the same outage and the next catch-up tries the block again. Implementations must be thread-safe.
 */
public interface BackfillSource {
    /**
     * A source over the core's HTTP {@link RpcClient}, with its retries, circuit breakers and chain-id check; the
     * client stays the caller's to close. Endpoints given an HTTP URL get such a source without this.
     */
    static BackfillSource of(RpcClient rpc) {
        return new RpcBackfillSource(Objects.requireNonNull(rpc, "rpc"));
    }

    /** The node's current block number ({@code eth_blockNumber}). */
    long blockNumber();

    /** The header of block {@code number} ({@code eth_getBlockByNumber}), or empty if the node does not have it. */
    Optional<Head> blockByNumber(long number);

    /** The logs matching {@code filter} in blocks {@code fromBlock..toBlock} inclusive ({@code eth_getLogs}). */
    List<LogEvent> logs(LogFilter filter, long fromBlock, long toBlock);
}
