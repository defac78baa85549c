package io.mevkit.store.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs (WARN) and counts every statement slower than a threshold. It logs the SQL text with its placeholders, never
 * the bound values. Thread-safe.
 */
public final class SlowQueryLogger implements SqlLogger {
    private static final Logger LOG = LoggerFactory.getLogger(SlowQueryLogger.class);

    private final long thresholdNanos;
    private final LongAdder slow = new LongAdder();

    public SlowQueryLogger(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        check(context, false);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        check(context, true);
    }

    private void check(StatementContext context, boolean failed) {
        if (context.getExecutionMoment() == null) {
            return;
        }
        long nanos = context.getElapsedTime(ChronoUnit.NANOS);
        if (nanos >= thresholdNanos) {
            slow.increment();
            LOG.warn(
                    "slow {}statement: {} ms (threshold {} ms): {}",
                    failed ? "failed " : "",
                    nanos / 1_000_000,
                    thresholdNanos / 1_000_000,
                    context.getRenderedSql());
        }
    }

    /** Statements at or above the threshold so far. */
    public long count() {
        return slow.sum();
    }
}
