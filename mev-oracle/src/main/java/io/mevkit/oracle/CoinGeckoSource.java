package io.mevkit.oracle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.ValidationException;
import io.mevkit.oracle.internal.HttpFetcher;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * CoinGecko's {@code simple/price} (by coin id) and {@code simple/token_price/{platform}} (by contract address).
 * Keyless, Demo or Pro key on its own host and header; a real User-Agent (CoinGecko's CDN refuses Java's default);
 * responses cached for the documented period (60 s keyless/Demo, 20 s Pro) so repeated asks cost no calls; a 429
 * stops all calls until the provider's retry time. Prices are parsed from the raw JSON number into BigDecimal.
 *
 * <p>Uncertainty: CoinGecko publishes none; this source reports {@code price × relativeUncertainty} (default 0.5%,
 * a typical cross-venue spread), doubled at the end of the cache period as the quote ages. Thread-safe.
 */
public final class CoinGeckoSource implements PriceSource {
    /** Which CoinGecko plan a key belongs to; each has its own host and header. */
    public enum Plan {
        KEYLESS("https://api.coingecko.com/api/v3", null, Duration.ofSeconds(60)),
        DEMO("https://api.coingecko.com/api/v3", "x-cg-demo-api-key", Duration.ofSeconds(60)),
        PRO("https://pro-api.coingecko.com/api/v3", "x-cg-pro-api-key", Duration.ofSeconds(20));

        final String baseUrl;
        final String keyHeader;
        final Duration cachePeriod;

        Plan(String baseUrl, String keyHeader, Duration cachePeriod) {
            this.baseUrl = baseUrl;
            this.keyHeader = keyHeader;
            this.cachePeriod = cachePeriod;
        }
    }

    /** Numbers parsed from the raw token into BigDecimal, trailing zeros kept: never through a double. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final MathContext MC = MathContext.DECIMAL64;

    private final String name;
    private final HttpUrl baseUrl;
    private final Plan plan;
    private final String apiKey;
    private final BigDecimal relativeUncertainty;
    private final Duration cachePeriod;
    private final Clock clock;
    private final HttpFetcher http;
    private final Cache<HttpUrl, JsonNode> responses;

    private CoinGeckoSource(Builder b) {
        this.name = b.name;
        this.plan = b.plan;
        this.baseUrl = HttpUrl.get(b.baseUrl != null ? b.baseUrl : plan.baseUrl);
        this.apiKey = b.apiKey;
        this.relativeUncertainty = b.relativeUncertainty;
        this.cachePeriod = b.cachePeriod != null ? b.cachePeriod : plan.cachePeriod;
        this.clock = b.clock;
        this.http = new HttpFetcher(b.http, b.userAgent, b.maxBodyBytes, b.clock, Duration.ofSeconds(60));
        this.responses = Caffeine.newBuilder()
                .expireAfterWrite(cachePeriod)
                .maximumSize(10_000)
                .ticker(ticker(b.clock))
                .build();
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
        return SourceKind.AGGREGATOR_API;
    }

    @Override
    public boolean supports(AssetKey asset, PriceRegistry registry) {
        return registry.coingeckoId(asset).isPresent()
                || registry.coingeckoPlatform(asset.chainId()).isPresent();
    }

    @Override
    public Quote fetch(FetchContext context) {
        AssetKey asset = context.asset();
        String id = context.registry().coingeckoId(asset).orElse(null);
        HttpUrl url;
        String key;
        if (id != null) {
            url = baseUrl.newBuilder()
                    .addPathSegments("simple/price")
                    .addQueryParameter("ids", id)
                    .addQueryParameter("vs_currencies", "usd")
                    .addQueryParameter("include_last_updated_at", "true")
                    .build();
            key = id;
        } else {
            String platform = context.registry()
                    .coingeckoPlatform(asset.chainId())
                    .orElseThrow(
                            () -> new PriceSourceException(ExclusionReason.NOT_FOUND, "no CoinGecko id for " + asset));
            url = baseUrl.newBuilder()
                    .addPathSegments("simple/token_price")
                    .addPathSegment(platform)
                    .addQueryParameter("contract_addresses", asset.token().hex())
                    .addQueryParameter("vs_currencies", "usd")
                    .addQueryParameter("include_last_updated_at", "true")
                    .build();
            key = asset.token().hex();
        }
        JsonNode body = responses.get(url, this::request);
        JsonNode entry = body.get(key);
        if (entry == null || !entry.hasNonNull("usd")) {
            throw new PriceSourceException(ExclusionReason.NOT_FOUND, "CoinGecko has no USD price for " + key);
        }
        JsonNode usd = entry.get("usd");
        if (!usd.isNumber()) {
            throw new PriceSourceException(ExclusionReason.INVALID, "CoinGecko usd for " + key + " is not a number");
        }
        BigDecimal price = usd.decimalValue();
        if (price.signum() <= 0) {
            throw new PriceSourceException(ExclusionReason.INVALID, "CoinGecko price for " + key + " is " + price);
        }
        Instant now = clock.instant();
        Instant observed = entry.hasNonNull("last_updated_at")
                ? Instant.ofEpochSecond(entry.get("last_updated_at").asLong())
                : now;
        double ageRatio = Math.min(
                1.0,
                Math.max(0, Duration.between(observed, now).toMillis()) / (double) Math.max(1, cachePeriod.toMillis()));
        BigDecimal sigma = price.multiply(relativeUncertainty, MC).multiply(BigDecimal.valueOf(1 + ageRatio), MC);
        return Quote.usd(asset, name, kind(), price, sigma, observed, now);
    }

    private JsonNode request(HttpUrl url) {
        Map<String, String> headers =
                plan.keyHeader == null || apiKey == null ? Map.of() : Map.of(plan.keyHeader, apiKey);
        HttpFetcher.Reply reply = http.get(url, headers);
        if (reply.status() != 200) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR,
                    "CoinGecko HTTP " + reply.status() + " for " + url.encodedPath() + errorCode(reply));
        }
        try {
            return JSON.readTree(reply.body());
        } catch (java.io.IOException e) {
            throw new PriceSourceException(
                    ExclusionReason.ERROR, "CoinGecko sent malformed JSON for " + url.encodedPath(), null, e);
        }
    }

    private static String errorCode(HttpFetcher.Reply reply) {
        try {
            JsonNode status = JSON.readTree(reply.body()).path("status");
            return status.has("error_code")
                    ? " (error_code " + status.get("error_code").asText() + ")"
                    : "";
        } catch (java.io.IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static Ticker ticker(Clock clock) {
        return () -> clock.instant().toEpochMilli() * 1_000_000L;
    }

    /** Builds a {@link CoinGeckoSource}; not thread-safe; validated at {@link #build()}. */
    public static final class Builder {
        private final OkHttpClient http;
        private String name = "coingecko";
        private Plan plan = Plan.KEYLESS;
        private String apiKey;
        private String baseUrl;
        private String userAgent = "mevkit/0.1 (+https://mevkit.io)";
        private BigDecimal relativeUncertainty = new BigDecimal("0.005");
        private Duration cachePeriod;
        private long maxBodyBytes = 1 << 20;
        private Clock clock = Clock.systemUTC();

