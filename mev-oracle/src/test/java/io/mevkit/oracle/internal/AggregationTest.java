package io.mevkit.oracle.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AggregationTest {
    static final AssetKey WETH = AssetKey.of(1, "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
    static final Instant NOW = Instant.parse("2026-11-21T00:00:00Z");
    static final AggregationPolicy POLICY = AggregationPolicy.defaults();

    static Quote quote(String source, SourceKind kind, String price, String sigma, Duration age) {
        return Quote.usd(WETH, source, kind, new BigDecimal(price), new BigDecimal(sigma), NOW.minus(age), NOW);
    }

    static Quote quote(String source, String price, String sigma) {
        return quote(source, SourceKind.AGGREGATOR_API, price, sigma, Duration.ofSeconds(5));
    }

    @Test
    void threeSourcesAgreeingWithinSigmaScoreOne() {
        List<Quote> quotes = List.of(
                quote("coingecko", "3000.00", "3"), quote("chainlink", "3001.50", "3"), quote("pyth", "2999.00", "3"));
        AggregatedPrice p = Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW);
        assertEquals(new BigDecimal("3000.00"), p.value());
        assertEquals(1.0, p.score());
        assertTrue(p.confident());
        assertEquals(3, p.included().size());
        assertTrue(p.excluded().isEmpty());
        assertTrue(p.lower().compareTo(p.value()) < 0 && p.upper().compareTo(p.value()) > 0);
        assertEquals(p.value().subtract(p.lower()), p.upper().subtract(p.value()));
    }

    @Test
    void oneSourceThirtyPercentOffIsExcludedAndConfidenceDropsBelowTheMinimum() {
        List<Quote> quotes =
                List.of(quote("coingecko", "3000", "3"), quote("chainlink", "3002", "3"), quote("pyth", "2100", "2"));
        AggregatedPrice p = Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW);
        assertEquals(2, p.included().size());
        assertEquals(1, p.excluded().size());
        Exclusion e = p.excluded().get(0);
        assertEquals("pyth", e.source());
        assertEquals(ExclusionReason.OUTLIER, e.reason());
        assertTrue(
                p.value().compareTo(new BigDecimal("3000")) >= 0 && p.value().compareTo(new BigDecimal("3002")) <= 0);
        assertTrue(p.score() < POLICY.minScore(), "score " + p.score());
        assertFalse(p.confident());
    }

    @Test
    void twoOfThreeStaleIsNoQuorumWithProvenance() {
        List<Quote> quotes = List.of(
                quote("coingecko", SourceKind.AGGREGATOR_API, "3000", "3", Duration.ofHours(1)),
                quote("chainlink", SourceKind.PUSH_ORACLE, "3001", "3", Duration.ofHours(2)),
                quote("pyth", SourceKind.PULL_ORACLE, "3000", "2", Duration.ofSeconds(1)));
        PriceUnavailableException e = assertThrows(
                PriceUnavailableException.class, () -> Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW));
        assertEquals(Failure.NO_QUORUM, e.failure());
        assertEquals(1, e.included().size());
        assertEquals(
                2,
                e.excluded().stream()
                        .filter(x -> x.reason() == ExclusionReason.STALE)
                        .count());
    }

    @Test
    void allStaleAndAllFailedAreTypedNeverZero() {
        List<Quote> stale = List.of(quote("coingecko", SourceKind.AGGREGATOR_API, "3000", "3", Duration.ofDays(1)));
        assertEquals(
                Failure.ALL_STALE,
                assertThrows(
                                PriceUnavailableException.class,
                                () -> Aggregation.aggregate(WETH, stale, List.of(), 1, POLICY, NOW))
                        .failure());
        List<Exclusion> failures = List.of(
                new Exclusion("pyth", SourceKind.PULL_ORACLE, Optional.empty(), ExclusionReason.TIMEOUT, "no answer"));
        assertEquals(
                Failure.ALL_FAILED,
                assertThrows(
                                PriceUnavailableException.class,
                                () -> Aggregation.aggregate(WETH, List.of(), failures, 1, POLICY, NOW))
                        .failure());
        assertEquals(
                Failure.NO_SOURCES,
                assertThrows(
                                PriceUnavailableException.class,
                                () -> Aggregation.aggregate(WETH, List.of(), List.of(), 0, POLICY, NOW))
                        .failure());
    }

    @Test
    void aPriceWithAHugeConfidenceIntervalBarelyMovesTheAggregate() {
        List<Quote> honest = List.of(quote("coingecko", "3000", "3"), quote("chainlink", "3002", "3"));
        AggregatedPrice without = Aggregation.aggregate(WETH, honest, List.of(), 2, POLICY, NOW);
        List<Quote> withPyth = new ArrayList<>(honest);
        withPyth.add(quote("pyth", "2999", "900")); // conf 30% of the price: nearly no weight
        AggregatedPrice with = Aggregation.aggregate(WETH, withPyth, List.of(), 3, POLICY, NOW);
        assertEquals(3, with.included().size());
        assertTrue(with.value().subtract(without.value()).abs().compareTo(new BigDecimal("3")) <= 0);
        assertTrue(
                with.sigma().compareTo(without.sigma().multiply(BigDecimal.valueOf(2))) < 0, "sigma " + with.sigma());
    }

    @Test
    void aWildPriceWithAHugeConfidenceIntervalIsAnOutlier() {
        // the Sep 2021 shape: two publishers near zero drag one source's price far off, with a huge conf
        List<Quote> quotes = List.of(
                quote("coingecko", "47000", "40"), quote("chainlink", "47050", "60"), quote("pyth", "5402", "4000"));
        AggregatedPrice p = Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW);
        assertEquals(ExclusionReason.OUTLIER, p.excluded().get(0).reason());
        assertEquals("pyth", p.excluded().get(0).source());
        assertTrue(p.value().compareTo(new BigDecimal("47000")) >= 0);
    }

    @Test
    void weightCapStopsOneOverconfidentSourceFromBeingTheMedianAlone() {
        List<Quote> quotes = List.of(
                quote("liar", "2990", "0.0001"),
                quote("a", "3000", "3"),
                quote("b", "3001", "3"),
                quote("c", "3002", "3"));
        BigDecimal median = Aggregation.weightedMedian(quotes, new BigDecimal("0.4"));
        assertTrue(median.compareTo(new BigDecimal("2990")) > 0, "median " + median);
        List<BigDecimal> w = Aggregation.cappedWeights(quotes, new BigDecimal("0.5"));
        assertEquals(0, w.get(0).compareTo(new BigDecimal("0.5")));
        assertEquals(
                0,
                w.stream()
                                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                                        .subtract(BigDecimal.ONE)
                                        .abs()
                                        .compareTo(new BigDecimal("1e-20"))
                                < 0
                        ? 0
                        : 1);
    }

    @Test
    void minKindsRequiresIndependentFamilies() {
        AggregationPolicy twoKinds = AggregationPolicy.builder().minKinds(2).build();
        List<Quote> sameKind = List.of(quote("cg1", "3000", "3"), quote("cg2", "3000", "3"));
        assertEquals(
                Failure.NO_QUORUM,
                assertThrows(
                                PriceUnavailableException.class,
                                () -> Aggregation.aggregate(WETH, sameKind, List.of(), 2, twoKinds, NOW))
                        .failure());
        List<Quote> mixed = List.of(
                quote("cg", "3000", "3"), quote("cl", SourceKind.PUSH_ORACLE, "3000", "3", Duration.ofSeconds(1)));
        assertEquals(
                2,
                Aggregation.aggregate(WETH, mixed, List.of(), 2, twoKinds, NOW)
                        .included()
                        .size());
    }

    @Test
    void futureObservationsAreInvalid() {
        List<Quote> quotes = List.of(
                quote("a", "3000", "3"),
                quote("b", "3000", "3"),
                quote("c", SourceKind.AGGREGATOR_API, "3000", "3", Duration.ofMinutes(-10)));
        AggregatedPrice p = Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW);
        assertEquals(ExclusionReason.INVALID, p.excluded().get(0).reason());
    }

    /** The score falls strictly as one source strays beyond its σ (dispersion grows). */
    @Property(tries = 300)
    void scoreStrictlyDecreasesWithDispersionBeyondSigma(@ForAll @IntRange(min = 1, max = 40) int step) {
        BigDecimal d1 = new BigDecimal(step).multiply(new BigDecimal("0.5"));
        BigDecimal d2 = d1.add(new BigDecimal("0.5"));
        double s1 = scoreWithStray(new BigDecimal("3").add(d1));
        double s2 = scoreWithStray(new BigDecimal("3").add(d2));
        assertTrue(s2 < s1, "score " + s2 + " at " + d2 + " not below " + s1 + " at " + d1);
    }

    private static double scoreWithStray(BigDecimal offset) {
        List<Quote> quotes = List.of(
                quote("a", "3000", "3"),
                quote("b", "3000", "3"),
                quote("c", new BigDecimal("3000").add(offset).toPlainString(), "3"));
        return Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW).score();
    }

    /** The score falls strictly as σ grows beyond the precision tolerance, and is 1 within it. */
    @Property(tries = 300)
    void scoreStrictlyDecreasesWithSigmaBeyondTolerance(@ForAll @IntRange(min = 60, max = 600) int sigma) {
        double s1 = scoreWithSigma(sigma);
        double s2 = scoreWithSigma(sigma + 1);
        assertTrue(s2 < s1, "score " + s2 + " at σ " + (sigma + 1) + " not below " + s1);
        assertEquals(1.0, scoreWithSigma(10));
    }

    private static double scoreWithSigma(int sigma) {
        String s = Integer.toString(sigma);
        List<Quote> quotes = List.of(quote("a", "3000", s), quote("b", "3000", s), quote("c", "3000", s));
        return Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW).score();
    }

    /** Every aggregate's score lies in [0, 1] and the value lies within the included quotes' range. */
    @Property(tries = 500)
    void valueWithinIncludedRangeAndScoreInUnitInterval(
            @ForAll @IntRange(min = 2900, max = 3100) int a,
            @ForAll @IntRange(min = 2900, max = 3100) int b,
            @ForAll @IntRange(min = 2900, max = 3100) int c,
            @ForAll @IntRange(min = 1, max = 50) int sigma) {
        List<Quote> quotes = List.of(
                quote("a", Integer.toString(a), Integer.toString(sigma)),
                quote("b", Integer.toString(b), "3"),
                quote("c", Integer.toString(c), "7"));
        AggregatedPrice p = Aggregation.aggregate(WETH, quotes, List.of(), 3, POLICY, NOW);
        BigDecimal min = p.included().stream()
                .map(Quote::price)
                .min(BigDecimal::compareTo)
                .orElseThrow();
        BigDecimal max = p.included().stream()
                .map(Quote::price)
                .max(BigDecimal::compareTo)
                .orElseThrow();
        assertTrue(p.value().compareTo(min) >= 0 && p.value().compareTo(max) <= 0);
        assertTrue(p.score() > 0 && p.score() <= 1);
        assertEquals(3, p.included().size() + p.excluded().size());
    }
}
