package io.mevkit.oracle;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import java.util.Objects;

/**
 * {@code eth_call} for on-chain sources: returns the call's result as 0x-hex, throws on a revert or transport
 * failure. Adapt any JSON-RPC client to it (for mevkit's own: {@code (to, data, block) -> rpc.call(to, data, block)}).
 */
@FunctionalInterface
public interface EthCaller {
    String call(Address to, String data, String blockTag);

    /** {@code eth_call} through mevkit's {@link RpcClient} (failover, retries and breakers included). */
    static EthCaller of(RpcClient rpc) {
        Objects.requireNonNull(rpc, "rpc");
        return (to, data, blockTag) -> Hex.encode(rpc.call(to, Hex.decode("data", data), new BlockTag(blockTag)));
    }
}
