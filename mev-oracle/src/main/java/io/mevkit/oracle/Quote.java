package io.mevkit.oracle;

import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One source's price for one asset: the price in {@code denomination} (USD unless a route says otherwise, as a TWAP
 * quotes in WETH), its uncertainty as one standard deviation in the same unit (Pyth's {@code conf}; derived for the
 * other sources from their deviation thresholds, spreads or tick spacing), when the source says the price was
 * observed, when we fetched it, and the block for on-chain reads.
 */
public record Quote(
        AssetKey asset,
        String source,
        SourceKind kind,
        BigDecimal price,
        BigDecimal uncertainty,
        Instant observedAt,
        Instant fetchedAt,
        OptionalLong block,
        Optional<AssetKey> denomination) {

    public Quote {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        if (price == null || price.signum() <= 0) {
            throw new ValidationException("price", price, "must be positive");
        }
        if (uncertainty == null || uncertainty.signum() < 0) {
            throw new ValidationException("uncertainty", uncertainty, "must not be negative");
        }
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(denomination, "denomination");
    }

    /** A USD quote from an off-chain source. */
    public static Quote usd(
            AssetKey asset,
            String source,
            SourceKind kind,
            BigDecimal price,
            BigDecimal uncertainty,
            Instant observedAt,
            Instant fetchedAt) {
        return new Quote(
                asset, source, kind, price, uncertainty, observedAt, fetchedAt, OptionalLong.empty(), Optional.empty());
    }

    /** True when the price is in USD (no further conversion). */
    public boolean isUsd() {
        return denomination.isEmpty();
    }
}
