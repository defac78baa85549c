package io.mevkit.oracle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a source is asked: the asset, the registry to resolve it, the block to pin on-chain reads to, and now. */
public record FetchContext(AssetKey asset, PriceRegistry registry, Optional<Long> block, Instant now) {
    public FetchContext {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(now, "now");
    }

    /** The JSON-RPC block tag for on-chain reads: the pinned block, or {@code latest}. */
    public String blockTag() {
        return block.map(io.mevkit.core.Hex::quantity).orElse("latest");
    }
}
