package io.mevkit.store.internal;

import io.mevkit.store.StoreException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The one write connection of a SQLite store, behind one long-lived jdbi handle that threads take turns on: a write
 * transaction waits for the lock instead of failing with "database is locked", and no handle is built per
 * transaction; its prepared statements are kept for reuse. The lock is not fair (a fair hand-over costs a context switch per transaction) and waiting for it is
 * bounded. Thread-safe.
 */
public final class SingleWriter implements AutoCloseable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Handle handle;
    private final CachingStatementBuilder statements = new CachingStatementBuilder(64);
    private final long waitMillis;
    private boolean closed;

    /** Opens the write connection through {@code jdbi}; waits at most {@code maxWait} for a turn. */
    public SingleWriter(Jdbi jdbi, Duration maxWait) {
        this.handle = jdbi.open();
        handle.setStatementBuilder(statements);
        this.waitMillis = Math.max(1, maxWait.toMillis());
    }

    /** Runs {@code work} in a transaction on the write connection, after the writers before it. */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> work) {
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
            return handle.inTransaction(work);
        } finally {
            // statements a callback left open are released here, not kept until the handle closes
            handle.clean();
            lock.unlock();
        }
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
