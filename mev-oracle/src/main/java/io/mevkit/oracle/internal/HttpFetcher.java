package io.mevkit.oracle.internal;

import io.mevkit.oracle.ExclusionReason;
import io.mevkit.oracle.PriceSourceException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * GETs for HTTP price sources: a real User-Agent, a bounded body, and a rate-limit window honoured before any
 * request is made (a 429 storm costs the provider no further calls). Error messages name host and path only:
 * keys travel in headers and never reach a message. Thread-safe.
 */
public final class HttpFetcher {
    private final OkHttpClient http;
    private final String userAgent;
    private final long maxBodyBytes;
    private final Clock clock;
    private final Duration defaultBackoff;
    private volatile Instant rateLimitedUntil = Instant.MIN;

    public HttpFetcher(OkHttpClient http, String userAgent, long maxBodyBytes, Clock clock, Duration defaultBackoff) {
        this.http = http;
        this.userAgent = userAgent;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.defaultBackoff = defaultBackoff;
    }

    /** A response's status and its body, read to at most the configured size. */
    public record Reply(int status, String body, String contentType) {}

    /** When the provider may be asked again, if it is rate-limiting us now. */
    public Instant rateLimitedUntil() {
        return rateLimitedUntil;
    }

    public Reply get(HttpUrl url, Map<String, String> headers) {
        Instant now = clock.instant();
        Instant until = rateLimitedUntil;
        if (now.isBefore(until)) {
            throw new PriceSourceException(
                    ExclusionReason.RATE_LIMITED, "rate-limited by " + url.host() + " until " + until, until, null);
        }
        Request.Builder request = new Request.Builder().url(url).get().header("User-Agent", userAgent);
        headers.forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            String body = readBounded(response.body(), url);
            if (response.code() == 429) {
                Instant retryAt = now.plus(retryAfter(response.header("Retry-After")));
                rateLimitedUntil = retryAt;
                throw new PriceSourceException(
                        ExclusionReason.RATE_LIMITED,
                        "HTTP 429 from " + url.host() + url.encodedPath() + "; retry at " + retryAt,
                        retryAt,
                        null);
            }
            return new Reply(response.code(), body, response.header("Content-Type", ""));
        } catch (InterruptedIOException e) {
            throw new PriceSourceException(
                    ExclusionReason.TIMEOUT, "timeout from " + url.host() + url.encodedPath(), null, e);
        } catch (IOException e) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "transport error from " + url.host() + url.encodedPath() + ": "
                            + e.getClass().getSimpleName(),
                    null,
                    e);
        }
    }

    private Duration retryAfter(String header) {
        if (header != null) {
            try {
                long seconds = Long.parseLong(header.trim());
                if (seconds >= 0 && seconds < 86_400) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException httpDate) {
                // an HTTP date: fall back to the provider's documented penalty
            }
        }
        return defaultBackoff;
    }

    private String readBounded(ResponseBody body, HttpUrl url) throws IOException {
        if (body == null) {
            return "";
        }
        BufferedSource source = body.source();
        if (source.request(maxBodyBytes + 1)) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "response from " + url.host() + url.encodedPath() + " exceeds " + maxBodyBytes + " bytes",
                    null,
                    null);
        }
        return source.getBuffer().readString(StandardCharsets.UTF_8);
    }
}
