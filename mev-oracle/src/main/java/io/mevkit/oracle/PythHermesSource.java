package io.mevkit.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.ValidationException;
import io.mevkit.oracle.internal.HttpFetcher;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Pyth's Hermes v2 ({@code GET /v2/updates/price/latest?ids[]=…}): price, confidence, exponent and publish time,
 * decoded exactly ({@code price × 10^expo} with the integer strings as sent). The confidence is Pyth's own
 * uncertainty, used as σ. The endpoint is configurable and a Bearer token optional (Hermes requires one since
 * 2026); the token never appears in a message. Unknown ids (HTTP 404, a text body) are reported as
 * {@link ExclusionReason#NOT_FOUND}; a 429 stops calls for the provider's 60-second penalty. Thread-safe.
 */
public final class PythHermesSource implements PriceSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final HttpUrl endpoint;
    private final String bearerToken;
    private final Clock clock;
    private final HttpFetcher http;

    private PythHermesSource(Builder b) {
        this.name = b.name;
        this.endpoint = HttpUrl.get(b.endpoint);
        this.bearerToken = b.bearerToken;
        this.clock = b.clock;
        this.http = new HttpFetcher(b.http, b.userAgent, b.maxBodyBytes, b.clock, Duration.ofSeconds(60));
    }

    public static Builder builder(OkHttpClient http) {
        return new Builder(http);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.PULL_ORACLE;
    }

    @Override
    public boolean supports(AssetKey asset, PriceRegistry registry) {
        return registry.pythId(asset).isPresent();
    }

    @Override
    public Quote fetch(FetchContext context) {
        String id = context.registry()
                .pythId(context.asset())
                .orElseThrow(
                        () -> new PriceSourceException(ExclusionReason.NOT_FOUND, "no Pyth id for " + context.asset()));
        HttpUrl url = endpoint.newBuilder()
                .addPathSegments("v2/updates/price/latest")
                .addQueryParameter("ids[]", id)
                .addQueryParameter("parsed", "true")
                .build();
        HttpFetcher.Reply reply =
                http.get(url, bearerToken == null ? Map.of() : Map.of("Authorization", "Bearer " + bearerToken));
        if (reply.status() == 404) {
            throw new PriceSourceException(ExclusionReason.NOT_FOUND, "Hermes: " + firstLine(reply.body()));
        }
        if (reply.status() == 401 || reply.status() == 403) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "Hermes refused the request (HTTP " + reply.status() + "): check the API key");
        }
        if (reply.status() != 200) {
            throw new PriceSourceException(ExclusionReason.ERROR, "Hermes HTTP " + reply.status());
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(reply.body()).path("parsed");
        } catch (IOException e) {
            throw new PriceSourceException(ExclusionReason.ERROR, "Hermes sent malformed JSON", null, e);
        }
        for (JsonNode feed : parsed) {
            if (id.equalsIgnoreCase(stripPrefix(feed.path("id").asText()))) {
                return quote(context.asset(), feed.path("price"));
            }
        }
        throw new PriceSourceException(ExclusionReason.NOT_FOUND, "Hermes returned no parsed price for " + id);
    }

    private Quote quote(AssetKey asset, JsonNode price) {
        try {
            BigInteger mantissa = new BigInteger(price.path("price").asText());
            BigInteger conf = new BigInteger(price.path("conf").asText());
            if (!price.path("expo").canConvertToInt()
                    || !price.path("publish_time").canConvertToLong()) {
                throw new PriceSourceException(ExclusionReason.INVALID, "Hermes price without expo or publish_time");
            }
            int scale = -price.path("expo").asInt();
            if (mantissa.signum() <= 0) {
                throw new PriceSourceException(ExclusionReason.INVALID, "Hermes price is " + mantissa);
            }
            if (conf.signum() < 0) {
                throw new PriceSourceException(ExclusionReason.INVALID, "Hermes conf is " + conf);
            }
            return Quote.usd(
                    asset,
                    name,
                    kind(),
                    new BigDecimal(mantissa, scale),
                    new BigDecimal(conf, scale),
                    Instant.ofEpochSecond(price.path("publish_time").asLong()),
                    clock.instant());
        } catch (NumberFormatException e) {
            throw new PriceSourceException(ExclusionReason.INVALID, "Hermes price fields are not integers", null, e);
        }
    }

    private static String stripPrefix(String id) {
        return id.startsWith("0x") ? id.substring(2) : id;
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Builds a {@link PythHermesSource}; not thread-safe; validated at {@link #build()}. */
    public static final class Builder {
        private final OkHttpClient http;
        private String name = "pyth";
        private String endpoint = "https://hermes.pyth.network";
        private String bearerToken;
        private String userAgent = "mevkit/0.1 (+https://mevkit.io)";
        private long maxBodyBytes = 1 << 20;
        private Clock clock = Clock.systemUTC();

        private Builder(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder endpoint(String url) {
            this.endpoint = url;
            return this;
        }

        /** Sent as {@code Authorization: Bearer <token>}; never logged or shown. */
        public Builder bearerToken(String token) {
            this.bearerToken = token;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public PythHermesSource build() {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", name, "must not be blank");
            }
            if (endpoint == null || HttpUrl.parse(endpoint) == null) {
                throw new ValidationException("endpoint", endpoint, "must be an http(s) URL");
            }
            if (bearerToken != null && bearerToken.isBlank()) {
                throw ValidationException.redacted("bearerToken", "must not be blank when set");
            }
            if (maxBodyBytes < 1024) {
                throw new ValidationException("maxBodyBytes", maxBodyBytes, "must be >= 1024");
            }
            return new PythHermesSource(this);
        }
    }
}
