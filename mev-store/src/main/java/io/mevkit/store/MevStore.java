package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.RiskPolicy;
import io.mevkit.core.bundle.RiskStateStore;
import io.mevkit.core.health.Health;
import io.mevkit.core.health.HealthCheck;
import io.mevkit.store.internal.AmountCodec;
import io.mevkit.store.internal.Archiver;
import io.mevkit.store.internal.BackupManager;
import io.mevkit.store.internal.HandleRunner;
import io.mevkit.store.internal.JdbiRiskStateStore;
import io.mevkit.store.internal.Manifest;
import io.mevkit.store.internal.Migrations;
import io.mevkit.store.internal.PostgresCopy;
import io.mevkit.store.internal.SingleWriter;
import io.mevkit.store.internal.SlowQueryLogger;
import io.mevkit.store.internal.SqliteBackup;
import io.mevkit.store.internal.SqliteConnections;
import io.mevkit.store.internal.StoreMetrics;
import io.mevkit.store.internal.Transaction;
import io.mevkit.store.internal.TxContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mevkit's transactional store: opportunities, bundles, submissions, executions, prices, risk state (the core
 * {@link RiskPolicy}'s kill switch through {@link #riskStateStore(String)}) and an append-only audit log, on an embedded
 * SQLite file (the default) or a PostgreSQL database shared by several bot instances.
 * Amounts are stored exactly; every state transition writes its audit event in the same transaction.
 *
 * <pre>{@code
 * try (MevStore store = MevStore.builder().sqlite(Path.of("mev.db")).build()) {
 *     Opportunity o = store.inTransaction(tx -> tx.opportunities().record(seen));
 *     if (store.claim(o.id(), "bot-1")) { ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance. On SQLite, write transactions take turns on one connection (in-process
 * callers queue instead of failing with "database is locked") and begin with {@code BEGIN IMMEDIATE} (other processes
 * wait up to the busy timeout); reads use separate read-only connections and never block writers. Closing stops the
 * store's scheduled backups and closes what it opened (not a caller's {@link DataSource} or scheduler).
 */
public final class MevStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MevStore.class);

    private final Dialect dialect;
    private final Clock clock;
    private final AmountCodec codec;
    private final SlowQueryLogger slowQueries;
    private final @Nullable SqliteConnections sqlite;
    private final @Nullable DataSource postgres;
    /** SQLite: the one write connection (closed with the store); PostgreSQL: null. */
    private final @Nullable SingleWriter writer;
    /** Write transactions: the SQLite writer, or a handle per transaction from the PostgreSQL data source. */
    private final HandleRunner writes;
    /** Read-only snapshot transactions on the read path. */
    private final HandleRunner reads;

    private final StoreMetrics metrics;
    private final String schema;
    private final BackupManager backups;
    private final Archiver archiver;
    private final ThreadLocal<Transaction> current = new ThreadLocal<>();
    private volatile boolean closed;

    private MevStore(Builder b) {
        this.dialect = b.sqliteFile != null ? Dialect.SQLITE : Dialect.POSTGRESQL;
        this.clock = b.clock;
        this.codec = new AmountCodec(dialect);
        this.slowQueries = new SlowQueryLogger(b.slowQueryThreshold);
        // Micrometer is loaded only when a registry is given: it is an optional dependency
        this.metrics = b.meterRegistry == null
                ? StoreMetrics.NONE
                : StoreMetrics.micrometer(b.meterRegistry, dialect.name().toLowerCase(Locale.ROOT));
        Jdbi readJdbi;
        if (b.sqliteFile != null) {
            SqliteConnections connections =
                    new SqliteConnections(b.sqliteFile, b.synchronous, b.busyTimeout, b.readers);
            try {
                this.schema = Migrations.apply(connections.writeSource(), dialect, b.migrate);
                this.writer = new SingleWriter(
                        configure(Jdbi.create(connections.writeSource())),
                        b.busyTimeout.multipliedBy(12),
                        b.busyRetries,
                        metrics);
            } catch (RuntimeException e) {
                connections.close();
                throw e;
            }
            this.sqlite = connections;
            this.postgres = null;
            this.writes = writer;
            readJdbi = configure(Jdbi.create(connections.readers()));
            this.backups = new BackupManager(new SqliteBackup(connections), b.backups, clock, () -> schema);
        } else {
            DataSource ds = Objects.requireNonNull(b.postgres);
            this.schema = Migrations.apply(ds, dialect, b.migrate);
            this.sqlite = null;
            this.postgres = ds;
            this.writer = null;
            Jdbi jdbi = configure(Jdbi.create(ds));
            this.writes = new HandleRunner() {
                @Override
                public <T> T inTransaction(Function<Handle, T> work) {
                    return jdbi.inTransaction(work::apply);
                }
            };
            readJdbi = jdbi;
            this.backups = new BackupManager(new PostgresCopy(ds), b.backups, clock, () -> schema);
        }
        this.reads = snapshots(readJdbi, dialect);
        this.archiver = new Archiver(new Writer(), b.archiveBatchSize);
        if (b.scheduler != null) {
            backups.schedule(b.scheduler);
        }
        LOG.debug("store open: {} schema {}", dialect, schema);
    }

    private Jdbi configure(Jdbi jdbi) {
        jdbi.registerArgument(codec.integerArguments());
        jdbi.registerArgument(codec.decimalArguments());
        jdbi.registerColumnMapper(BigInteger.class, codec.integerColumns());
        jdbi.registerColumnMapper(BigDecimal.class, codec.decimalColumns());
        jdbi.setSqlLogger(slowQueries);
        return jdbi;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs {@code work} in one write transaction and returns its result: committed when it returns, rolled back when it
     * throws (the exception propagates unchanged). A call nested in another on the same thread joins it.
     *
     * @throws StoreException if the database fails
     */
    public <R> R inTransaction(Function<StoreTransaction, R> work) {
        return transaction(writes, true, work);
    }

    /** {@link #inTransaction} without a result. */
    public void useTransaction(Consumer<StoreTransaction> work) {
        Objects.requireNonNull(work, "work");
        inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /**
     * Runs {@code work} in a read-only transaction that sees one consistent snapshot, on the read path (separate
     * read-only connections on SQLite; REPEATABLE READ on PostgreSQL). Writes through it fail. Inside a write
     * transaction on the same thread it joins that transaction (and sees its writes).
     */
    public <R> R read(Function<StoreTransaction, R> work) {
        return transaction(reads, false, work);
    }

    /** The one path of every transaction: join the thread's open one, or run {@code work} in a new one on {@code runner}. */
    private <R> R transaction(HandleRunner runner, boolean write, Function<StoreTransaction, R> work) {
        Objects.requireNonNull(work, "work");
        Transaction joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        requireOpen();
        Object started = metrics.start();
        boolean failed = true;
        try {
            R result = runner.inTransaction(h -> run(h, work));
            failed = false;
            return result;
        } catch (JdbiException e) {
            throw translate(e);
        } finally {
            metrics.stop(started, write, failed);
        }
    }

    /** Read-only transactions on {@code jdbi}, each on a snapshot. */
    private static HandleRunner snapshots(Jdbi jdbi, Dialect dialect) {
        TransactionIsolationLevel level = dialect == Dialect.POSTGRESQL
                ? TransactionIsolationLevel.REPEATABLE_READ
                : TransactionIsolationLevel.SERIALIZABLE;
        return new HandleRunner() {
            @Override
            public <T> T inTransaction(Function<Handle, T> work) {
                return jdbi.withHandle(h -> {
                    h.setReadOnly(true);
                    return h.inTransaction(level, work::apply);
                });
            }
        };
    }

    private <R> R run(Handle handle, Function<StoreTransaction, R> work) {
        Transaction tx = new Transaction(new TxContext(handle, dialect, codec, clock));
        current.set(tx);
        try {
            return work.apply(tx);
        } finally {
            // set, not remove: the next transaction on this thread then finds null without re-creating the entry
            current.set(null);
        }
    }

    /**
     * Claims an opportunity for {@code instance} in its own transaction: exactly one instance wins, once.
     *
     * @see OpportunityRepository#claim(long, String)
     */
    public boolean claim(long opportunityId, String instance) {
        return inTransaction(tx -> tx.opportunities().claim(opportunityId, instance));
    }

    /**
     * The state the core's {@link RiskPolicy} keeps across restarts (the day's realized loss and its kill switch), in
     * this store's database under {@code scope}, so several policies or accounts can share one database: give each its
     * own scope. Use it as the policy's {@link RiskPolicy.Builder#store store}, in place of the file-based default.
     *
     * <p>A save is one write transaction (inserting or updating the scope's row) and appends an audit event when the
     * kill switch trips or is re-armed. Called inside a transaction on the same thread, it joins that transaction and
     * lasts only if that one commits. It is as durable as a commit of this store: on SQLite with the default
     * {@link Synchronous#NORMAL} it survives a crash of the process, with {@link Synchronous#FULL} also a power loss. A
     * load returns exactly what was saved: the day, the loss (up to {@code 2^256 - 1} wei) and the trip time to the
     * nanosecond. A save with a day outside the years 0000 to 9999 or a larger loss is refused with a
     * {@link ValidationException} and changes nothing. Once the store is closed, loads and saves throw
     * {@link StoreException}.
     *
     * <p>This is independent of {@link StoreTransaction#risk()}, a per-day ledger with a switch of its own: recording
     * a result there neither trips nor re-arms a {@link RiskPolicy}.
     *
     * @throws ValidationException if {@code scope} is not 1 to 64 printable characters
     */
    public RiskStateStore riskStateStore(String scope) {
        requireOpen();
        return new JdbiRiskStateStore(this, scope);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The schema version (the latest applied migration). */
    public String schemaVersion() {
        return schema;
    }

    /** Rows per table (live and archive), in one snapshot. */
    public Map<String, Long> rowCounts() {
        return read(tx -> {
            try {
                return Manifest.count(tx.handle().getConnection());
            } catch (SQLException e) {
                throw new StoreException("cannot count rows: " + e.getMessage(), e);
            }
        });
    }

    /**
     * SQLite's own checks of the file ({@code PRAGMA integrity_check} and {@code foreign_key_check}); empty when all is
     * well. PostgreSQL enforces constraints as it writes, so there this is always empty.
     */
    public List<String> integrityProblems() {
        if (dialect == Dialect.POSTGRESQL) {
            return List.of();
        }
        return read(tx -> {
            try {
                return SqliteBackup.problems(tx.handle().getConnection());
            } catch (SQLException e) {
                throw new StoreException("cannot check integrity: " + e.getMessage(), e);
            }
        });
    }

    /** Takes a backup now into the configured {@link BackupPolicy}'s directory and applies its retention. */
    public BackupResult backup() {
        requireOpen();
        return backups.backupNow();
    }

    /**
     * Takes a backup to {@code target} (which must not exist): a SQLite file, or for PostgreSQL a directory of COPY
     * files (see {@link #importFrom(Path)}). Writers go on meanwhile; the backup holds exactly one snapshot, whose row
     * counts the result reports.
     */
    public BackupResult backupTo(Path target) {
        Objects.requireNonNull(target, "target");
        requireOpen();
        return backups.backupTo(target);
    }

    /** The state of the latest backup, for health checks. */
    public BackupStatus backupStatus() {
        return backups.status();
    }

    /**
     * A health check for this store: DOWN when the database does not answer a read, DEGRADED when the latest backup
     * or its verification failed, UP otherwise. Details: dialect, schema, backup state and times, slow statements.
     */
    public HealthCheck healthCheck() {
        return () -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("dialect", dialect.name());
            details.put("schema", schema);
            BackupStatus b = backups.status();
            details.put("backup.state", b.state().name());
            if (b.latest() != null) {
                details.put("backup.latest", String.valueOf(b.latest().getFileName()));
            }
            if (b.takenAt() != null) {
                details.put("backup.takenAt", b.takenAt().toString());
            }
            if (b.verifiedAt() != null) {
                details.put("backup.verifiedAt", b.verifiedAt().toString());
            }
            details.put("backup.failures", Long.toString(b.failures()));
            details.put("slowStatements", Long.toString(slowQueries.count()));
            try {
                read(tx ->
                        tx.handle().createQuery("SELECT 1").mapTo(Integer.class).one());
            } catch (RuntimeException e) {
                details.put("error", e.getClass().getSimpleName());
                return Health.down(details);
            }
            return b.healthy() ? Health.up(details) : Health.degraded(details);
        };
    }

    /**
     * Verifies the latest backup now: integrity, foreign keys, and row counts against its manifest, for the tables of the
     * schema version it was taken at (a backup taken before an upgrade lacks the tables added since, rightly).
     *
     * @throws BackupVerificationException naming the table at fault, when the backup fails
     */
    public BackupStatus verifyLatestBackup() {
        requireOpen();
        return backups.verifyLatest();
    }

    /**
     * Loads a PostgreSQL export (made by {@link #backupTo(Path)}) into this store, which must be empty and at the
     * export's schema version. One transaction: all or nothing. An export taken at an older schema version is restored
     * with {@link #restorePostgres(DataSource, Path)} instead.
     *
     * @throws BackupVerificationException if the export fails verification
     */
    public Map<String, Long> importFrom(Path export) {
        Objects.requireNonNull(export, "export");
        requireOpen();
        if (postgres == null) {
            throw new StoreException("import is for PostgreSQL; restore a SQLite backup with MevStore.restoreSqlite");
        }
        return new PostgresCopy(postgres).importFrom(export, schema);
    }

    /**
     * Restores a PostgreSQL export (made by {@link #backupTo(Path)}, by this or an older mevkit) into a database that
     * has no mevkit schema yet: migrates it to the export's schema version, verifies and loads the export in one
     * transaction, then applies the remaining migrations, so tables added since the export was taken exist, empty. Open
     * a store on the database afterwards. Returns the row count of every table after the restore.
     *
     * @throws BackupVerificationException if the export fails verification (the database is left untouched then)
     */
    public static Map<String, Long> restorePostgres(DataSource dataSource, Path export) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(export, "export");
        return PostgresCopy.restore(dataSource, export);
    }

    /**
     * Restores a SQLite backup to {@code target} (which must not exist) so a store can be opened on it: verifies it
     * against its manifest (or, without one, against the file's own schema history), copies it, and migrates the copy to
     * the latest schema, so a backup taken before an upgrade gains the tables added since, empty.
     *
     * @throws BackupVerificationException if the backup fails verification (nothing is written then)
     */
    public static void restoreSqlite(Path backup, Path target) {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(target, "target");
        SqliteBackup.restore(backup, target);
    }

    /**
     * Moves events and price snapshots older than {@code olderThan} into their {@code _archive} tables, in batches of
     * the configured size, one transaction each (other writers interleave between batches).
     */
    public ArchiveResult archive(Duration olderThan) {
        if (olderThan == null || olderThan.isNegative()) {
            throw new ValidationException("olderThan", olderThan, "must be zero or positive");
        }
        requireOpen();
        return archiver.archive(clock.instant().minus(olderThan));
    }

    /** Statements slower than the slow-query threshold since the store opened. */
    public long slowQueries() {
        return slowQueries.count();
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the store is closed");
        }
    }

    private static StoreException translate(JdbiException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        String message = cause instanceof SQLException ? cause.getMessage() : e.getMessage();
        return new StoreException("store operation failed: " + message, e);
    }

    /** Stops scheduled backups (waiting for one in progress) and closes the SQLite connections. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backups.close();
        if (writer != null) {
            writer.close();
        }
        if (sqlite != null) {
            sqlite.close();
        }
        LOG.debug("store closed");
    }

    private final class Writer implements HandleRunner {
        @Override
        public <T> T inTransaction(Function<Handle, T> work) {
            return MevStore.this.inTransaction(tx -> work.apply(tx.handle()));
        }
    }

    /**
     * Configures a {@link MevStore}: exactly one of {@link #sqlite(Path)} or {@link #postgres(DataSource)}. Each option
     * is checked when set and again at {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable Path sqliteFile;
        private @Nullable DataSource postgres;
        private Synchronous synchronous = Synchronous.NORMAL;
        private Duration busyTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private Duration slowQueryThreshold = Duration.ofMillis(250);
        private int archiveBatchSize = 500;
        private int readers = 4;
        private int busyRetries = 2;
        private @Nullable Object meterRegistry;
        private @Nullable BackupPolicy backups;
        private @Nullable ScheduledExecutorService scheduler;
        private boolean migrate = true;

        private Builder() {}

        /** An embedded SQLite database in {@code file} (created if missing; its directory must exist). */
        public Builder sqlite(Path file) {
            if (file == null) {
                throw new ValidationException("sqlite", null, "is required");
            }
            this.sqliteFile = file;
            return this;
        }

        /**
         * A PostgreSQL database reached through {@code dataSource} (a pool such as HikariCP for production use). The
         * caller keeps ownership: closing the store does not close it.
         */
        public Builder postgres(DataSource dataSource) {
            if (dataSource == null) {
                throw new ValidationException("postgres", null, "is required");
            }
            this.postgres = dataSource;
            return this;
        }

        /** SQLite's {@code synchronous} setting (default {@link Synchronous#NORMAL}). */
        public Builder synchronous(Synchronous synchronous) {
            if (synchronous == null) {
                throw new ValidationException("synchronous", null, "is required");
            }
            this.synchronous = synchronous;
            return this;
        }

        /** How long SQLite waits for another process's lock before failing: 1 ms to 10 minutes (default 5 s). */
        public Builder busyTimeout(Duration busyTimeout) {
            if (busyTimeout == null
                    || busyTimeout.toMillis() < 1
                    || busyTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new ValidationException("busyTimeout", busyTimeout, "must be between 1 ms and 10 minutes");
            }
            this.busyTimeout = busyTimeout;
            return this;
        }

        /** The clock for timestamps and backup names (default UTC system clock). */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new ValidationException("clock", null, "is required");
            }
            this.clock = clock;
            return this;
        }

        /** Statements at least this slow are logged (WARN, SQL without values) and counted (default 250 ms). */
        public Builder slowQueryThreshold(Duration threshold) {
            if (threshold == null || threshold.isNegative()) {
                throw new ValidationException("slowQueryThreshold", threshold, "must be zero or positive");
            }
            this.slowQueryThreshold = threshold;
            return this;
        }

        /** SQLite read connections kept in the read pool: 1 to 64 (default 4). */
        public Builder readConnections(int readers) {
            if (readers < 1 || readers > 64) {
                throw new ValidationException("readConnections", readers, "must be in [1, 64]");
            }
            this.readers = readers;
            return this;
        }

        /**
         * How often a SQLite write transaction that could not begin within the busy timeout (another process holding
         * the database's write lock) is begun again: 0 to 100 (default 2). Nothing of it has run then, so beginning
         * again is safe. Each attempt waits up to the busy timeout.
         */
        public Builder busyRetries(int retries) {
            if (retries < 0 || retries > 100) {
                throw new ValidationException("busyRetries", retries, "must be in [0, 100]");
            }
            this.busyRetries = retries;
            return this;
        }

        /**
         * Reports transactions to Micrometer meters on {@code registry}, tagged {@code dialect} and {@code kind}
         * ({@code write} or {@code read}): counters {@code mevkit.store.transactions},
         * {@code mevkit.store.transaction.failures} and {@code mevkit.store.busy.retries}, and the timer
         * {@code mevkit.store.transaction.latency} (on the registry's clock). Optional: without it the store needs no
         * Micrometer on the class path.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            if (registry == null) {
                throw new ValidationException("meterRegistry", null, "is required");
            }
            this.meterRegistry = registry;
            return this;
        }

        /** Parent rows moved per archiving transaction: 1 to 10,000 (default 500). */
        public Builder archiveBatchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new ValidationException("archiveBatchSize", batchSize, "must be in [1, 10000]");
            }
            this.archiveBatchSize = batchSize;
            return this;
        }

        /** Where backups go, how many are kept, how often they run and are verified (when a scheduler is given). */
        public Builder backups(BackupPolicy policy) {
            if (policy == null) {
                throw new ValidationException("backups", null, "is required");
            }
            this.backups = policy;
            return this;
        }

        /** Runs the backup policy's schedule on {@code scheduler} (owned by the caller; the store only cancels its tasks). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            if (scheduler == null) {
                throw new ValidationException("scheduler", null, "is required");
            }
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Whether to apply pending migrations when opening (default true). If false, opening only checks (quickly,
         * without Flyway) that the schema history ends at this mevkit's version, and fails otherwise: for instances that
         * leave migrating to one of them.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Opens the store: checks the options, migrates the schema, opens connections and schedules backups.
         *
         * @throws ValidationException if the options do not fit together
         * @throws StoreException if the database cannot be opened or migrated
         */
        public MevStore build() {
            if ((sqliteFile == null) == (postgres == null)) {
                throw new ValidationException(
                        "database", sqliteFile != null ? "sqlite and postgres" : "none", "must be exactly one");
            }
            if (scheduler != null && backups == null) {
                throw new ValidationException("scheduler", "set", "needs backups(...) to schedule");
            }
            if (sqliteFile != null) {
                Path parent = sqliteFile.toAbsolutePath().getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    throw new ValidationException("sqlite", sqliteFile, "must be in an existing directory");
                }
            }
            return new MevStore(this);
        }
    }
}
