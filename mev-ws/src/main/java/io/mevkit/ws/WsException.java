package io.mevkit.ws;

import io.mevkit.core.MevException;

/** Thrown when the WebSocket client failed: a handshake refused, a subscription rejected, or the client closed. Messages never carry secrets. */
public class WsException extends MevException {
    private static final long serialVersionUID = 1L;

    public WsException(String message) {
        super(message);
    }

    public WsException(String message, Throwable cause) {
        super(message, cause);
    }
}
