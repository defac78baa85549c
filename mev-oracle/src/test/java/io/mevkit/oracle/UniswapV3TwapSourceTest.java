package io.mevkit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class UniswapV3TwapSourceTest {
    static final Address USDC = Address.of("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48");
    static final Address WETH = Address.of("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");

    @Test
    void theDocumentedObserveResultGivesTheDocumentedMeanTickAndPrice() {
        BigInteger[] cumulatives = {new BigInteger("19123103575012"), new BigInteger("19123456789012")};
        int tick = UniswapV3TwapSource.meanTick(cumulatives, 1800);
        assertEquals(196230, tick);
        // WETH (token1, 18 decimals) in USDC (token0, 6 decimals)
        BigInteger usdcRaw = UniswapV3TwapSource.quoteAtTick(tick, BigInteger.TEN.pow(18), WETH, USDC);
        BigDecimal price = new BigDecimal(usdcRaw, 6);
        assertTrue(
                price.compareTo(new BigDecimal("3007")) > 0 && price.compareTo(new BigDecimal("3009")) < 0,
                price.toPlainString());
    }

    @Test
    void negativeMeansRoundTowardNegativeInfinity() {
        BigInteger[] cumulatives = {BigInteger.ZERO, BigInteger.valueOf(-12601)};
        assertEquals(-8, UniswapV3TwapSource.meanTick(cumulatives, 1800));
        assertEquals(
                -7, UniswapV3TwapSource.meanTick(new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(-12600)}, 1800));
    }

    /** The mean tick is the floor of the average, like OracleLibrary.consult, for any window. */
    @Property(tries = 2000)
    void meanTickIsTheFlooredAverage(
            @ForAll @IntRange(min = -887272, max = 887272) int average,
            @ForAll @IntRange(min = 1, max = 100_000) int window,
            @ForAll @IntRange(min = 0, max = 99_999) int remainder) {
        long delta = (long) average * window + remainder % window;
        int tick = UniswapV3TwapSource.meanTick(
                new BigInteger[] {BigInteger.valueOf(12345), BigInteger.valueOf(12345 + delta)}, window);
        assertEquals(Math.floorDiv(delta, window), tick);
    }

    /** Both of getQuoteAtTick's paths (ratio below and above 2^128) against plain integer arithmetic. */
    @Property(tries = 3000)
    void quoteAtTickFollowsOracleLibrary(
            @ForAll @IntRange(min = -887272, max = 887272) int tick,
            @ForAll @IntRange(min = 0, max = 30) int decimals) {
        BigInteger base = BigInteger.TEN.pow(decimals);
        BigInteger sqrt = TickMath.getSqrtRatioAtTick(tick);
        BigInteger expected0;
        BigInteger expected1;
        if (sqrt.bitLength() <= 128) {
            BigInteger ratioX192 = sqrt.multiply(sqrt);
            expected0 = ratioX192.multiply(base).shiftRight(192);
            expected1 = BigInteger.ONE.shiftLeft(192).multiply(base).divide(ratioX192);
        } else {
            BigInteger ratioX128 = sqrt.multiply(sqrt).shiftRight(64);
            expected0 = ratioX128.multiply(base).shiftRight(128);
            expected1 = BigInteger.ONE.shiftLeft(128).multiply(base).divide(ratioX128);
        }
        assertEquals(expected0, UniswapV3TwapSource.quoteAtTick(tick, base, USDC, WETH));
        assertEquals(expected1, UniswapV3TwapSource.quoteAtTick(tick, base, WETH, USDC));
    }
}
