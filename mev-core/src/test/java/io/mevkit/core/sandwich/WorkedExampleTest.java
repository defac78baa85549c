package io.mevkit.core.sandwich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.Address;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The derived worked example of the research fixtures, reproduced to the wei by the public API. */
class WorkedExampleTest {
    static final Address WETH = Address.of("0x" + "c0".repeat(20));
    static final Address TOKEN = Address.of("0x" + "d0".repeat(20));
    static final Address PAIR = Address.of("0x" + "aa".repeat(20));
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final Address ROUTER = Address.of("0x" + "22".repeat(20));

    static JsonNode fixture;
    static BigInteger x;
    static BigInteger y;
    static BigInteger v;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WorkedExampleTest.class.getResourceAsStream("v2-sandwich-worked-example.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        x = big("reserveX");
        y = big("reserveY");
        v = big("victimIn");
    }

    static BigInteger big(String field) {
        return new BigInteger(fixture.path(field).asText());
    }

    @Test
    void quoteAndMinimumMatch() {
        BigInteger quote = V2Math.getAmountOut(v, x, y, V2Fee.UNISWAP);
        assertEquals(big("victimQuoteOut"), quote);
        int bps = fixture.path("victimMinOut_slippage_bps").asInt();
        assertEquals(
                big("victimMinOut"),
                quote.multiply(BigInteger.valueOf(10_000 - bps)).divide(BigInteger.valueOf(10_000)));
    }

    @Test
    void boundAndEveryLegMatchToTheWei() {
        BigInteger m = big("victimMinOut");
        BigInteger aMax = V2Sandwich.maxFrontRun(x, y, v, m, V2Fee.UNISWAP);
        assertEquals(big("frontRunIn_aMax"), aMax);
        assertEquals(big("frontRunOut"), V2Math.getAmountOut(aMax, x, y, V2Fee.UNISWAP));
        assertEquals(big("victimOut"), V2Sandwich.victimOutput(aMax, x, y, v, V2Fee.UNISWAP));
        assertEquals(
                big("victimOut_if_aMax_plus_1"),
                V2Sandwich.victimOutput(aMax.add(BigInteger.ONE), x, y, v, V2Fee.UNISWAP));
        assertEquals(big("grossProfit"), V2Sandwich.grossProfit(aMax, x, y, v, V2Fee.UNISWAP));
        assertEquals(big("backRunOut"), big("grossProfit").add(aMax));
    }

    @Test
    void otherSlippagesMatch() {
        BigInteger quote = big("victimQuoteOut");
        for (JsonNode other : fixture.path("other_slippages")) {
            int bps = other.path("bps").asInt();
            BigInteger m = quote.multiply(BigInteger.valueOf(10_000 - bps)).divide(BigInteger.valueOf(10_000));
            BigInteger a = V2Sandwich.maxFrontRun(x, y, v, m, V2Fee.UNISWAP);
            assertEquals(new BigInteger(other.path("frontRunIn").asText()), a, bps + " bps");
            assertEquals(
                    new BigInteger(other.path("grossProfit").asText()),
                    V2Sandwich.grossProfit(a, x, y, v, V2Fee.UNISWAP),
                    bps + " bps");
        }
    }

    @Test
    void profitIsNotMonotoneAsTheFixtureSays() {
        BigInteger eth = BigInteger.TEN.pow(18);
        // P(100 ETH) = 0.4479, P(200) = 0.4866, P(500) = 0.4698 ETH (four decimals, truncated)
        assertEquals(4479, profitE4(eth.multiply(BigInteger.valueOf(100))));
        assertEquals(4865, profitE4(eth.multiply(BigInteger.valueOf(200))));
        assertEquals(4698, profitE4(eth.multiply(BigInteger.valueOf(500))));
    }

    private static long profitE4(BigInteger a) {
        return V2Sandwich.grossProfit(a, x, y, v, V2Fee.UNISWAP)
                .divide(BigInteger.TEN.pow(14))
                .longValueExact();
    }

