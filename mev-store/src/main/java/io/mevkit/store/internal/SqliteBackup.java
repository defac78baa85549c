package io.mevkit.store.internal;

import io.mevkit.store.BackupVerificationException;
import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Online SQLite backups through the SQLite backup API (the driver's {@code backup}), copied from inside a read
 * transaction whose row counts become the manifest: the copy and the counts see the same snapshot, while writers go
 * on. The copy is then switched to rollback-journal mode, so a backup is one self-contained file. The file keeps its
 * own schema history, so verification and restore know which tables it must hold even without its manifest; a restore
 * migrates the copy to the latest schema.
 */
public final class SqliteBackup implements BackupMethod {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackup.class);
    private final SqliteConnections connections;

    public SqliteBackup(SqliteConnections connections) {
        this.connections = connections;
    }

    @Override
    public String suffix() {
        return ".db";
    }

    @Override
    public Manifest take(Path target, String schema, Instant takenAt) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            Map<String, Long> counts;
            try (Connection c = connections.openReader()) {
                c.setAutoCommit(false);
                // the first read opens the read transaction; the backup below copies that same snapshot
                counts = Manifest.count(c, Tables.at(schema));
                int rc = c.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null);
                if (rc != 0) {
                    throw new StoreException("SQLite backup to " + partial + " failed with result code " + rc);
                }
                c.rollback();
            }
            try (Connection d = open(partial, false);
                    Statement s = d.createStatement()) {
                s.execute("PRAGMA journal_mode=DELETE");
            }
            Manifest manifest = new Manifest(schema, takenAt, counts);
            manifest.write(manifestOf(target));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (SQLException | IOException e) {
            throw new StoreException("SQLite backup to " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover partial file is ignored by listing and replaced by the next backup
            }
        }
    }

    @Override
    public Manifest manifest(Path backup) {
        return Manifest.read(manifestOf(backup), backup);
    }

    @Override
    public Map<String, Long> verify(Path backup, String schema) {
        return verifyFile(backup, schema);
    }

    /**
     * Checks a SQLite backup file and returns the row counts of the tables of its schema version: its own schema
     * history must end at {@code schema} (when given), it must hold every table of that version, and pass SQLite's
     * integrity and foreign-key checks.
     *
     * @param schema the version its manifest records, or null to take the version from the file's schema history
     * @throws BackupVerificationException naming the missing table, or saying which check failed
     */
    public static Map<String, Long> verifyFile(Path backup, @Nullable String schema) {
        if (!Files.isRegularFile(backup)) {
            throw new BackupVerificationException(backup, null, "the file is missing");
        }
        try (Connection c = open(backup, true)) {
            String history = Migrations.version(c)
                    .orElseThrow(
                            () -> new BackupVerificationException(backup, null, "it has no mevkit schema history"));
            if (schema != null && !schema.equals(history)) {
                throw new BackupVerificationException(
                        backup,
                        null,
                        "its schema history ends at version " + history + ", its manifest says " + schema);
            }
            List<String> tables;
            try {
                tables = Tables.at(history);
            } catch (StoreException e) {
                throw new BackupVerificationException(backup, null, e.getMessage());
            }
            Set<String> present = tablesIn(c);
            for (String table : tables) {
                if (!present.contains(table)) {
                    throw new BackupVerificationException(
                            backup, table, "it lacks table " + table + ", which schema version " + history + " has");
                }
            }
            List<String> problems = problems(c);
            if (!problems.isEmpty()) {
                throw new BackupVerificationException(backup, null, "it failed its checks: " + problems);
            }
            return Manifest.count(c, tables);
        } catch (SQLException e) {
            throw new BackupVerificationException(backup, null, "it cannot be read: " + e.getMessage());
        }
    }

    /**
     * Restores {@code backup} to {@code target} (which must not exist): verifies it against its manifest (or, without
     * one, against its own schema history), copies it, and migrates the copy to the latest schema with the store's
     * migrations, so tables added since the backup was taken exist, empty. The target appears only when all succeeded.
     *
     * @return the restored file's schema version
     * @throws BackupVerificationException if the backup fails verification (nothing is written then)
     */
    public static String restore(Path backup, Path target) {
        if (Files.exists(target)) {
            throw new StoreException("restore target " + target + " already exists");
        }
        Path manifestFile = manifestOf(backup);
        if (Files.exists(manifestFile)) {
            Manifest manifest = Manifest.read(manifestFile, backup);
            manifest.requireCounts(backup, verifyFile(backup, manifest.schema()));
        } else {
            LOG.warn("backup {} has no manifest beside it; restoring it after the file's own checks only", backup);
            verifyFile(backup, null);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            Files.copy(backup, partial);
            SQLiteConfig config = new SQLiteConfig();
            config.enforceForeignKeys(true);
            SQLiteDataSource source = new SQLiteDataSource(config);
            source.setUrl(SqliteConnections.url(partial));
            String schema = Migrations.apply(source, Dialect.SQLITE, true);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return schema;
        } catch (IOException e) {
            throw new StoreException("cannot restore " + backup + " to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover partial file is replaced by the next restore to the same target
            }
        }
    }

    private static Set<String> tablesIn(Connection c) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} findings; empty when all is well. */
    public static List<String> problems(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equals(line)) {
                        problems.add("integrity: " + line);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add(
                            "foreign key: " + rs.getString(1) + " rowid " + rs.getLong(2) + " -> " + rs.getString(3));
                }
            }
        }
        return problems;
    }

    @Override
    public void delete(Path backup) {
        try {
            Files.deleteIfExists(backup);
            Files.deleteIfExists(manifestOf(backup));
        } catch (IOException e) {
            throw new StoreException("cannot delete old backup " + backup + ": " + e.getMessage(), e);
        }
    }

    static Path manifestOf(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".manifest");
    }

    static Connection open(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(SqliteConnections.url(file));
        return source.getConnection();
    }
}
