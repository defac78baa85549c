package io.mevkit.core.sandwich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandwichSizerTest {
    static final Address WETH = Address.of("0x" + "c0".repeat(20));
    static final Address USDC = Address.of("0x" + "a0".repeat(20));
    static final Address DAI = Address.of("0x" + "d0".repeat(20));
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final Address ROUTER = Address.of("0x" + "22".repeat(20));
    static final Address P1 = Address.of("0x" + "e1".repeat(20));
    static final Address P2 = Address.of("0x" + "e2".repeat(20));
    static final BigInteger ETH = BigInteger.TEN.pow(18);
    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    static BigInteger eth(long n) {
        return ETH.multiply(BigInteger.valueOf(n));
    }

    static BigInteger usdc(long n) {
        return BigInteger.TEN.pow(6).multiply(BigInteger.valueOf(n));
    }

    /** 1 000 ETH against 3 000 000 USDC. */
    static final V2Pool WETH_USDC = V2Pool.of(P1, WETH, eth(1_000), USDC, usdc(3_000_000), V2Fee.UNISWAP, 10);
    /** 3 000 000 USDC against 3 000 000 DAI. */
    static final V2Pool USDC_DAI = V2Pool.of(P2, USDC, usdc(3_000_000), DAI, eth(3_000_000), V2Fee.UNISWAP, 10);

    static VictimSwap exactIn(List<Address> path, BigInteger in, BigInteger minOut) {
        return new VictimSwap(
                RouterDialect.UNISWAP_V2_ROUTER02,
                ROUTER,
                "swapExactTokensForTokens",
                SwapKind.EXACT_INPUT,
                path,
                in,
                minOut,
                USER,
                Optional.of(BigInteger.valueOf(2_000)),
                false,
                false,
                false);
    }

    static VictimSwap exactOut(List<Address> path, BigInteger out, BigInteger maxIn) {
        return new VictimSwap(
                RouterDialect.UNISWAP_V2_ROUTER02,
                ROUTER,
                "swapTokensForExactTokens",
                SwapKind.EXACT_OUTPUT,
                path,
                maxIn,
                out,
                USER,
                Optional.of(BigInteger.valueOf(2_000)),
                false,
                false,
                false);
    }

    static BigInteger withSlippage(BigInteger quote, long bps) {
        return quote.multiply(BigInteger.valueOf(10_000 - bps)).divide(BigInteger.valueOf(10_000));
    }

    static SandwichRequest.Builder request(VictimSwap victim, List<V2Pool> pools) {
        return SandwichRequest.builder()
                .victim(victim)
                .pools(pools)
                .capital(WETH, eth(10_000))
                .wrappedNative(WETH)
                .legGas(new LegGas(120_000, 110_000))
                .baseFee(GWEI.multiply(BigInteger.valueOf(20)))
                .tip(GWEI)
                .headBlock(10)
                .targetTimestamp(1_000);
    }

    static final SandwichSizer SIZER = SandwichSizer.defaults();

    VictimSwap bigBuy(long bps) {
        BigInteger quote = V2Math.getAmountOut(eth(20), eth(1_000), usdc(3_000_000), V2Fee.UNISWAP);
        return exactIn(List.of(WETH, USDC), eth(20), withSlippage(quote, bps));
    }

    @Test
    void aProfitableVictimGetsAnExactPlan() {
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class,
                SIZER.size(request(bigBuy(100), List.of(WETH_USDC)).build()));
        assertEquals(SizeLimit.SLIPPAGE_BOUND, plan.limit());
        BigInteger a = plan.frontRunIn();
        // the size is the first input buying what the bound buys: one unit less buys less, the bound buys the same
        assertTrue(a.compareTo(plan.maxFrontRun()) <= 0);
        assertEquals(WETH_USDC.amountOut(WETH, plan.maxFrontRun()), plan.frontRunOut());
        assertTrue(WETH_USDC.amountOut(WETH, a.subtract(BigInteger.ONE)).compareTo(plan.frontRunOut()) < 0);
        // replay the three swaps with the library math on the evolving pool
        V2Pool afterFront = WETH_USDC.afterSwap(WETH, a, plan.frontRunOut());
        assertEquals(WETH_USDC.amountOut(WETH, a), plan.frontRunOut());
        BigInteger victimOut = afterFront.amountOut(WETH, eth(20));
        assertEquals(List.of(eth(20), victimOut), plan.victimAmounts());
        assertTrue(victimOut.compareTo(plan.victim().amountOut()) >= 0);
        V2Pool afterVictim = afterFront.afterSwap(WETH, eth(20), victimOut);
        assertEquals(afterVictim.amountOut(USDC, plan.frontRunOut()), plan.backRunOut());
        assertEquals(plan.backRunOut().subtract(a), plan.grossProfit());
        // one unit more than the bound and the victim's output falls below its minimum
        BigInteger a1 = plan.maxFrontRun().add(BigInteger.ONE);
        V2Pool afterBigger = WETH_USDC.afterSwap(WETH, a1, WETH_USDC.amountOut(WETH, a1));
        assertTrue(afterBigger.amountOut(WETH, eth(20)).compareTo(plan.victim().amountOut()) < 0);
        assertEquals(BigInteger.valueOf(230_000).multiply(GWEI.multiply(BigInteger.valueOf(20))), plan.gasCost());
        assertEquals(BigInteger.valueOf(230_000).multiply(GWEI), plan.builderPayment());
        assertEquals(plan.grossProfit().subtract(plan.gasCost()).subtract(plan.builderPayment()), plan.netProfitWei());
        assertEquals(a.add(plan.gasCost()).add(plan.builderPayment()), plan.backRunMinOut());
    }

    @Test
    void multiHopExactInputSandwichesTheCapitalHopAtItsExactBound() {
        // USDC -> WETH -> DAI is not ours to front-run at hop 0 (we hold WETH); hop 1 is WETH -> DAI via a WETH/DAI
        // pair
        V2Pool wethDai = V2Pool.of(P2, WETH, eth(1_000), DAI, eth(3_000_000), V2Fee.UNISWAP, 10);
        List<V2Pool> pools = List.of(WETH_USDC, wethDai);
        List<Address> path = List.of(USDC, WETH, DAI);
        BigInteger quote = V2Math.getAmountsOut(usdc(60_000), path, pools).get(2);
        VictimSwap victim = exactIn(path, usdc(60_000), withSlippage(quote, 50));
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class, SIZER.size(request(victim, pools).build()));
        assertEquals(1, plan.hopIndex());
        BigInteger a = plan.frontRunIn();
        List<V2Pool> after = List.of(WETH_USDC, wethDai.afterSwap(WETH, a, plan.frontRunOut()));
        assertEquals(V2Math.getAmountsOut(usdc(60_000), path, after), plan.victimAmounts());
        assertTrue(plan.victimAmounts().get(2).compareTo(victim.amountOut()) >= 0);
        BigInteger a1 = plan.maxFrontRun().add(BigInteger.ONE);
        List<V2Pool> afterBigger = List.of(WETH_USDC, wethDai.afterSwap(WETH, a1, wethDai.amountOut(WETH, a1)));
        assertTrue(V2Math.getAmountsOut(usdc(60_000), path, afterBigger).get(2).compareTo(victim.amountOut()) < 0);
    }

    @Test
    void multiHopWhereTheSandwichedHopIsNotTheLastFindsTheIntermediateBoundExactly() {
        List<V2Pool> pools = List.of(WETH_USDC, USDC_DAI);
        List<Address> path = List.of(WETH, USDC, DAI);
        BigInteger quote = V2Math.getAmountsOut(eth(20), path, pools).get(2);
        VictimSwap victim = exactIn(path, eth(20), withSlippage(quote, 30));
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class, SIZER.size(request(victim, pools).build()));
        assertEquals(0, plan.hopIndex());
        for (long delta : new long[] {0, 1}) {
            BigInteger a = plan.maxFrontRun().add(BigInteger.valueOf(delta));
            List<V2Pool> after = List.of(WETH_USDC.afterSwap(WETH, a, WETH_USDC.amountOut(WETH, a)), USDC_DAI);
            BigInteger finalOut = V2Math.getAmountsOut(eth(20), path, after).get(2);
            assertEquals(delta == 0, finalOut.compareTo(victim.amountOut()) >= 0, "delta " + delta);
        }
    }

    @Test
    void exactOutputVictimIsBoundByItsMaximumInput() {
        BigInteger out = usdc(50_000);
        BigInteger needed = V2Math.getAmountIn(out, eth(1_000), usdc(3_000_000), V2Fee.UNISWAP);
        VictimSwap victim = exactOut(List.of(WETH, USDC), out, needed.add(needed.divide(BigInteger.valueOf(100))));
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class,
                SIZER.size(request(victim, List.of(WETH_USDC)).build()));
        BigInteger a = plan.frontRunIn();
        V2Pool afterFront = WETH_USDC.afterSwap(WETH, a, plan.frontRunOut());
        assertEquals(List.of(afterFront.amountIn(USDC, out), out), plan.victimAmounts());
        assertTrue(plan.victimAmounts().get(0).compareTo(victim.amountIn()) <= 0);
        BigInteger a1 = plan.maxFrontRun().add(BigInteger.ONE);
        V2Pool afterBigger = WETH_USDC.afterSwap(WETH, a1, WETH_USDC.amountOut(WETH, a1));
        assertTrue(afterBigger.amountIn(USDC, out).compareTo(victim.amountIn()) > 0);
    }

    @Test
    void aNonNativeCapitalNeedsAnExactPrice() {
        BigInteger quote = V2Math.getAmountOut(usdc(60_000), usdc(3_000_000), eth(1_000), V2Fee.UNISWAP);
        VictimSwap victim = exactIn(List.of(USDC, WETH), usdc(60_000), withSlippage(quote, 100));
        SandwichRequest.Builder b = request(victim, List.of(WETH_USDC)).capital(USDC, usdc(10_000_000));
        assertEquals(new NoSandwich.NoPrice(USDC), SIZER.size(b.build()));
        // 1 USDC unit (1e-6 USDC) = 1/3000 ETH / 1e6 = 1e18 / 3e9 wei
        ExactPrice price = new ExactPrice(ETH, BigInteger.valueOf(3_000_000_000L));
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class, SIZER.size(b.capitalTokenPrice(price).build()));
        BigInteger costs = plan.gasCost().add(plan.builderPayment());
        assertEquals(
                plan.grossProfit()
                        .multiply(ETH)
                        .divide(BigInteger.valueOf(3_000_000_000L))
                        .subtract(costs),
                plan.netProfitWei());
        BigInteger costsInUsdc = plan.backRunMinOut().subtract(plan.frontRunIn());
        assertTrue(price.toWeiFloor(costsInUsdc).compareTo(costs) >= 0
                || costsInUsdc.multiply(ETH).compareTo(costs.multiply(BigInteger.valueOf(3_000_000_000L))) >= 0);
        assertTrue(
                costsInUsdc
                                .subtract(BigInteger.ONE)
                                .multiply(ETH)
                                .compareTo(costs.multiply(BigInteger.valueOf(3_000_000_000L)))
                        < 0,
                "rounded up by less than one unit");
        assertTrue(plan.backRunMinOut().compareTo(plan.backRunOut()) <= 0);
    }

    @Test
    void typedReasons() {
        VictimSwap good = bigBuy(100);
        assertInstanceOf(
                NoSandwich.FeeOnTransferToken.class,
                SIZER.size(request(
                                new VictimSwap(
                                        RouterDialect.UNISWAP_V2_ROUTER02,
                                        ROUTER,
                                        "swapExactTokensForTokensSupportingFeeOnTransferTokens",
                                        SwapKind.EXACT_INPUT,
                                        good.path(),
                                        good.amountIn(),
                                        good.amountOut(),
                                        USER,
                                        good.deadline(),
                                        true,
                                        false,
                                        false),
                                List.of(WETH_USDC))
                        .build()));
        assertEquals(
                new NoSandwich.FeeOnTransferToken(Optional.of(USDC), "listed as taking a fee on transfer"),
                SIZER.size(request(good, List.of(WETH_USDC))
                        .feeOnTransferTokens(Set.of(USDC))
                        .build()));
        assertEquals(
                new NoSandwich.DeadlinePassed(BigInteger.valueOf(2_000), 2_001),
                SIZER.size(
                        request(good, List.of(WETH_USDC)).targetTimestamp(2_001).build()));
        assertEquals(
                new NoSandwich.StalePoolState(P1, 10, 12, 1),
                SandwichSizer.builder()
                        .maxPoolAgeBlocks(1)
                        .build()
                        .size(request(good, List.of(WETH_USDC)).headBlock(12).build()));
        assertInstanceOf(
                NoSandwich.UnsupportedVictim.class,
                SIZER.size(request(
                                exactIn(List.of(WETH, USDC, WETH), eth(1), BigInteger.ONE),
                                List.of(WETH_USDC, WETH_USDC))
                        .build()));
        assertEquals(
                new NoSandwich.NoCapitalHop(WETH),
                SIZER.size(request(exactIn(List.of(USDC, WETH), usdc(100), BigInteger.ONE), List.of(WETH_USDC))
                        .build()));
        assertInstanceOf(
                NoSandwich.InsufficientLiquidity.class,
                SandwichSizer.builder()
                        .minCapitalReserve(eth(5_000))
                        .build()
                        .size(request(good, List.of(WETH_USDC)).build()));
        NoSandwich impact = assertInstanceOf(
                NoSandwich.InsufficientLiquidity.class,
                SandwichSizer.builder()
                        .maxPriceImpactBps(10)
                        .build()
                        .size(request(good, List.of(WETH_USDC)).build()));
        assertTrue(((NoSandwich.InsufficientLiquidity) impact).detail().contains("bps"));

        BigInteger quote = V2Math.getAmountOut(eth(20), eth(1_000), usdc(3_000_000), V2Fee.UNISWAP);
        // a victim whose minimum is its quote, in a pool where even a one-wei front-run costs it a unit of output
        V2Pool cheap = V2Pool.of(P1, WETH, eth(100), DAI, eth(200_000), V2Fee.UNISWAP, 10);
        BigInteger v = null;
        for (long n = 1; n <= 1_000 && v == null; n++) {
            BigInteger candidate = ETH.add(BigInteger.valueOf(n));
            BigInteger q = cheap.amountOut(WETH, candidate);
            if (V2Sandwich.victimOutput(BigInteger.ONE, eth(100), eth(200_000), candidate, V2Fee.UNISWAP)
                            .compareTo(q)
                    < 0) {
                v = candidate;
            }
        }
        assertTrue(v != null, "such a victim exists within 1000 tries");
        NoSandwich.NoSlippageRoom exact = assertInstanceOf(
                NoSandwich.NoSlippageRoom.class,
                SIZER.size(request(exactIn(List.of(WETH, DAI), v, cheap.amountOut(WETH, v)), List.of(cheap))
                        .build()));
        assertEquals(BigInteger.ZERO, exact.maxFrontRun());
        NoSandwich.NoSlippageRoom fails = assertInstanceOf(
                NoSandwich.NoSlippageRoom.class,
                SIZER.size(request(exactIn(List.of(WETH, USDC), eth(20), quote.add(BigInteger.ONE)), List.of(WETH_USDC))
                        .build()));
        assertEquals(BigInteger.ONE.negate(), fails.maxFrontRun());

        NoSandwich.UnprofitableAfterGas gas = assertInstanceOf(
                NoSandwich.UnprofitableAfterGas.class,
                SIZER.size(request(bigBuy(1), List.of(WETH_USDC))
                        .baseFee(GWEI.multiply(BigInteger.valueOf(100_000)))
                        .build()));
        assertTrue(gas.grossProfit().signum() > 0 && gas.grossProfit().compareTo(gas.gasCost()) < 0);

        NoSandwich.CapitalTooSmall small = assertInstanceOf(
                NoSandwich.CapitalTooSmall.class,
                SIZER.size(request(good, List.of(WETH_USDC)).capital(WETH, GWEI).build()));
        assertEquals(GWEI, small.capital());
        assertTrue(small.profitableSize().compareTo(GWEI) > 0);
        for (NoSandwich.Kind kind : NoSandwich.Kind.values()) {
            assertFalse(kind.name().isBlank());
        }
    }

    @Test
    void capitalBelowTheBoundLimitsTheSize() {
        SandwichPlan plan = assertInstanceOf(
                SandwichPlan.class,
                SIZER.size(request(bigBuy(300), List.of(WETH_USDC))
                        .capital(WETH, eth(3))
                        .build()));
        assertEquals(SizeLimit.CAPITAL, plan.limit());
        assertTrue(plan.frontRunIn().compareTo(eth(3)) <= 0);
        assertTrue(plan.maxFrontRun().compareTo(eth(3)) > 0);
    }

    @Test
    void requestsAreValidatedAtBuild() {
        ValidationException e = assertThrows(ValidationException.class, () -> request(bigBuy(100), List.of(USDC_DAI))
                .build());
        assertEquals("pools[0]", e.field());
        assertEquals(
                "victim",
                assertThrows(ValidationException.class, () -> SandwichRequest.builder()
                                .build())
                        .field());
        assertEquals(
                "pools[0].blockNumber",
                assertThrows(ValidationException.class, () -> request(bigBuy(100), List.of(WETH_USDC))
                                .headBlock(9)
                                .build())
                        .field());
        assertEquals(
                "legGas.frontRun",
                assertThrows(ValidationException.class, () -> new LegGas(0, 1)).field());
        assertEquals(
                "peakSearchBudget",
                assertThrows(ValidationException.class, () -> SandwichSizer.builder()
                                .peakSearchBudget(0))
                        .field());
    }
}
