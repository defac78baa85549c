package io.mevkit.testing;

import java.util.Optional;

/** A JSON-RPC error or transport failure while driving a test node; carries the method and the node's error. */
public final class AnvilException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final long code;
    private final transient String data;

    public AnvilException(String method, long code, String message, String data) {
        this(method, code, message, data, null);
    }

    public AnvilException(String method, long code, String message, String data, Throwable cause) {
        super(method + " failed (" + code + "): " + message + (data == null ? "" : " data=" + data), cause);
        this.method = method;
        this.code = code;
        this.data = data;
    }

    public String method() {
        return method;
    }

    public long code() {
        return code;
    }

    public Optional<String> data() {
        return Optional.ofNullable(data);
    }
}
