package io.mevkit.ws;

/**
 * The states of a {@link WsClient}'s connection, in the order a client normally passes through them.
 *
 * <p>{@link #CONNECTING} until the first socket is verified; {@link #CONNECTED} only once the node's
 * {@code eth_chainId} matched and every subscription was acknowledged; {@link #RECONNECTING} from the moment a drop is
 * detected until the same holds again; {@link #CLOSED} after {@link WsClient#close()}; {@link #FAILED} when every
 * endpoint refused the handshake for good (401, 403, 404, TLS, wrong chain) or the configured maximum downtime passed.
 * {@code FAILED} is reported, never silent: {@link WsListener#failed(WsException)} fires and every subscription's
 * listener receives {@link SubscriptionListener#onError(WsException)}.
 */
public enum ConnectionState {
    CONNECTING,
    CONNECTED,
    RECONNECTING,
    CLOSED,
    FAILED;

    /** Whether no further transition can happen. */
    public boolean isTerminal() {
        return this == CLOSED || this == FAILED;
    }
}
