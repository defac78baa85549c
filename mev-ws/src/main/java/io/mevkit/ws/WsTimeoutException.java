package io.mevkit.ws;

import java.time.Duration;

/** A JSON-RPC request over the socket got no answer within its timeout (which runs across reconnects). */
public class WsTimeoutException extends WsException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final Duration timeout;

    public WsTimeoutException(String method, Duration timeout) {
        super(method + " got no answer within " + timeout);
        this.method = method;
        this.timeout = timeout;
    }

    public String method() {
        return method;
    }

    public Duration timeout() {
        return timeout;
    }
}
