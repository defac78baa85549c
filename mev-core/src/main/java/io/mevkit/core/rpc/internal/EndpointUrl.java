package io.mevkit.core.rpc.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A parsed endpoint URL: what is sent (the URL without user info, plus a Basic authorization header when the URL
 * carried credentials), what is shown (host, port and path, key-like path segments masked, never user info or query)
 * and which strings are secret. Immutable.
 */
public final class EndpointUrl {
    /** Path segments at least this long are treated as API keys (Infura, Alchemy, QuickNode put keys in the path). */
    static final int KEY_SEGMENT_LENGTH = 16;

    private final HttpUrl requestUrl;
    private final @Nullable String basicAuthorization;
    private final String display;
    private final Secrets secrets;

    private EndpointUrl(HttpUrl requestUrl, @Nullable String basicAuthorization, String display, Secrets secrets) {
        this.requestUrl = requestUrl;
        this.basicAuthorization = basicAuthorization;
        this.display = display;
        this.secrets = secrets;
    }

    /** Parses an http(s) URL, or returns empty when {@code url} is not one. */
    public static Optional<EndpointUrl> parse(String url) {
        HttpUrl parsed = HttpUrl.parse(url.strip());
        if (parsed == null) {
            return Optional.empty();
        }
        List<String> secretValues = new ArrayList<>();
        String basic = null;
        if (!parsed.username().isEmpty() || !parsed.password().isEmpty()) {
            basic = Credentials.basic(parsed.username(), parsed.password(), StandardCharsets.UTF_8);
            secretValues.add(basic);
            secretValues.add(basic.substring("Basic ".length()));
            secretValues.add(parsed.username());
            secretValues.add(parsed.password());
            secretValues.add(parsed.encodedUsername());
            secretValues.add(parsed.encodedPassword());
        }
        if (parsed.encodedQuery() != null) {
            secretValues.add(parsed.encodedQuery());
            for (int i = 0; i < parsed.querySize(); i++) {
                String value = parsed.queryParameterValue(i);
                if (value != null) {
                    secretValues.add(value);
                }
            }
        }
        StringBuilder shown = new StringBuilder(parsed.host());
        if (parsed.port() != HttpUrl.defaultPort(parsed.scheme())) {
            shown.append(':').append(parsed.port());
        }
        List<String> encodedSegments = parsed.encodedPathSegments();
        List<String> segments = parsed.pathSegments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            shown.append('/');
            if (looksLikeKey(segment)) {
                shown.append("***");
                secretValues.add(segment);
                secretValues.add(encodedSegments.get(i));
            } else {
                shown.append(encodedSegments.get(i));
            }
        }
        HttpUrl request = parsed.newBuilder().username("").password("").build();
        return Optional.of(new EndpointUrl(request, basic, shown.toString(), Secrets.of(secretValues)));
    }

    static boolean looksLikeKey(String segment) {
        if (segment.length() >= KEY_SEGMENT_LENGTH) {
            return true;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return segment.length() >= 10 && letter && digit;
    }

    /** The URL requests go to (no user info). */
    public HttpUrl requestUrl() {
        return requestUrl;
    }

    /** The Basic authorization header value derived from the URL's user info, if it had any. */
    public Optional<String> basicAuthorization() {
        return Optional.ofNullable(basicAuthorization);
    }

    /** Host, port when not the default, and path with key-like segments masked. */
    public String display() {
        return display;
    }

    public Secrets secrets() {
        return secrets;
    }

    @Override
    public String toString() {
        return display;
    }
}
