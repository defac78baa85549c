package io.mevkit.oracle;

import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How quotes become one price. Immutable; build with {@link #builder()}.
 *
 * <h2>The aggregate</h2>
 *
 * <ol>
 *   <li>Quotes older than their source's maximum age are excluded as {@link ExclusionReason#STALE}.
 *   <li>Outliers are excluded: relative distance from the plain median above {@code maxDeviation}, or above
 *       {@code madMultiplier × 1.4826 × MAD} (MAD = median absolute distance; skipped when it is zero).
 *   <li>The value {@code μ} is the <em>confidence-weighted median</em> of the survivors: weights {@code 1/σ²},
 *       normalised and capped at {@code weightCap} (at least {@code 1/n}; the excess goes to the others in
 *       proportion), so no single source decides the value on its own weight while others disagree.
 *   <li>Quorum: at least {@code minSources} survivors from at least {@code minKinds} {@link SourceKind}s.
 *   <li>{@code σ = sqrt(σw² + d²)} with {@code σw = 1/sqrt(Σ 1/σi²)} (the inverse-variance combination) and
 *       {@code d²} the weighted variance of the survivors around {@code μ}; bounds are {@code μ ∓ boundsK·σ}.
 * </ol>
 *
 * <h2>The confidence score</h2>
 *
 * {@code score = coverage × agreement × precision}, each in (0, 1]:
 *
 * <ul>
 *   <li>{@code coverage = survivors / sources asked}: one of three excluded gives 2/3, below the default minimum
 *       of 0.7;
 *   <li>{@code agreement = 1 / (1 + mean(max(0, zi − 1)²))} with {@code zi = |pi − μ| / σi}: 1 when every source
 *       is within its own σ of the value, strictly smaller as any source strays further;
 *   <li>{@code precision = 1 / (1 + max(0, σ/μ − tolerance) / tolerance)}: 1 while the relative uncertainty is
 *       within {@code precisionTolerance}, strictly smaller as σ grows beyond it.
 * </ul>
 *
 * The score is 1.0 exactly when every asked source counted and agrees within σ, and σ is within tolerance.
 */
public record AggregationPolicy(
        BigDecimal maxDeviation,
        double madMultiplier,
        int minSources,
        int minKinds,
        BigDecimal boundsK,
        BigDecimal weightCap,
        BigDecimal precisionTolerance,
        double minScore,
        Duration defaultMaxAge,
        Map<String, Duration> maxAgeBySource,
        Duration maxFutureSkew) {

    public AggregationPolicy {
        if (maxDeviation == null || maxDeviation.signum() <= 0) {
            throw new ValidationException("maxDeviation", maxDeviation, "must be positive");
        }
        if (!(madMultiplier > 0)) {
            throw new ValidationException("madMultiplier", madMultiplier, "must be positive");
        }
        if (minSources < 1) {
            throw new ValidationException("minSources", minSources, "must be >= 1");
        }
        if (minKinds < 1 || minKinds > SourceKind.values().length) {
            throw new ValidationException("minKinds", minKinds, "must be in [1, " + SourceKind.values().length + "]");
        }
        if (boundsK == null || boundsK.signum() < 0) {
            throw new ValidationException("boundsK", boundsK, "must not be negative");
        }
        if (weightCap == null || weightCap.signum() <= 0 || weightCap.compareTo(BigDecimal.ONE) > 0) {
            throw new ValidationException("weightCap", weightCap, "must be in (0, 1]");
        }
        if (precisionTolerance == null || precisionTolerance.signum() <= 0) {
            throw new ValidationException("precisionTolerance", precisionTolerance, "must be positive");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new ValidationException("minScore", minScore, "must be in [0, 1]");
        }
        requirePositive("defaultMaxAge", defaultMaxAge);
        maxAgeBySource = Map.copyOf(maxAgeBySource);
        maxAgeBySource.forEach((source, age) -> requirePositive("maxAgeBySource[" + source + "]", age));
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new ValidationException("maxFutureSkew", maxFutureSkew, "must not be negative");
        }
    }

    /** The defaults: 5% deviation, 5×MAD, quorum 2 of 1 kind, bounds ±2σ, cap 40%, 1% tolerance, min score 0.7. */
    public static AggregationPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The maximum age of a quote from {@code source}. */
    public Duration maxAge(String source) {
        return maxAgeBySource.getOrDefault(source, defaultMaxAge);
    }

    private static void requirePositive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field, d, "must be positive");
        }
    }

    /** Builds an {@link AggregationPolicy}; not thread-safe; validated at {@link #build()}. */
    public static final class Builder {
        private BigDecimal maxDeviation = new BigDecimal("0.05");
        private double madMultiplier = 5;
        private int minSources = 2;
        private int minKinds = 1;
        private BigDecimal boundsK = BigDecimal.valueOf(2);
        private BigDecimal weightCap = new BigDecimal("0.4");
        private BigDecimal precisionTolerance = new BigDecimal("0.01");
        private double minScore = 0.7;
        private Duration defaultMaxAge = Duration.ofMinutes(5);
        private final Map<String, Duration> maxAgeBySource = new HashMap<>();
        private Duration maxFutureSkew = Duration.ofSeconds(30);

        private Builder() {}

        /** Relative distance from the median beyond which a quote is an outlier (0.05 = 5%). */
        public Builder maxDeviation(BigDecimal relative) {
            this.maxDeviation = relative;
            return this;
        }

        public Builder madMultiplier(double k) {
            this.madMultiplier = k;
            return this;
        }

        public Builder minSources(int n) {
            this.minSources = n;
            return this;
        }

        /** Require survivors from at least this many {@link SourceKind}s. */
        public Builder minKinds(int n) {
            this.minKinds = n;
            return this;
        }

        public Builder boundsK(BigDecimal k) {
            this.boundsK = k;
            return this;
        }

        public Builder weightCap(BigDecimal cap) {
            this.weightCap = cap;
            return this;
        }

        public Builder precisionTolerance(BigDecimal relative) {
            this.precisionTolerance = relative;
            return this;
        }

        /** Aggregates scoring below this are not {@link AggregatedPrice#confident()}. */
        public Builder minScore(double score) {
            this.minScore = score;
            return this;
        }

        public Builder defaultMaxAge(Duration age) {
            this.defaultMaxAge = age;
            return this;
        }

        public Builder maxAge(String source, Duration age) {
            maxAgeBySource.put(Objects.requireNonNull(source, "source"), age);
            return this;
        }

        /** How far in the future an observation time may lie (clock skew) before it is invalid. */
        public Builder maxFutureSkew(Duration skew) {
            this.maxFutureSkew = skew;
            return this;
        }

        public AggregationPolicy build() {
            return new AggregationPolicy(
                    maxDeviation,
                    madMultiplier,
                    minSources,
                    minKinds,
                    boundsK,
                    weightCap,
                    precisionTolerance,
                    minScore,
                    defaultMaxAge,
                    maxAgeBySource,
                    maxFutureSkew);
        }
    }
}
