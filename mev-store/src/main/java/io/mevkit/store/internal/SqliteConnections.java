package io.mevkit.store.internal;

import io.mevkit.store.StoreException;
import io.mevkit.store.Synchronous;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections for one database file: a single write connection that threads take turns on (a fair lock held
 * from handle open to handle close), and read-only connections opened per read. The write connection begins its
 * transactions with {@code BEGIN IMMEDIATE}, so a transaction never upgrades a read lock to a write lock (which in WAL
 * mode fails with {@code SQLITE_BUSY} at once, whatever the busy timeout); other processes writing the same file wait
 * up to the busy timeout. Pragmas are set through the driver's configuration, never through init SQL. Thread-safe.
 */
public final class SqliteConnections implements AutoCloseable {
    private final Path file;
    private final Duration busyTimeout;
    private final SQLiteDataSource writeSource;
    private final SQLiteDataSource readSource;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Connection writer;
    private volatile boolean closed;

    public SqliteConnections(Path file, Synchronous synchronous, Duration busyTimeout) {
        this.file = file;
        this.busyTimeout = busyTimeout;
        this.writeSource = new SQLiteDataSource(writeConfig(synchronous, busyTimeout));
        this.writeSource.setUrl(url(file));
        this.readSource = new SQLiteDataSource(readConfig(busyTimeout));
        this.readSource.setUrl(url(file));
        try {
            this.writer = writeSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    private static SQLiteConfig writeConfig(Synchronous synchronous, Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(
                synchronous == Synchronous.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    private static SQLiteConfig readConfig(Duration busyTimeout) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(Math.toIntExact(busyTimeout.toMillis()));
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
        return config;
    }

    /** A data source with the write settings, for Flyway (which runs before the write connection is in use). */
    public SQLiteDataSource migrationSource() {
        return writeSource;
    }

    public Path file() {
        return file;
    }

    /** Hands out the one write connection to one handle at a time. */
    public ConnectionFactory writers() {
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                try {
                    // bounded: a writer stuck longer than this is a bug worth an error, not a hang
                    if (!writeLock.tryLock(Math.max(busyTimeout.toMillis(), 1) * 12, TimeUnit.MILLISECONDS)) {
                        throw new SQLException("timed out waiting for the SQLite write connection");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted waiting for the SQLite write connection", e);
                }
                if (closed) {
                    writeLock.unlock();
                    throw new SQLException("the store is closed");
                }
                return writer;
            }

            @Override
            public void closeConnection(Connection connection) {
                writeLock.unlock();
            }
        };
    }

    /** Opens a read-only connection per handle (cheap for SQLite; a handle closes its connection). */
    public ConnectionFactory readers() {
        return () -> {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            return readSource.getConnection();
        };
    }

    /** A new read-only connection, closed by the caller. */
    public Connection openReader() throws SQLException {
        return readSource.getConnection();
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close SQLite database " + file + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
