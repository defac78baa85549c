package io.mevkit.bench;

import io.mevkit.core.sandwich.internal.HopModel;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The largest front-run that keeps a victim at its slippage bound, exactly, on 64 seeded random V2 pools and victims
 * (1 to 10^6 ETH of reserve against 6-, 8- or 18-decimal tokens, victims of 0.1–5 % of the reserve, 10–300 bps of
 * slippage). mevkit solves the quadratic in closed form (seeded integer Newton square root) and corrects the root to
 * the exact integer boundary; the baseline bisects over {@code [0, min(capital, reserveIn)]}. Both test candidates with
 * the same exact victim-output function, and {@link #setUp} checks that they agree on every case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SandwichSizingBenchmark {
    static final int CASES = 64;

    HopModel[] models;
    BigInteger[] limits;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(4L);
        int[] decimals = {6, 8, 18};
        models = new HopModel[CASES];
        limits = new BigInteger[CASES];
        BigInteger capital = BigInteger.TEN.pow(25);
        for (int i = 0; i < CASES; i++) {
            BigInteger x =
                    BigInteger.TEN.pow(18 + random.nextInt(7)).multiply(BigInteger.valueOf(1 + random.nextInt(9)));
            // a price of 0.01 to 10 000 output tokens per input token, in the output token's decimals
            BigInteger y = x.multiply(BigInteger.TEN.pow(decimals[random.nextInt(3)]))
                    .multiply(BigInteger.valueOf(1 + random.nextInt(1_000_000)))
                    .divide(BigInteger.TEN.pow(18 + 2));
            BigInteger v =
                    x.multiply(BigInteger.valueOf(10 + random.nextInt(490))).divide(BigInteger.valueOf(10_000));
            BigInteger quote = out(v, x, y);
            BigInteger m = quote.multiply(BigInteger.valueOf(10_000 - 10 - random.nextInt(290)))
                    .divide(BigInteger.valueOf(10_000))
                    .max(BigInteger.ONE);
            models[i] = HopModel.exactInput(x, y, 997, 1000, v, m);
            limits[i] = capital.min(x);
            BigInteger closed = models[i].maxFrontRun(limits[i]);
            BigInteger bisected = bisect(models[i], limits[i]);
            if (!closed.equals(bisected) || closed.signum() <= 0 || closed.compareTo(limits[i]) >= 0) {
                throw new IllegalStateException("case " + i + ": closed form " + closed + ", bisection " + bisected);
            }
        }
    }

    private static BigInteger out(BigInteger in, BigInteger rIn, BigInteger rOut) {
        BigInteger withFee = in.multiply(BigInteger.valueOf(997));
        return withFee.multiply(rOut)
                .divide(rIn.multiply(BigInteger.valueOf(1000)).add(withFee));
    }

    /** The baseline: bisection on the exact victim-output check over [0, limit]; a = 0 keeps the victim whole. */
    static BigInteger bisect(HopModel model, BigInteger limit) {
        if (model.victimSucceeds(limit)) {
            return limit;
        }
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = limit;
        while (hi.subtract(lo).compareTo(BigInteger.ONE) > 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (model.victimSucceeds(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void mevkitClosedForm(Blackhole bh) {
        for (int i = 0; i < CASES; i++) {
            bh.consume(models[i].maxFrontRun(limits[i]));
        }
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public void baselineBisection(Blackhole bh) {
        for (int i = 0; i < CASES; i++) {
            bh.consume(bisect(models[i], limits[i]));
        }
    }
}
