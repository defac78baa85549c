package io.mevkit.core.bundle;

import io.mevkit.core.ValidationException;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One builder: a name for logs and metrics, its JSON-RPC URL and its {@link BuilderDialect}. Immutable.
 *
 * @param name a short name, e.g. {@code "flashbots"}
 * @param url the http(s) URL requests are posted to
 * @param dialect how it spells bundle requests
 */
public record BuilderEndpoint(String name, URI url, BuilderDialect dialect) {

    public BuilderEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(dialect, "dialect");
        if (name.isBlank()) {
            throw new ValidationException("name", name, "must not be blank");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new ValidationException("url", url, "must be an absolute http(s) URL");
        }
    }

    /** A builder from a URL string. */
    public static BuilderEndpoint of(String name, String url, BuilderDialect dialect) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(url, "url"));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("url", url, "must be a URL", e);
        }
        return new BuilderEndpoint(name, uri, dialect);
    }

    /**
     * Public builders that accept {@code eth_sendBundle} (flashbots/dowg builder registrations and the builders'
     * docs); a default to override, since hosts and dialects change.
     */
    public static List<BuilderEndpoint> defaults() {
        return List.of(
                of("flashbots", "https://relay.flashbots.net", BuilderDialect.FLASHBOTS),
                of("beaverbuild", "https://rpc.beaverbuild.org", BuilderDialect.BEAVERBUILD),
                of("titan", "https://rpc.titanbuilder.xyz", BuilderDialect.TITAN),
                of("rsync", "https://rsync-builder.xyz", BuilderDialect.RSYNC));
    }

    @Override
    public String toString() {
        // the path may hold an API key: show the host only
        return name + "(" + url.getScheme() + "://" + url.getHost() + ")";
    }
}
