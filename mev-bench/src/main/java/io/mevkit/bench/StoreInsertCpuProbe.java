package io.mevkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU time per operation of {@link StoreInsertBenchmark} on SQLite, mevkit and plain JDBC in alternating blocks in one
 * JVM: a figure that, unlike throughput, does not depend on how often a loaded machine deschedules the thread. Thread
 * CPU is user + system time, so SQLite's file I/O counts. Run:
 * {@code java -cp mev-bench/target/benchmarks.jar io.mevkit.bench.StoreInsertCpuProbe [rounds]}.
 */
public final class StoreInsertCpuProbe {
    private static final Logger LOG = LoggerFactory.getLogger(StoreInsertCpuProbe.class);

    private interface Op {
        void run() throws Exception;
    }

    private StoreInsertCpuProbe() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        StoreInsertBenchmark b = new StoreInsertBenchmark();
        b.database = "sqlite";
        b.setUp();
        try {
            for (int i = 0; i < 3_000; i++) {
                b.mevkitSingle();
                b.jdbcSingle();
            }
            for (int i = 0; i < 100; i++) {
                b.mevkitBatch();
                b.jdbcBatch();
            }
            long[][] single = new long[2][rounds];
            long[][] batch = new long[2][rounds];
            for (int r = 0; r < rounds; r++) {
                // alternate which side goes first, so a drift in load or file size hits both alike
                int first = r % 2;
                for (int k = 0; k < 2; k++) {
                    int side = (first + k) % 2;
                    single[side][r] = cpuPerOp(side == 0 ? b::mevkitSingle : b::jdbcSingle, 1_000, 1);
                }
                for (int k = 0; k < 2; k++) {
                    int side = (first + k) % 2;
                    batch[side][r] =
                            cpuPerOp(side == 0 ? b::mevkitBatch : b::jdbcBatch, 20, StoreInsertBenchmark.BATCH);
                }
            }
            report("single-row transaction", single);
            report("100-row transaction, per row", batch);
        } finally {
            b.tearDown();
        }
    }

    /** Thread CPU nanoseconds per row over {@code n} calls of {@code op}, each writing {@code rows} rows. */
    private static long cpuPerOp(Op op, int n, int rows) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        return (mx.getCurrentThreadCpuTime() - t0) / ((long) n * rows);
    }

    private static void report(String what, long[][] nanos) {
        double mevkit = median(nanos[0]) / 1000.0;
        double jdbc = median(nanos[1]) / 1000.0;
        LOG.info(String.format(
                java.util.Locale.ROOT,
                "%s: thread CPU median %.1f µs (mevkit) vs %.1f µs (jdbc), ratio %.2f; rounds (ns) mevkit %s jdbc %s",
                what,
                mevkit,
                jdbc,
                mevkit / jdbc,
                Arrays.toString(nanos[0]),
                Arrays.toString(nanos[1])));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
