package io.mevkit.store.internal;

import io.mevkit.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one write connection of a SQLite store, behind one long-lived jdbi handle that threads take turns on: a write
 * transaction waits for the lock instead of failing with "database is locked", and no handle is built per
 * transaction; its prepared statements are kept for reuse. The lock is not fair (a fair hand-over costs a context
 * switch per transaction) and waiting for it is bounded. When another process holds the database's write lock beyond
 * the busy timeout, {@code BEGIN IMMEDIATE} fails before any work ran: the transaction is begun again, at most
 * {@code busyRetries} times. Thread-safe.
 */
public final class SingleWriter implements HandleRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Handle handle;
    private final CachingStatementBuilder statements = new CachingStatementBuilder(64);
    private final long waitMillis;
    private final int busyRetries;
    private final StoreMetrics metrics;
    private boolean closed;

    /** Opens the write connection through {@code jdbi}; waits at most {@code maxWait} for a turn. */
    public SingleWriter(Jdbi jdbi, Duration maxWait, int busyRetries, StoreMetrics metrics) {
        this.handle = jdbi.open();
        handle.setStatementBuilder(statements);
        this.waitMillis = Math.max(1, maxWait.toMillis());
        this.busyRetries = busyRetries;
        this.metrics = metrics;
    }

    /** Runs {@code work} in a transaction on the write connection, after the writers before it. */
    @Override
    public <T> T inTransaction(Function<Handle, T> work) {
        try {
            // bounded: a writer holding the connection this long is a bug worth an error, not a hang
            if (!lock.tryLock(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException(
                        "timed out after " + waitMillis + " ms waiting for the SQLite write connection");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for the SQLite write connection", e);
        }
        try {
            if (closed) {
                throw new StoreException("the store is closed");
            }
            for (int attempt = 0; ; attempt++) {
                boolean[] began = {false};
                try {
                    return handle.inTransaction(h -> {
                        began[0] = true;
                        return work.apply(h);
                    });
                } catch (RuntimeException e) {
                    resetAfterFailure();
                    if (began[0] || attempt >= busyRetries || !busy(e)) {
                        throw e;
                    }
                    metrics.busyRetry();
                    LOG.debug("SQLite write lock held by another connection beyond the busy timeout; beginning again");
                }
            }
        } finally {
            // statements a callback left open are released here, not kept until the handle closes
            handle.clean();
            lock.unlock();
        }
    }

    /**
     * Leaves the connection in auto-commit mode with no transaction open. The driver turns auto-commit off before it
     * runs {@code BEGIN IMMEDIATE}; when that fails (busy), the connection would stay in manual mode with no transaction
     * open, and every later statement would commit on its own. Rolling back first: whatever is open here is a
     * failed transaction's.
     */
    private void resetAfterFailure() {
        Connection connection = handle.getConnection();
        try {
            if (connection.getAutoCommit()) {
                return;
            }
            try (Statement s = connection.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException noTransaction) {
                // nothing was open
            }
            try {
                connection.setAutoCommit(true);
            } catch (SQLException noTransaction) {
                // the driver's flag is set before its COMMIT, which fails when nothing is open: the flag is what counts
            }
        } catch (SQLException e) {
            throw new StoreException("cannot reset the SQLite write connection: " + e.getMessage(), e);
        }
    }

    private static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s
                    && (s.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                            || s.getResultCode().name().startsWith("SQLITE_BUSY_"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Waits for the running transaction, then closes the write connection. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                statements.close(handle.getConnection());
                handle.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
