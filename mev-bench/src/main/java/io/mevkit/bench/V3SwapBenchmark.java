package io.mevkit.bench;

import io.mevkit.core.Address;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3RevertException;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.SizeLimit;
import io.mevkit.core.sandwich.V3PathHop;
import io.mevkit.core.sandwich.V3Router;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3VictimSwap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The exact V3 swap simulation on a pool with 22 initialized ticks: a swap crossing 10 of them beside a swap that stays
 * in one step (the in-run reference for what a crossing costs). And V3 sandwich sizing: the sizer (virtual-reserve
 * seed, secant bracket, regula falsi and exponential search for the exact bound, then its profit checks) beside a
 * baseline that finds the bound by plain integer bisection of the same exact victim function over [0, capital] and
 * runs the same profit checks; {@link #setUp()} asserts both give the same size and profit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class V3SwapBenchmark {
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final Address WETH = Address.of("0x" + "c0".repeat(20)); // token1
    static final Address TOKEN = Address.of("0x" + "0b".repeat(20)); // token0
    static final Address USER = Address.of("0x" + "11".repeat(20));
    static final int GRID_POINTS = 8; // the sizer's default

    V3PoolState pool;
    BigInteger tenTickAmount;
    BigInteger singleStepAmount;
    V3SandwichSizer sizer;
    V3SandwichRequest request;
    V3VictimSwap victim;
    BigInteger capital;

    @Setup
    public void setUp() {
        V3PoolState.Builder b = V3PoolState.builder()
                .sqrtPriceX96(TickMath.getSqrtRatioAtTick(37))
                .fee(3000)
                .blockNumber(1)
                .position(-6000, 6000, E18.multiply(BigInteger.valueOf(500)));
        for (int i = 1; i <= 10; i++) {
            b.position(-120 * i, 120 * i, E18.multiply(BigInteger.valueOf(100 + 10 * i)));
        }
        pool = b.build();
        if (pool.initializedTicks().size() != 22) {
            throw new IllegalStateException("expected 22 initialized ticks: " + pool.initializedTicks());
        }
        // the input that takes the price to tick -1260: every tick from -120 to -1200 is crossed
        tenTickAmount = V3SwapSimulator.swap(pool, true, E18.pow(2), TickMath.getSqrtRatioAtTick(-1260))
                .amountIn();
        V3SwapResult ten = V3SwapSimulator.exactInput(pool, true, tenTickAmount);
        if (ten.ticksCrossed() != 10) {
            throw new IllegalStateException("crosses " + ten.ticksCrossed() + " ticks, not 10");
        }
        singleStepAmount = E18.divide(BigInteger.valueOf(100));
        V3SwapResult one = V3SwapSimulator.exactInput(pool, true, singleStepAmount);
        if (one.steps() != 1 || one.ticksCrossed() != 0) {
            throw new IllegalStateException("the small swap takes " + one.steps() + " steps");
        }

        // a victim buying TOKEN with 30 WETH at 1 % slippage
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(30));
        BigInteger quote = V3SwapSimulator.exactInput(pool, false, amountIn).amountOut();
        victim = new V3VictimSwap(
                V3Router.SWAP_ROUTER_02,
                "exactInputSingle",
                true,
                List.of(new V3PathHop(WETH, 3000, TOKEN)),
                USER,
                amountIn,
                quote.multiply(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)),
                BigInteger.ZERO,
                Optional.empty(),
                List.of());
        capital = E18.multiply(BigInteger.valueOf(10_000));
        request = V3SandwichRequest.builder()
                .victim(victim)
                .pools(List.of(pool))
                .capital(WETH, capital)
                .wrappedNative(WETH)
                .legGas(new LegGas(130_000, 120_000))
                .baseFee(BigInteger.valueOf(10_000_000_000L))
                .tip(BigInteger.valueOf(1_000_000_000L))
                .headBlock(1)
                .targetTimestamp(0)
                .build();
        sizer = V3SandwichSizer.defaults();
        V3SandwichPlan plan = (V3SandwichPlan) sizer.size(request);
        if (plan.limit() != SizeLimit.SLIPPAGE_BOUND) {
            throw new IllegalStateException("the scenario must be bound by slippage: " + plan.limit());
        }
        BigInteger[] baseline = baselineSize();
        if (!baseline[0].equals(plan.frontRunIn()) || !baseline[1].equals(plan.grossProfit())) {
            throw new IllegalStateException("baseline " + baseline[0] + "/" + baseline[1] + " but mevkit "
                    + plan.frontRunIn() + "/" + plan.grossProfit());
        }
    }

    @Benchmark
    public V3SwapResult mevkitSwapAcross10Ticks() {
        return V3SwapSimulator.exactInput(pool, true, tenTickAmount);
    }

    @Benchmark
    public V3SwapResult mevkitSwapSingleStep() {
        return V3SwapSimulator.exactInput(pool, true, singleStepAmount);
    }

    @Benchmark
    public Object mevkitSizeV3Sandwich() {
        return sizer.size(request);
    }

    @Benchmark
    public BigInteger[] baselineSizeByPlainBisection() {
        return baselineSize();
    }

    /**
     * The same exact functions, searched the plain way: integer bisection of "the victim still gets its minimum" over
     * [0, capital] for the bound, then the same profit checks as the sizer (the bound, one unit and 1/4096 below it,
     * and an 8-point grid), keeping the most profitable.
     */
    BigInteger[] baselineSize() {
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = capital;
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (victimWhole(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        BigInteger bound = lo;
        BigInteger bestSize = bound;
        BigInteger bestProfit = profit(bound);
        List<BigInteger> candidates = new ArrayList<>(List.of(
                bound.subtract(BigInteger.ONE),
                bound.subtract(bound.shiftRight(12).max(BigInteger.ONE))));
        for (int i = 1; i < GRID_POINTS; i++) {
            candidates.add(bound.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(GRID_POINTS)));
        }
        for (BigInteger size : candidates) {
            BigInteger p = profit(size);
            if (p.compareTo(bestProfit) > 0) {
                bestSize = size;
                bestProfit = p;
            }
        }
        return new BigInteger[] {bestSize, bestProfit};
    }

    private boolean victimWhole(BigInteger frontRun) {
        try {
            V3SwapResult front = V3SwapSimulator.exactInput(pool, false, frontRun);
            BigInteger out = V3SwapSimulator.exactInput(front.poolAfter(), false, victim.amount())
                    .amountOut();
            return out.compareTo(victim.limitAmount()) >= 0;
        } catch (V3RevertException e) {
            return false; // the front-run left the pool at the price limit: the victim's swap reverts
        }
    }

    private BigInteger profit(BigInteger frontRun) {
        V3SwapResult front = V3SwapSimulator.exactInput(pool, false, frontRun);
        V3SwapResult v = V3SwapSimulator.exactInput(front.poolAfter(), false, victim.amount());
        V3SwapResult back = V3SwapSimulator.exactInput(v.poolAfter(), true, front.amountOut());
        return back.amountOut().subtract(front.amountIn());
    }
}
