package io.mevkit.core.rpc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP response as interceptors see it: the status, the headers and the body, already read within the client's
 * size limit. Immutable; {@link #toString()} shows no header values.
 */
public final class RpcHttpResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    private RpcHttpResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A response with {@code status}, {@code headers} (by case-insensitive name) and {@code body} (copied). */
    public static RpcHttpResponse of(int status, Map<String, List<String>> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must be 100..999 but was " + status);
        }
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return new RpcHttpResponse(status, Collections.unmodifiableMap(copy), body.clone());
    }

    public int status() {
        return status;
    }

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name}. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as a stream, without copying it. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "RpcHttpResponse[status=" + status + ", headers=" + headers.keySet() + ", bodyLength=" + body.length
                + "]";
    }
}
