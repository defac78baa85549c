package io.mevkit.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mevkit.store.Synchronous;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections for one database file: the data source of the single write connection (see {@link SingleWriter})
 * and a small HikariCP pool of read-only connections. Write transactions begin with {@code BEGIN IMMEDIATE}, so a
 * transaction never upgrades a read lock to a write lock (which in WAL mode fails with {@code SQLITE_BUSY} at once,
 * whatever the busy timeout); other processes writing the same file wait up to the busy timeout. Pragmas are set
 * through the driver's configuration, never through init SQL. close() closes the pool and stops its threads.
 * Thread-safe.
 */
public final class SqliteConnections implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Path file;
    private final SQLiteDataSource writeSource;
    private final SQLiteDataSource readSource;
    private final HikariDataSource readPool;
    private volatile boolean closed;

    public SqliteConnections(Path file, Synchronous synchronous, Duration busyTimeout, int readers) {
        this.file = file;
        this.writeSource = new SQLiteDataSource(writeConfig(synchronous, busyTimeout));
        this.writeSource.setUrl(url(file));
        this.readSource = new SQLiteDataSource(readConfig(busyTimeout));
        this.readSource.setUrl(url(file));
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(readSource);
        pool.setPoolName("mevkit-sqlite-read-" + POOLS.incrementAndGet());
        pool.setMaximumPoolSize(readers);
        pool.setMinimumIdle(0);
        pool.setAutoCommit(true);
        // as the connections are opened (the driver refuses to change the flag on an open connection)
        pool.setReadOnly(true);
        pool.setRegisterMbeans(false);
        // the read connections open lazily, after migrations created the file's schema
        pool.setInitializationFailTimeout(-1);
        this.readPool = new HikariDataSource(pool);
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

    /** The write settings: for Flyway and for the one write connection. */
    public SQLiteDataSource writeSource() {
        return writeSource;
    }

    public Path file() {
        return file;
    }

    /** Read-only connections from the pool (a handle's close returns its connection). */
    public ConnectionFactory readers() {
        return () -> {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            return readPool.getConnection();
        };
    }

    /** A new read-only connection outside the pool, closed by the caller. */
    public Connection openReader() throws SQLException {
        return readSource.getConnection();
    }

    @Override
    public void close() {
        closed = true;
        readPool.close();
    }
}
