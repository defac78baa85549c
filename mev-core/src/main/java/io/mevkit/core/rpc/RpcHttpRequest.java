package io.mevkit.core.rpc;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP exchange about to be sent to an endpoint: the JSON-RPC methods it carries, its headers and its body.
 * Interceptors derive modified copies with {@link #withHeader(String, String)}; instances are immutable.
 * {@link #toString()} shows header names only, never their values.
 */
public final class RpcHttpRequest {
    private final RpcEndpoint endpoint;
    private final List<String> methods;
    private final Map<String, String> headers;
    private final byte[] body;

    private RpcHttpRequest(RpcEndpoint endpoint, List<String> methods, Map<String, String> headers, byte[] body) {
        this.endpoint = endpoint;
        this.methods = methods;
        this.headers = headers;
        this.body = body;
    }

    /** A request to {@code endpoint} carrying {@code methods}, with {@code body} (copied) and no headers. */
    public static RpcHttpRequest of(RpcEndpoint endpoint, List<String> methods, byte[] body) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods must not be empty");
        }
        return new RpcHttpRequest(
                endpoint,
                List.copyOf(methods),
                Collections.unmodifiableMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER)),
                body.clone());
    }

    public RpcEndpoint endpoint() {
        return endpoint;
    }

    /** The JSON-RPC methods in the body, in request order (one for a single call, several for a batch). */
    public List<String> methods() {
        return methods;
    }

    /** The headers mevkit adds to the transport's own, by case-insensitive name. */
    public Map<String, String> headers() {
        return headers;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** A copy of the JSON body (a signing interceptor hashes it). */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** This request with header {@code name} set to {@code value}, replacing any previous value. */
    public RpcHttpRequest withHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ':')) {
            throw new IllegalArgumentException("header name is not a valid token: " + name);
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            // the value may be a credential: never echo it
            throw new IllegalArgumentException("the value of header " + name + " contains a line break or NUL");
        }
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.put(name, value);
        return new RpcHttpRequest(endpoint, methods, Collections.unmodifiableMap(copy), body);
    }

    /** This request without header {@code name}. */
    public RpcHttpRequest withoutHeader(String name) {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.remove(name);
        return new RpcHttpRequest(endpoint, methods, Collections.unmodifiableMap(copy), body);
    }

    /** This request with another body (copied), e.g. after an interceptor rewrote it. */
    public RpcHttpRequest withBody(byte[] newBody) {
        return new RpcHttpRequest(
                endpoint,
                methods,
                headers,
                Objects.requireNonNull(newBody, "body").clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcHttpRequest r
                && endpoint.equals(r.endpoint)
                && methods.equals(r.methods)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, methods, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "RpcHttpRequest[endpoint=" + endpoint + ", methods=" + methods + ", headers="
                + headers.keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList() + ", bodyLength="
                + body.length + "]";
    }
}
