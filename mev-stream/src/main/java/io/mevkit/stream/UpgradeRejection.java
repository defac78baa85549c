package io.mevkit.stream;

/** Why a WebSocket upgrade was refused; each is counted in {@link StreamStats#rejectedUpgrades()}. */
public enum UpgradeRejection {
    /** The request's {@code Origin} is neither allowed nor the server's own (HTTP 403). */
    ORIGIN,
    /** No token, a malformed or forged token, or one without an expiry (HTTP 401). */
    UNAUTHENTICATED,
    /** The token has expired (HTTP 401). */
    TOKEN_EXPIRED,
    /** The token is valid but grants no channel (HTTP 403). */
    NO_SCOPE,
    /** The server already has its maximum number of clients (HTTP 503). */
    CAPACITY
}