        private Builder(OkHttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A Demo or Pro key; the plan picks the host and header. The key is never logged or shown. */
        public Builder apiKey(Plan plan, String key) {
            this.plan = Objects.requireNonNull(plan, "plan");
            this.apiKey = key;
            return this;
        }

        /** Overrides the plan's host (a proxy, or a test server). */
        public Builder baseUrl(String url) {
            this.baseUrl = url;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder relativeUncertainty(BigDecimal relative) {
            this.relativeUncertainty = relative;
            return this;
        }

        /** Overrides the plan's documented cache period. */
        public Builder cachePeriod(Duration period) {
            this.cachePeriod = period;
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

        public CoinGeckoSource build() {
            if (name == null || name.isBlank()) {
                throw new ValidationException("name", name, "must not be blank");
            }
            if (plan != Plan.KEYLESS && (apiKey == null || apiKey.isBlank())) {
                throw ValidationException.redacted(
                        "apiKey", "is required for the " + plan.name().toLowerCase(Locale.ROOT) + " plan");
            }
            if (baseUrl != null && HttpUrl.parse(baseUrl) == null) {
                throw new ValidationException("baseUrl", baseUrl, "must be an http(s) URL");
            }
            if (userAgent == null || userAgent.isBlank()) {
                throw new ValidationException("userAgent", userAgent, "must not be blank");
            }
            if (relativeUncertainty == null || relativeUncertainty.signum() <= 0) {
                throw new ValidationException("relativeUncertainty", relativeUncertainty, "must be positive");
            }
            if (cachePeriod != null && (cachePeriod.isNegative() || cachePeriod.isZero())) {
                throw new ValidationException("cachePeriod", cachePeriod, "must be positive");
            }
            if (maxBodyBytes < 1024) {
                throw new ValidationException("maxBodyBytes", maxBodyBytes, "must be >= 1024");
            }
            return new CoinGeckoSource(this);
        }
    }
}
