package io.mevkit.core.rpc;

import java.util.Objects;

/**
 * One configured JSON-RPC endpoint as mevkit shows it: its {@code name} (given in the builder, or the redacted URL)
 * and its {@code url} redacted to host, port and path, without user info, query string or key-like path segments.
 * Safe to log and to use as a metric tag.
 */
public record RpcEndpoint(String name, String url) {
    public RpcEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return name.equals(url) ? url : name + " (" + url + ")";
    }
}