    @Test
    void sizerPlansTheWorkedExample() {
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class,
                SandwichSizer.defaults().size(request(big("victimMinOut"), BigInteger.TEN.pow(24))));
        assertEquals(big("frontRunIn_aMax"), plan.frontRunIn());
        assertEquals(big("frontRunOut"), plan.frontRunOut());
        assertEquals(plan.frontRunOut(), plan.frontRunMinOut());
        assertEquals(List.of(v, big("victimOut")), plan.victimAmounts());
        assertEquals(big("backRunOut"), plan.backRunOut());
        assertEquals(big("grossProfit"), plan.grossProfit());
        assertEquals(SizeLimit.SLIPPAGE_BOUND, plan.limit());
        assertEquals(BigInteger.ZERO, plan.optimalityGap());
        // gas 110k + 100k at 10 gwei base fee, 1 gwei tip
        BigInteger gasCost = BigInteger.valueOf(210_000).multiply(BigInteger.valueOf(10_000_000_000L));
        BigInteger bribe = BigInteger.valueOf(210_000).multiply(BigInteger.valueOf(1_000_000_000L));
        assertEquals(gasCost, plan.gasCost());
        assertEquals(bribe, plan.builderPayment());
        assertEquals(big("grossProfit").subtract(gasCost).subtract(bribe), plan.netProfitWei());
        assertEquals(plan.frontRunIn().add(gasCost).add(bribe), plan.backRunMinOut());
        assertTrue(plan.backRunMinOut().compareTo(plan.backRunOut()) < 0);
    }

    @Test
    void withoutABoundTheSizeIsTheIntegerProfitPeakNear233Eth() {
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class, SandwichSizer.defaults().size(request(BigInteger.ONE, BigInteger.TEN.pow(24))));
        assertEquals(SizeLimit.PROFIT_PEAK, plan.limit());
        assertEquals(BigInteger.ZERO, plan.optimalityGap());
        BigInteger eth = BigInteger.TEN.pow(18);
        // "peak ≈ 0.4877 at a ≈ 233 ETH": the exact integer peak rounds to 233 ETH
        assertEquals(
                233,
                plan.frontRunIn().add(eth.shiftRight(1)).divide(eth).longValueExact(),
                plan.frontRunIn().toString());
        assertEquals(4876, plan.grossProfit().divide(BigInteger.TEN.pow(14)).longValueExact());
        // a local check of the peak; the exhaustive and random checks are in the property tests
        BigInteger a = plan.frontRunIn();
        BigInteger p = plan.grossProfit();
        for (long delta : new long[] {1, 2, 1_000, 1_000_000_000L, 1_000_000_000_000_000L}) {
            BigInteger d = BigInteger.valueOf(delta);
            assertTrue(p.compareTo(V2Sandwich.grossProfit(a.add(d), x, y, v, V2Fee.UNISWAP)) >= 0, "+" + delta);
            assertTrue(p.compareTo(V2Sandwich.grossProfit(a.subtract(d), x, y, v, V2Fee.UNISWAP)) >= 0, "-" + delta);
        }
    }

    static SandwichRequest request(BigInteger minOut, BigInteger capital) {
        VictimSwap victim = new VictimSwap(
                RouterDialect.UNISWAP_V2_ROUTER02,
                ROUTER,
                "swapExactTokensForTokens",
                SwapKind.EXACT_INPUT,
                List.of(WETH, TOKEN),
                v,
                minOut,
                USER,
                Optional.of(BigInteger.valueOf(2_000_000_000L)),
                false,
                false,
                false);
        V2Pool pool = V2Pool.of(PAIR, WETH, x, TOKEN, y, V2Fee.UNISWAP, 100);
        return SandwichRequest.builder()
                .victim(victim)
                .pools(List.of(pool))
                .capital(WETH, capital)
                .wrappedNative(WETH)
                .legGas(new LegGas(110_000, 100_000))
                .baseFee(BigInteger.valueOf(10_000_000_000L))
                .tip(BigInteger.valueOf(1_000_000_000L))
                .headBlock(100)
                .targetTimestamp(1_700_000_000L)
                .build();
    }
}
