package io.mevkit.stream;

/** Why a client's connection ended; each is counted in {@link StreamStats#disconnects()}. */
public enum DisconnectReason {
    /** The client closed the connection with a close frame. */
    CLIENT_CLOSED,
    /** The connection broke without a close handshake (network error, abnormal closure). */
    CONNECTION_LOST,
    /** The client's outbound queue overflowed: it read too slowly and was disconnected (close code 4001). */
    SLOW_CONSUMER,
    /** The client kept sending after its inbound rate limit was exhausted (close code 4002). */
    RATE_LIMITED,
    /** The client's token expired while connected (close code 4003). */
    TOKEN_EXPIRED,
    /** Nothing came from the client (no pong, no message) for longer than the stale limit (close code 4004). */
    STALE,
    /** The client broke the WebSocket protocol (for example a message over the size limit). */
    PROTOCOL_ERROR,
    /** The server was closed. */
    SERVER_SHUTDOWN
}
