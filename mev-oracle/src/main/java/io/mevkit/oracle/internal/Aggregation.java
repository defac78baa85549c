package io.mevkit.oracle.internal;

import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AggregationPolicy;
import io.mevkit.oracle.AssetKey;
import io.mevkit.oracle.Exclusion;
import io.mevkit.oracle.ExclusionReason;
import io.mevkit.oracle.PriceUnavailableException;
import io.mevkit.oracle.PriceUnavailableException.Failure;
import io.mevkit.oracle.Quote;
import io.mevkit.oracle.SourceKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The aggregation rule of {@link AggregationPolicy}, as a pure function of the quotes, the exclusions already made
 * (failures, timeouts, open breakers) and the time. Deterministic: the same inputs give the same price.
 */
public final class Aggregation {
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");
    /** A floor on σ relative to price, so a source reporting zero uncertainty cannot take infinite weight. */
    private static final BigDecimal MIN_RELATIVE_SIGMA = new BigDecimal("1e-9");

    private Aggregation() {}

    /**
     * Aggregates USD quotes for {@code asset}. {@code asked} is the number of sources asked (every source that
     * supports the asset, including those in {@code priorExclusions}).
     */
    public static AggregatedPrice aggregate(
            AssetKey asset,
            List<Quote> quotes,
            List<Exclusion> priorExclusions,
            int asked,
            AggregationPolicy policy,
            Instant now) {
        List<Exclusion> excluded = new ArrayList<>(priorExclusions);
        List<Quote> fresh = new ArrayList<>();
        for (Quote q : quotes) {
            Duration age = Duration.between(q.observedAt(), now);
            if (age.compareTo(policy.maxAge(q.source())) > 0) {
                excluded.add(exclusion(q, ExclusionReason.STALE, "age " + age + " > " + policy.maxAge(q.source())));
            } else if (age.isNegative() && age.negated().compareTo(policy.maxFutureSkew()) > 0) {
                excluded.add(exclusion(q, ExclusionReason.INVALID, "observed " + age.negated() + " in the future"));
            } else {
                fresh.add(q);
            }
        }
        if (fresh.isEmpty()) {
            Failure failure = asked == 0
                    ? Failure.NO_SOURCES
                    : excluded.stream().anyMatch(e -> e.reason() == ExclusionReason.STALE)
                            ? Failure.ALL_STALE
                            : Failure.ALL_FAILED;
            throw new PriceUnavailableException(
                    asset, failure, asked + " source(s) asked, none usable", List.of(), excluded);
        }

        // Outliers are screened against the plain median: a source cannot shield itself with a tiny σ.
        BigDecimal first = median(fresh.stream().map(Quote::price).toList());
        BigDecimal mad =
                median(fresh.stream().map(q -> q.price().subtract(first).abs()).toList());
        BigDecimal madLimit = mad.signum() == 0
                ? null
                : mad.multiply(MAD_TO_SIGMA, MC).multiply(BigDecimal.valueOf(policy.madMultiplier()), MC);
        List<Quote> survivors = new ArrayList<>();
        for (Quote q : fresh) {
            BigDecimal distance = q.price().subtract(first).abs();
            BigDecimal relative = distance.divide(first, MC);
            if (relative.compareTo(policy.maxDeviation()) > 0) {
                excluded.add(exclusion(q, ExclusionReason.OUTLIER, pct(relative) + " from median " + first.round(MC)));
            } else if (madLimit != null && distance.compareTo(madLimit) > 0) {
                excluded.add(exclusion(
                        q,
                        ExclusionReason.OUTLIER,
                        distance.round(new MathContext(6)) + " > " + policy.madMultiplier() + "×MAD"));
            } else {
                survivors.add(q);
            }
        }

        EnumSet<SourceKind> kinds = EnumSet.noneOf(SourceKind.class);
        survivors.forEach(q -> kinds.add(q.kind()));
        if (survivors.size() < policy.minSources() || kinds.size() < policy.minKinds()) {
            throw new PriceUnavailableException(
                    asset,
                    Failure.NO_QUORUM,
                    survivors.size() + " source(s) of " + kinds.size() + " kind(s) counted; policy needs "
                            + policy.minSources() + " of " + policy.minKinds(),
                    survivors,
                    excluded);
        }

        BigDecimal value = weightedMedian(survivors, policy.weightCap());
        List<BigDecimal> weights = cappedWeights(survivors, policy.weightCap());
        BigDecimal inverseVariance = BigDecimal.ZERO;
        BigDecimal dispersion = BigDecimal.ZERO;
        for (int i = 0; i < survivors.size(); i++) {
            Quote q = survivors.get(i);
            BigDecimal s = sigma(q);
            inverseVariance = inverseVariance.add(BigDecimal.ONE.divide(s.multiply(s, MC), MC));
            BigDecimal diff = q.price().subtract(value);
            dispersion = dispersion.add(weights.get(i).multiply(diff.multiply(diff, MC), MC));
        }
        BigDecimal combined = BigDecimal.ONE.divide(inverseVariance, MC);
        BigDecimal sigma = combined.add(dispersion).sqrt(MC);
        BigDecimal spread = policy.boundsK().multiply(sigma, MC);
        BigDecimal lower = value.subtract(spread).max(BigDecimal.ZERO);
        BigDecimal upper = value.add(spread);

        double coverage = (double) survivors.size() / Math.max(asked, survivors.size());
        double excess = 0;
        for (Quote q : survivors) {
            double z = q.price().subtract(value).abs().divide(sigma(q), MC).doubleValue();
            excess += Math.pow(Math.max(0, z - 1), 2);
        }
        double agreement = 1 / (1 + excess / survivors.size());
        double relativeSigma = sigma.divide(value, MC).doubleValue();
        double tolerance = policy.precisionTolerance().doubleValue();
        double precision = 1 / (1 + Math.max(0, relativeSigma - tolerance) / tolerance);
        double score = coverage * agreement * precision;

        Instant asOf = survivors.stream()
                .map(Quote::observedAt)
                .min(Comparator.naturalOrder())
                .orElseThrow();
        return new AggregatedPrice(
                asset, value, sigma, lower, upper, score, score >= policy.minScore(), asOf, survivors, excluded);
    }

