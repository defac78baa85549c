package io.mevkit.ws;

/**
 * An endpoint refused the connection in a way retrying cannot fix: HTTP 401, 403 or 404 on the upgrade, a TLS
 * failure, or a node on another chain. The endpoint is taken out of rotation; the client fails only when every
 * endpoint is.
 */
public class HandshakeRejectedException extends WsException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final int httpStatus;

    /**
     * @param endpoint the endpoint's redacted name
     * @param httpStatus the upgrade's HTTP status, or 0 when the refusal was not an HTTP status (TLS, chain id)
     * @param reason what was refused
     */
    public HandshakeRejectedException(String endpoint, int httpStatus, String reason) {
        super(endpoint + " refused the connection: " + reason);
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
    }

    public HandshakeRejectedException(String endpoint, int httpStatus, String reason, Throwable cause) {
        super(endpoint + " refused the connection: " + reason, cause);
        this.endpoint = endpoint;
        this.httpStatus = httpStatus;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status of the refused upgrade, or 0. */
    public int httpStatus() {
        return httpStatus;
    }
}
