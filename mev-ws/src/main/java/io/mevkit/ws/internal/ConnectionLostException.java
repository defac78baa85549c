package io.mevkit.ws.internal;

import io.mevkit.ws.WsException;

/** The socket an internal request was written to is gone; the connection logic handles the drop itself. */
final class ConnectionLostException extends WsException {
    private static final long serialVersionUID = 1L;

    ConnectionLostException() {
        super("connection lost");
    }
}
