package io.mevkit.oracle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A USD price aggregated over several sources, with its provenance: the quotes that counted and the ones excluded,
 * each with why. {@code lower}/{@code upper} are {@code value ∓ k·sigma}: value profit at {@code lower} (the
 * conservative side) and costs at {@code upper}. {@code score} is the confidence in [0, 1] defined in
 * {@link AggregationPolicy}; {@code confident} says whether it reaches the policy's minimum.
 */
public record AggregatedPrice(
        AssetKey asset,
        BigDecimal value,
        BigDecimal sigma,
        BigDecimal lower,
        BigDecimal upper,
        double score,
        boolean confident,
        Instant asOf,
        List<Quote> included,
        List<Exclusion> excluded) {

    public AggregatedPrice {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(sigma, "sigma");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(asOf, "asOf");
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }
}
