package io.mevkit.core.rpc.internal;

import java.util.List;
import java.util.Locale;

/**
 * Recognises the answers to {@code eth_sendRawTransaction} that may mean the node already has the very transaction
 * sent: geth/erigon/reth "already known", Nethermind "AlreadyKnown"/"OldNonce", anvil "transaction already
 * imported", and "nonce too low" / "replacement transaction underpriced" (the same bytes sent earlier, mined or
 * pending). Whether the transaction is really ours is then asked by hash.
 */
public final class SendErrors {
    private static final List<String> MAY_BE_OURS = List.of(
            "already known",
            "alreadyknown",
            "known transaction",
            "already imported",
            "already exists",
            "already in the pool",
            "already in mempool",
            "nonce too low",
            "nonce is too low",
            "oldnonce",
            "replacement transaction underpriced",
            "replacementnotallowed");

    private SendErrors() {}

    public static boolean mayBeOurs(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        for (String pattern : MAY_BE_OURS) {
            if (m.contains(pattern)) {
                return true;
            }
        }
        return false;
    }
}
