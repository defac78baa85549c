package io.mevkit.store.internal;

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
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Online SQLite backups through the SQLite backup API (the driver's {@code backup}), copied from inside a read
 * transaction whose row counts become the manifest: the copy and the counts see the same snapshot, while writers go
 * on. The copy is then switched to rollback-journal mode, so a backup is one self-contained file.
 */
public final class SqliteBackup implements BackupMethod {
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
                counts = Manifest.count(c);
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
        return Manifest.read(manifestOf(backup));
    }

    @Override
    public Map<String, Long> verify(Path backup) {
        return verifyFile(backup);
    }

    /** Checks a SQLite backup file (integrity, foreign keys) and returns its row counts. */
    public static Map<String, Long> verifyFile(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new StoreException("backup " + backup + " is missing");
        }
        try (Connection c = open(backup, true)) {
            List<String> problems = problems(c);
            if (!problems.isEmpty()) {
                throw new StoreException("backup " + backup + " failed its checks: " + problems);
            }
            return Manifest.count(c);
        } catch (SQLException e) {
            throw new StoreException("cannot verify backup " + backup + ": " + e.getMessage(), e);
        }
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
