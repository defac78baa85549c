package io.mevkit.oracle;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each source finds an asset: a CoinGecko coin id (or the chain's CoinGecko platform, for any token by
 * contract address), a Chainlink feed, a Pyth price id, or a TWAP route. Explicit ids, never symbols (symbols
 * collide). Immutable; build with {@link #builder()}.
 */
public final class PriceRegistry {
    private final Map<AssetKey, String> coingeckoIds;
    private final Map<Long, String> coingeckoPlatforms;
    private final Map<AssetKey, ChainlinkFeed> chainlinkFeeds;
    private final Map<AssetKey, String> pythIds;
    private final Map<AssetKey, TwapRoute> twapRoutes;

    private PriceRegistry(Builder b) {
        this.coingeckoIds = Map.copyOf(b.coingeckoIds);
        this.coingeckoPlatforms = Map.copyOf(b.coingeckoPlatforms);
        this.chainlinkFeeds = Map.copyOf(b.chainlinkFeeds);
        this.pythIds = Map.copyOf(b.pythIds);
        this.twapRoutes = Map.copyOf(b.twapRoutes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> coingeckoId(AssetKey asset) {
        return Optional.ofNullable(coingeckoIds.get(asset));
    }

    public Optional<String> coingeckoPlatform(long chainId) {
        return Optional.ofNullable(coingeckoPlatforms.get(chainId));
    }

    public Optional<ChainlinkFeed> chainlinkFeed(AssetKey asset) {
        return Optional.ofNullable(chainlinkFeeds.get(asset));
    }

    public Optional<String> pythId(AssetKey asset) {
        return Optional.ofNullable(pythIds.get(asset));
    }

    public Optional<TwapRoute> twapRoute(AssetKey asset) {
        return Optional.ofNullable(twapRoutes.get(asset));
    }

    /** Builds a {@link PriceRegistry}; not thread-safe. */
    public static final class Builder {
        private final Map<AssetKey, String> coingeckoIds = new HashMap<>();
        private final Map<Long, String> coingeckoPlatforms = new HashMap<>();
        private final Map<AssetKey, ChainlinkFeed> chainlinkFeeds = new HashMap<>();
        private final Map<AssetKey, String> pythIds = new HashMap<>();
        private final Map<AssetKey, TwapRoute> twapRoutes = new HashMap<>();

        private Builder() {}

        /** CoinGecko's coin id for the asset (e.g. {@code ethereum}), used with {@code simple/price}. */
        public Builder coingeckoId(AssetKey asset, String id) {
            coingeckoIds.put(Objects.requireNonNull(asset, "asset"), requireText("coingeckoId", id));
            return this;
        }

        /** CoinGecko's platform id for a chain (e.g. {@code ethereum}), used with {@code simple/token_price}. */
        public Builder coingeckoPlatform(long chainId, String platform) {
            coingeckoPlatforms.put(chainId, requireText("coingeckoPlatform", platform));
            return this;
        }

        public Builder chainlink(AssetKey asset, ChainlinkFeed feed) {
            chainlinkFeeds.put(Objects.requireNonNull(asset, "asset"), Objects.requireNonNull(feed, "feed"));
            return this;
        }

        /** Pyth's price feed id, 64 hex digits with or without 0x. */
        public Builder pyth(AssetKey asset, String priceId) {
            String id = requireText("pythId", priceId).toLowerCase(java.util.Locale.ROOT);
            id = id.startsWith("0x") ? id.substring(2) : id;
            if (!id.matches("[0-9a-f]{64}")) {
                throw new io.mevkit.core.ValidationException("pythId", priceId, "must be 64 hex digits");
            }
            pythIds.put(Objects.requireNonNull(asset, "asset"), id);
            return this;
        }

        public Builder twap(AssetKey asset, TwapRoute route) {
            twapRoutes.put(Objects.requireNonNull(asset, "asset"), Objects.requireNonNull(route, "route"));
            return this;
        }

        public PriceRegistry build() {
            return new PriceRegistry(this);
        }

        private static String requireText(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new io.mevkit.core.ValidationException(field, value, "must not be blank");
            }
            return value.trim();
        }
    }
}
