package io.mevkit.core.sandwich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3RevertException;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The V3 sizer against a reference built only from {@link V3SwapSimulator}: the bound is exact (one more unit breaks
 * the victim), the size's profit beats size ± 1 and random sizes, the accounting adds up, and every reason is typed.
 */
class V3SandwichSizerTest {
    static final Address WETH = Address.of("0x" + "c0".repeat(20)); // token1 of the test pools (c0.. > 0b..)
    static final Address TOKEN = Address.of("0x" + "0b".repeat(20)); // token0
    static final Address OTHER = Address.of("0x" + "ee".repeat(20));
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final BigInteger E18 = BigInteger.TEN.pow(18);

    /** A 0.3 % pool around price 1 with overlapping and disjoint positions. */
    static V3PoolState pool(long block) {
        return V3PoolState.builder()
                .address(Address.of("0x" + "aa".repeat(20)))
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(37))
                .fee(3000)
                .blockNumber(block)
                .position(-600, 600, E18.multiply(BigInteger.valueOf(2000)))
                .position(-120, 180, E18.multiply(BigInteger.valueOf(1500)))
                .position(60, 900, E18.multiply(BigInteger.valueOf(800)))
                .position(-1800, -600, E18.multiply(BigInteger.valueOf(3000)))
                .position(240, 300, E18.multiply(BigInteger.valueOf(5000)))
                .build();
    }

    /** The victim buys TOKEN with WETH (oneForZero in the pool) with {@code bps} slippage on its own quote. */
    static V3VictimSwap victim(V3PoolState pool, BigInteger amountIn, int bps) {
        BigInteger quote = V3SwapSimulator.exactInput(pool, false, amountIn).amountOut();
        BigInteger min = quote.multiply(BigInteger.valueOf(10_000 - bps)).divide(BigInteger.valueOf(10_000));
        return new V3VictimSwap(
                V3Router.SWAP_ROUTER_02,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(WETH, 3000, TOKEN)),
                USER,
                amountIn,
                min,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
    }

    static V3SandwichRequest.Builder request(V3VictimSwap victim, List<V3PoolState> pools) {
        return V3SandwichRequest.builder()
                .victim(victim)
                .pools(pools)
                .capital(WETH, E18.multiply(BigInteger.valueOf(1000)))
                .wrappedNative(WETH)
                .legGas(new LegGas(120_000, 110_000))
                .baseFee(BigInteger.valueOf(20_000_000_000L))
                .tip(BigInteger.valueOf(1_000_000_000L))
                .headBlock(7)
                .targetTimestamp(1_700_000_000L);
    }

    @Test
    void sizesAnExactInputVictimToItsExactBound() {
        V3PoolState pool = pool(7);
        V3VictimSwap victim = victim(pool, E18.multiply(BigInteger.valueOf(40)), 100);
        V3SandwichPlan plan = assertInstanceOf(
                V3SandwichPlan.class,
                V3SandwichSizer.defaults().size(request(victim, List.of(pool)).build()));

        // the bound, independently: victim whole at the bound, short of its minimum one unit later
        assertTrue(victimOut(pool, victim, plan.maxFrontRun()).compareTo(victim.limitAmount()) >= 0);
        assertTrue(
                victimOut(pool, victim, plan.maxFrontRun().add(BigInteger.ONE)).compareTo(victim.limitAmount()) < 0);
        assertTrue(plan.frontRunIn().compareTo(plan.maxFrontRun()) <= 0);

        // every leg, independently
        V3SwapResult front = V3SwapSimulator.exactInput(pool, false, plan.frontRunIn());
        V3SwapResult v = V3SwapSimulator.exactInput(front.poolAfter(), false, victim.amount());
        V3SwapResult back = V3SwapSimulator.exactInput(v.poolAfter(), true, front.amountOut());
        assertEquals(front.amountOut(), plan.frontRunOut());
        assertEquals(plan.frontRunOut(), plan.frontRunMinOut());
        assertEquals(List.of(victim.amount(), v.amountOut()), plan.victimAmounts());
        assertEquals(back.amountOut(), plan.backRunOut());
        assertEquals(back.amountOut().subtract(plan.frontRunIn()), plan.grossProfit());
        assertEquals(back.sqrtPriceX96After(), plan.backRun().sqrtPriceX96After());
        assertTrue(plan.victimHop().ticksCrossed() + plan.frontRun().ticksCrossed() > 0, "the legs cross ticks");

        // accounting as for V2
        BigInteger gas = BigInteger.valueOf(230_000);
        assertEquals(230_000, plan.gasUsed());
        assertEquals(gas.multiply(BigInteger.valueOf(20_000_000_000L)), plan.gasCost());
        assertEquals(gas.multiply(BigInteger.valueOf(1_000_000_000L)), plan.builderPayment());
        assertEquals(plan.grossProfit().subtract(plan.gasCost()).subtract(plan.builderPayment()), plan.netProfitWei());
        assertEquals(plan.frontRunIn().add(plan.gasCost()).add(plan.builderPayment()), plan.backRunMinOut());
        assertTrue(plan.backRunOut().compareTo(plan.backRunMinOut()) > 0);
        assertEquals(0, plan.hopIndex());
        assertEquals(WETH, plan.tokenIn());
        assertTrue(!plan.zeroForOne());
        assertLocallyOptimal(pool, victim, plan, new SplittableRandom(1));
    }

    @Test
    void sizesAnExactOutputVictim() {
        V3PoolState pool = pool(7);
        BigInteger want = E18.multiply(BigInteger.valueOf(25));
        BigInteger cost = V3SwapSimulator.exactOutput(pool, false, want).amountIn();
        BigInteger max = cost.multiply(BigInteger.valueOf(10_150)).divide(BigInteger.valueOf(10_000));
        V3VictimSwap victim = new V3VictimSwap(
                V3Router.SWAP_ROUTER,
                "exactOutputSingle",
                false,
                List.of(new V3PathHop(WETH, 3000, TOKEN)),
                USER,
                want,
                max,
                BigInteger.ZERO,
                Optional.of(BigInteger.valueOf(1_800_000_000L)),
                List.of());
        V3SandwichPlan plan = assertInstanceOf(
                V3SandwichPlan.class,
                V3SandwichSizer.defaults().size(request(victim, List.of(pool)).build()));
        assertTrue(victimCost(pool, plan.maxFrontRun(), want).compareTo(max) <= 0);
        assertTrue(
                victimCost(pool, plan.maxFrontRun().add(BigInteger.ONE), want).compareTo(max) > 0);
        assertEquals(List.of(victimCost(pool, plan.frontRunIn(), want), want), plan.victimAmounts());
        assertEquals(SizeLimit.SLIPPAGE_BOUND, plan.limit());
    }

    @Test
    void sizesTheFirstHopOfATwoHopVictimAgainstItsFinalMinimum() {
        V3PoolState first = pool(7);
        // second pool TOKEN -> OTHER: TOKEN (0b..) is token0, OTHER (ee..) token1
        V3PoolState second = V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(-200))
                .fee(500)
                .blockNumber(7)
                .position(-2000, 2000, E18.multiply(BigInteger.valueOf(4000)))
                .build();
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(30));
        BigInteger mid = V3SwapSimulator.exactInput(first, false, amountIn).amountOut();
        BigInteger out = V3SwapSimulator.exactInput(second, true, mid).amountOut();
        BigInteger min = out.multiply(BigInteger.valueOf(9_950)).divide(BigInteger.valueOf(10_000));
        V3VictimSwap victim = new V3VictimSwap(
                V3Router.UNIVERSAL_ROUTER,
                "V3_SWAP_EXACT_IN",
                true,
                List.of(new V3PathHop(WETH, 3000, TOKEN), new V3PathHop(TOKEN, 500, OTHER)),
                USER,
                amountIn,
                min,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        V3SandwichPlan plan = assertInstanceOf(
                V3SandwichPlan.class,
                V3SandwichSizer.defaults()
                        .size(request(victim, List.of(first, second)).build()));
        assertEquals(3, plan.victimAmounts().size());
        for (BigInteger a : List.of(plan.maxFrontRun(), plan.maxFrontRun().add(BigInteger.ONE))) {
            V3SwapResult front = V3SwapSimulator.exactInput(first, false, a);
            BigInteger hop = V3SwapSimulator.exactInput(front.poolAfter(), false, amountIn)
                    .amountOut();
            BigInteger fin = V3SwapSimulator.exactInput(second, true, hop).amountOut();
            assertEquals(a.equals(plan.maxFrontRun()), fin.compareTo(min) >= 0, "at " + a);
        }
    }

    @Test
    void everyReasonIsTyped() {
        V3PoolState pool = pool(7);
        V3VictimSwap victim = victim(pool, E18.multiply(BigInteger.valueOf(40)), 100);
        V3SandwichSizer sizer = V3SandwichSizer.defaults();

        // no slippage at all: the only front-runs left are those too small to move the price (their input is taken
        // whole as fee), which gain nothing

        V3PoolState thin = V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(0))
                .fee(3000)
                .blockNumber(7)
                .position(-600, 600, BigInteger.valueOf(1_000_000))
                .build();
        V3VictimSwap tight = victim(thin, BigInteger.valueOf(20_000), 0);
        NoSandwich.UnprofitableAfterGas nothing = assertInstanceOf(
                NoSandwich.UnprofitableAfterGas.class,
                sizer.size(request(tight, List.of(thin)).build()));
        assertEquals(BigInteger.ZERO, nothing.bestSize());
        V3VictimSwap impossible = withMin(victim, victim.limitAmount().multiply(BigInteger.TWO));
        assertEquals(
                BigInteger.ONE.negate(),
                assertInstanceOf(
                                NoSandwich.NoSlippageRoom.class,
                                sizer.size(request(impossible, List.of(pool)).build()))
                        .maxFrontRun());

        assertInstanceOf(
                NoSandwich.UnprofitableAfterGas.class,
                sizer.size(request(victim, List.of(pool))
                        .baseFee(BigInteger.TEN.pow(15))
                        .build()));
        NoSandwich.CapitalTooSmall small = assertInstanceOf(
                NoSandwich.CapitalTooSmall.class,
                sizer.size(request(victim, List.of(pool))
                        .capital(WETH, E18.divide(BigInteger.valueOf(100)))
                        .build()));
        assertTrue(small.profitableSize().compareTo(E18.divide(BigInteger.valueOf(100))) > 0);
        V3VictimSwap late = new V3VictimSwap(
                victim.router(),
                victim.function(),
                true,
                victim.path(),
                USER,
                victim.amount(),
                victim.limitAmount(),
                BigInteger.ZERO,
                Optional.of(BigInteger.valueOf(1_699_999_999L)),
                List.of());
        assertInstanceOf(
                NoSandwich.DeadlinePassed.class,
                sizer.size(request(late, List.of(pool)).build()));
        assertInstanceOf(
                NoSandwich.StalePoolState.class,
                sizer.size(request(victim, List.of(pool(6))).build()));
        assertInstanceOf(
                V3SandwichPlan.class,
                V3SandwichSizer.builder()
                        .maxPoolAgeBlocks(1)
                        .build()
                        .size(request(victim, List.of(pool(6))).build()));
        assertInstanceOf(
                NoSandwich.NoCapitalHop.class,
                sizer.size(request(victim, List.of(pool)).capital(TOKEN, E18).build()));
        V3VictimSwap other = new V3VictimSwap(
                V3Router.SWAP_ROUTER_02,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(TOKEN, 3000, WETH)),
                USER,
                E18,
                BigInteger.ONE,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        assertInstanceOf(
                NoSandwich.NoPrice.class,
                sizer.size(request(other, List.of(pool)).capital(TOKEN, E18).build()));
        assertInstanceOf(
                NoSandwich.FeeOnTransferToken.class,
                sizer.size(request(victim, List.of(pool))
                        .feeOnTransferTokens(Set.of(TOKEN))
                        .build()));
        assertInstanceOf(
                NoSandwich.InsufficientLiquidity.class,
                V3SandwichSizer.builder()
                        .minLiquidity(BigInteger.TEN.pow(40))
                        .build()
                        .size(request(victim, List.of(pool)).build()));
        assertInstanceOf(
                NoSandwich.InsufficientLiquidity.class,
                V3SandwichSizer.builder()
                        .maxPriceImpactBps(1)
                        .build()
                        .size(request(victim, List.of(pool)).build()));
        V3VictimSwap loop = new V3VictimSwap(
                V3Router.UNIVERSAL_ROUTER,
                "V3_SWAP_EXACT_IN",
                true,
                List.of(new V3PathHop(WETH, 3000, TOKEN), new V3PathHop(TOKEN, 3000, WETH)),
                USER,
                E18,
                BigInteger.ONE,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        assertInstanceOf(
                NoSandwich.UnsupportedVictim.class,
                sizer.size(request(loop, List.of(pool, pool)).build()));
        // a token that is not the native one, with an exact price: the profit is valued in wei
        V3SandwichPlan priced = assertInstanceOf(
                V3SandwichPlan.class,
                sizer.size(request(victim, List.of(pool))
                        .wrappedNative(OTHER)
                        .capitalTokenPrice(new ExactPrice(BigInteger.TWO, BigInteger.ONE))
                        .build()));
        assertEquals(
                priced.grossProfit()
                        .multiply(BigInteger.TWO)
                        .subtract(priced.gasCost())
                        .subtract(priced.builderPayment()),
                priced.netProfitWei());
    }

    @Test
    void partialTickDataIsRefusedNotGuessed() {
        V3PoolState full = pool(7);
        V3PoolState.Builder b = V3PoolState.builder()
                .sqrtPriceX96(full.sqrtPriceX96())
                .fee(3000)
                .blockNumber(7)
                .liquidity(full.liquidity())
                .tickDataWords(0, 0);
        for (int t : full.initializedTicks()) {
            if (t >= 0 && t < 256 * 60) {
                b.initializedTick(t, full.liquidityNet(t).orElseThrow());
            }
        }
        V3PoolState partial = b.build();
        // a victim selling TOKEN pushes the price down into word -1, which this state does not hold
        V3VictimSwap seller = new V3VictimSwap(
                V3Router.SWAP_ROUTER_02,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(TOKEN, 3000, WETH)),
                USER,
                E18.multiply(BigInteger.valueOf(200)),
                BigInteger.ONE,
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        NoSandwich.UnsupportedVictim refused = assertInstanceOf(
                NoSandwich.UnsupportedVictim.class,
                V3SandwichSizer.defaults()
                        .size(request(seller, List.of(partial))
                                .capital(TOKEN, E18.multiply(BigInteger.TEN))
                                .capitalTokenPrice(new ExactPrice(BigInteger.ONE, BigInteger.ONE))
                                .build()));
        assertTrue(refused.detail().contains("word"), refused.detail());
    }

    /** Random pools and victims: the bound is exact and the size locally and globally (against samples) best. */
    @Property(tries = 60)
    void boundIsExactAndSizeIsBestOnRandomPools(
            @ForAll @IntRange(min = -3000, max = 3000) int startTick,
            @ForAll @LongRange(min = 1, max = 400) long victimTenths,
            @ForAll @IntRange(min = 5, max = 500) int slippageBps,
            @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        V3PoolState.Builder b = V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(startTick))
                .fee(List.of(500, 3000, 10000).get(random.nextInt(3)))
                .blockNumber(7);
        int spacing = b.build().tickSpacing();
        for (int i = 0; i < 6; i++) {
            int lo = (startTick / spacing - random.nextInt(1, 40)) * spacing;
            int hi = (startTick / spacing + random.nextInt(1, 40)) * spacing;
            b.position(lo, hi, E18.multiply(BigInteger.valueOf(random.nextLong(10, 5000))));
        }
        V3PoolState pool = b.build();
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(victimTenths)).divide(BigInteger.TEN);
        V3VictimSwap base = victim(pool, amountIn, slippageBps);
        V3VictimSwap victim = new V3VictimSwap(
                base.router(),
                base.function(),
                true,
                List.of(new V3PathHop(WETH, pool.fee(), TOKEN)),
                USER,
                amountIn,
                base.limitAmount(),
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        SandwichDecision decision = V3SandwichSizer.defaults()
                .size(request(victim, List.of(pool))
                        .baseFee(BigInteger.ONE)
                        .tip(BigInteger.ZERO)
                        .build());
        if (decision instanceof V3SandwichPlan plan) {
            assertTrue(victimOut(pool, victim, plan.maxFrontRun()).compareTo(victim.limitAmount()) >= 0);
            assertTrue(victimOut(pool, victim, plan.maxFrontRun().add(BigInteger.ONE))
                            .compareTo(victim.limitAmount())
                    < 0);
            assertLocallyOptimal(pool, victim, plan, random);
        } else {
            // only a pool too thin to pay for even 1 wei of gas, or no room at all, may refuse
            assertTrue(
                    decision instanceof NoSandwich.UnprofitableAfterGas
                            || decision instanceof NoSandwich.NoSlippageRoom,
                    decision.toString());
        }
    }

    /**
     * The chosen size earns at least as much as size ± 1 and 200 random sizes up to the bound, among the sizes after
     * which the victim's swap still succeeds (the others are no sandwich at all: at the wei level the victim's output
     * is not monotone where a front-run ends exactly on an initialized tick).
     */
    private static void assertLocallyOptimal(
            V3PoolState pool, V3VictimSwap victim, V3SandwichPlan plan, SplittableRandom random) {
        BigInteger chosen = referenceProfit(pool, victim, plan.frontRunIn());
        assertEquals(plan.grossProfit(), chosen);
        assertTrue(victimOut(pool, victim, plan.frontRunIn()).compareTo(victim.limitAmount()) >= 0);
        BigInteger limit = plan.maxFrontRun().min(E18.multiply(BigInteger.valueOf(1000)));
        List<BigInteger> sizes = new ArrayList<>(List.of(
                plan.frontRunIn().subtract(BigInteger.ONE), plan.frontRunIn().add(BigInteger.ONE)));
        for (int i = 0; i < 200; i++) {
            sizes.add(new BigInteger(limit.bitLength(), new Random(random.nextLong()))
                    .mod(limit)
                    .add(BigInteger.ONE));
        }
        int compared = 0;
        for (BigInteger a : sizes) {
            if (a.signum() > 0
                    && a.compareTo(limit) <= 0
                    && victimOut(pool, victim, a).compareTo(victim.limitAmount()) >= 0) {
                assertTrue(
                        referenceProfit(pool, victim, a).compareTo(chosen) <= 0,
                        "size " + a + " earns more than " + plan.frontRunIn());
                compared++;
            }
        }
        assertTrue(compared >= 150, "only " + compared + " sizes kept the victim whole");
    }

    /** Front-run, victim, back-run on the simulator alone. */
    static BigInteger referenceProfit(V3PoolState pool, V3VictimSwap victim, BigInteger a) {
        V3SwapResult front = V3SwapSimulator.exactInput(pool, false, a);
        V3SwapResult v = V3SwapSimulator.exactInput(front.poolAfter(), false, victim.amount());
        V3SwapResult back = V3SwapSimulator.exactInput(v.poolAfter(), true, front.amountOut());
        return back.amountOut().subtract(front.amountIn());
    }

    /** The victim's output after a front-run of {@code frontRun}. */
    static BigInteger victimOut(V3PoolState pool, V3VictimSwap victim, BigInteger frontRun) {
        V3PoolState moved = frontRun.signum() == 0
                ? pool
                : V3SwapSimulator.exactInput(pool, false, frontRun).poolAfter();
        return V3SwapSimulator.exactInput(moved, false, victim.amount()).amountOut();
    }

    static BigInteger victimCost(V3PoolState pool, BigInteger frontRun, BigInteger want) {
        V3PoolState moved = V3SwapSimulator.exactInput(pool, false, frontRun).poolAfter();
        try {
            V3SwapResult r = V3SwapSimulator.exactOutput(moved, false, want);
            return r.amountOut().equals(want) ? r.amountIn() : BigInteger.ONE.shiftLeft(255);
        } catch (V3RevertException e) {
            return BigInteger.ONE.shiftLeft(255);
        }
    }

    private static V3VictimSwap withMin(V3VictimSwap v, BigInteger min) {
        return new V3VictimSwap(
                v.router(),
                v.function(),
                v.exactInput(),
                v.path(),
                v.recipient(),
                v.amount(),
                min,
                v.sqrtPriceLimitX96(),
                v.deadline(),
                v.minHopPriceX36());
    }
}
