package io.mevkit.ws;

import io.mevkit.core.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One node to connect to: its WebSocket URL, optionally its HTTP JSON-RPC URL (used to backfill missed heads and logs
 * and as the polling fallback), and headers sent with the upgrade and HTTP requests (e.g. an API key).
 *
 * <p>URLs and headers often carry secrets (provider keys live in paths and query strings), so {@link #toString()} and
 * {@link #name()} show only scheme, host and port unless a name is given, and header values are never printed.
 *
 * @param name a label for logs, events and stats; never the full URL
 * @param webSocketUrl {@code ws://} or {@code wss://}
 * @param httpUrl {@code http://} or {@code https://}, or null when the endpoint has none
 * @param headers sent with every upgrade and HTTP request; values are treated as secrets
 */
public record Endpoint(String name, String webSocketUrl, @Nullable String httpUrl, Map<String, String> headers) {

    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(webSocketUrl, "webSocketUrl");
        Objects.requireNonNull(headers, "headers");
        if (name.isBlank()) {
            throw new ValidationException("name", name, "must not be blank");
        }
        requireScheme("webSocketUrl", webSocketUrl, "ws", "wss");
        if (httpUrl != null) {
            requireScheme("httpUrl", httpUrl, "http", "https");
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() == null || header.getKey().isBlank()) {
                throw new ValidationException("headers", header.getKey(), "header names must not be blank");
            }
            if (header.getValue() == null) {
                throw ValidationException.redacted("headers." + header.getKey(), "must not be null");
            }
        }
        headers = Map.copyOf(headers);
    }

    /** An endpoint with only a WebSocket URL: gaps are backfilled over the socket itself, no polling fallback. */
    public static Endpoint of(String webSocketUrl) {
        return new Endpoint(redactedName(webSocketUrl), webSocketUrl, null, Map.of());
    }

    /** An endpoint with a WebSocket URL and the HTTP URL of the same node (or provider). */
    public static Endpoint of(String webSocketUrl, String httpUrl) {
        return new Endpoint(redactedName(webSocketUrl), webSocketUrl, httpUrl, Map.of());
    }

    /** A copy with another label. */
    public Endpoint withName(String newName) {
        return new Endpoint(newName, webSocketUrl, httpUrl, headers);
    }

    /** A copy that also sends {@code header: value}; the value is never logged. */
    public Endpoint withHeader(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new Endpoint(name, webSocketUrl, httpUrl, copy);
    }

    public Optional<String> http() {
        return Optional.ofNullable(httpUrl);
    }

    @Override
    public String toString() {
        return "Endpoint[" + name + "]";
    }

    private static void requireScheme(String field, String url, String plain, String secure) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ValidationException.redacted(field, "must be a valid " + plain + ":// or " + secure + ":// URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase(plain) || scheme.equalsIgnoreCase(secure))
                || uri.getHost() == null) {
            // the URL may carry an API key, so the message names the rule and the redacted host only
            throw new ValidationException(
                    field, redactedName(url), "must be a " + plain + ":// or " + secure + ":// URL with a host");
        }
    }

    /** scheme://host:port, without path, query or user info (where API keys live). */
    static String redactedName(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "?" : uri.getHost();
            return (uri.getScheme() == null ? "?" : uri.getScheme()) + "://" + host
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (URISyntaxException e) {
            return "(invalid URL)";
        }
    }
}