    /** σ with a floor relative to the price. */
    static BigDecimal sigma(Quote q) {
        return q.uncertainty().max(q.price().multiply(MIN_RELATIVE_SIGMA, MC));
    }

    /** The weighted median: the smallest price at which the cumulative weight reaches one half. */
    static BigDecimal weightedMedian(List<Quote> quotes, BigDecimal cap) {
        List<Quote> sorted = new ArrayList<>(quotes);
        sorted.sort(Comparator.comparing(Quote::price));
        List<BigDecimal> weights = cappedWeights(sorted, cap);
        BigDecimal cumulative = BigDecimal.ZERO;
        for (int i = 0; i < sorted.size(); i++) {
            cumulative = cumulative.add(weights.get(i));
            int c = cumulative.compareTo(HALF);
            if (c > 0 || (c == 0 && i == sorted.size() - 1)) {
                return sorted.get(i).price();
            }
            if (c == 0) {
                return sorted.get(i).price().add(sorted.get(i + 1).price()).divide(BigDecimal.valueOf(2), MC);
            }
        }
        return sorted.get(sorted.size() - 1).price();
    }

    /**
     * Weights {@code 1/σ²} normalised to sum 1, then capped at {@code cap} (at least {@code 1/n}) with the excess
     * given to the others in proportion (water-filling). Same order as {@code quotes}.
     */
    static List<BigDecimal> cappedWeights(List<Quote> quotes, BigDecimal cap) {
        int n = quotes.size();
        BigDecimal effectiveCap = cap.max(BigDecimal.ONE.divide(BigDecimal.valueOf(n), MC));
        BigDecimal[] raw = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            BigDecimal s = sigma(quotes.get(i));
            raw[i] = BigDecimal.ONE.divide(s.multiply(s, MC), MC);
        }
        boolean[] capped = new boolean[n];
        BigDecimal[] w = new BigDecimal[n];
        for (int round = 0; round <= n; round++) {
            BigDecimal free = BigDecimal.ONE;
            BigDecimal freeRaw = BigDecimal.ZERO;
            for (int i = 0; i < n; i++) {
                if (capped[i]) {
                    free = free.subtract(effectiveCap);
                } else {
                    freeRaw = freeRaw.add(raw[i]);
                }
            }
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                w[i] = capped[i] ? effectiveCap : raw[i].multiply(free, MC).divide(freeRaw, MC);
                if (!capped[i] && w[i].compareTo(effectiveCap) > 0) {
                    capped[i] = true;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return List.of(w);
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MC);
    }

    private static Exclusion exclusion(Quote q, ExclusionReason reason, String detail) {
        return new Exclusion(q.source(), q.kind(), Optional.of(q), reason, detail);
    }

    private static String pct(BigDecimal relative) {
        return relative.multiply(BigDecimal.valueOf(100))
                        .round(new MathContext(4))
                        .toPlainString() + "%";
    }
}
