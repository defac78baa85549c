package io.mevkit.ws;

import java.util.Set;

/**
 * What happens to a JSON-RPC request that was written to a socket that then dropped before the answer arrived.
 *
 * <p>Requests not yet written are always sent once a socket is ready again; their timeout keeps running.
 */
public enum RequestPolicy {
    /** Write it again on the next socket: right for reads, which are idempotent. */
    RESEND,
    /** Fail it with {@link RequestLostException}: right for sends, which must never be submitted twice. */
    FAIL;

    private static final Set<String> SENDS = Set.of(
            "eth_sendTransaction",
            "eth_sendRawTransaction",
            "eth_sendRawTransactionConditional",
            "eth_sendPrivateTransaction",
            "eth_sendPrivateRawTransaction",
            "eth_cancelPrivateTransaction",
            "eth_sendBundle",
            "eth_cancelBundle",
            "mev_sendBundle",
            "eth_sendMegabundle",
            "personal_sendTransaction",
            "eth_subscribe",
            "eth_unsubscribe");

    /**
     * The default for {@code method}: {@link #FAIL} for anything that submits or cancels a transaction or bundle (and
     * for subscription management, which the client re-establishes itself), {@link #RESEND} for everything else.
     */
    public static RequestPolicy defaultFor(String method) {
        return SENDS.contains(method) || method.startsWith("eth_send") || method.startsWith("mev_send") ? FAIL : RESEND;
    }
}
