package io.mevkit.oracle;

import io.mevkit.core.Address;

/**
 * {@code eth_call} for on-chain sources: returns the call's result as 0x-hex, throws on a revert or transport
 * failure. Adapt any JSON-RPC client to it (for mevkit's own: {@code (to, data, block) -> rpc.call(to, data, block)}).
 */
@FunctionalInterface
public interface EthCaller {
    String call(Address to, String data, String blockTag);
}
