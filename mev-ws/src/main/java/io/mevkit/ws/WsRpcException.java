package io.mevkit.ws;

import org.jspecify.annotations.Nullable;

/** The node answered a JSON-RPC request over the socket with an error object. */
public class WsRpcException extends WsException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int code;
    private final String rpcMessage;
    private final @Nullable String data;

    public WsRpcException(String method, int code, String rpcMessage, @Nullable String data) {
        super(method + " failed: " + code + " " + rpcMessage);
        this.method = method;
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.data = data;
    }

    public String method() {
        return method;
    }

    /** The JSON-RPC error code, e.g. -32602 for invalid params. */
    public int code() {
        return code;
    }

    /** The error object's message, as the node sent it. */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** The error object's data member as JSON text, if any. */
    public @Nullable String data() {
        return data;
    }
}
