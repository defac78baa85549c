package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.store.internal.Migrations;
import io.mevkit.store.internal.SqliteBackup;
import io.mevkit.store.internal.SqliteConnections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Backups of a schema-version-3 SQLite store verified and restored by the current code. */
class OldSchemaBackupTest extends OldSchemaBackupContract {
    private final Map<DataSource, Path> files = new IdentityHashMap<>();
    private int n;
    private Path lastRestore;

    private Path next(String prefix) {
        return temp.resolve(prefix + "-" + ++n + ".db");
    }

    @Override
    DataSource freshDatabase() {
        Path file = next("db");
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        files.put(source, file);
        return source;
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    MevStore.Builder onFreshDatabase(MevStore.Builder builder) {
        return builder.sqlite(next("current"));
    }

    @Override
    void takeBackup(DataSource database, String schema, Path target) {
        try (SqliteConnections connections =
                new SqliteConnections(files.get(database), Synchronous.NORMAL, Duration.ofSeconds(5), 1)) {
            new SqliteBackup(connections).take(target, schema, TAKEN);
        }
    }

    @Override
    MevStore restoreAndOpen(Path backup) {
        lastRestore = next("restored");
        MevStore.restoreSqlite(backup, lastRestore);
        return MevStore.builder().sqlite(lastRestore).migrate(false).build();
    }

    @Override
    void removeTable(Path backup, String table) throws SQLException {
        sql(backup, "DROP TABLE " + table);
    }

    @Override
    void addRiskStateRow(Path backup) throws SQLException {
        sql(
                backup,
                "INSERT INTO risk_state SELECT 'other', day, realized_pnl, loss_limit, killed, kill_reason,"
                        + " updated_ms FROM risk_state");
    }

    private static void sql(Path file, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Override
    boolean restoreLeftNothing() throws Exception {
        try (var leftovers = Files.list(temp)) {
            return Files.notExists(lastRestore)
                    && leftovers.noneMatch(p -> p.getFileName().toString().endsWith(".partial"));
        }
    }

    @Override
    Path manifestOf(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".manifest");
    }

    @Override
    Set<String> tablesIn(DataSource database) throws SQLException {
        return names(
                database,
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                        + " AND name <> 'mevkit_schema_history'");
    }

    @Override
    String suffix() {
        return ".db";
    }

    @Test
    void oldBackupWithoutItsManifestRestoresByItsOwnSchemaHistory() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        Files.delete(manifestOf(backup));
        MevStore restored = track(restoreAndOpen(backup));
        assertEquals(Migrations.LATEST, restored.schemaVersion());
        assertEquals(0L, restored.rowCounts().get("risk_policy_state"));
        assertEquals(2L, restored.rowCounts().get("tokens"));
    }

    @Test
    void oldBackupWithoutItsManifestLackingATableFailsNamingIt() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        Files.delete(manifestOf(backup));
        removeTable(backup, "price_quotes_archive");
        BackupVerificationException e = assertThrows(BackupVerificationException.class, () -> restoreAndOpen(backup));
        assertEquals(Optional.of("price_quotes_archive"), e.table());
        assertTrue(e.getMessage().contains("schema version 3"), e.getMessage());
        assertTrue(restoreLeftNothing());
    }

    @Test
    void backupWhoseHistoryDisagreesWithItsManifestFails() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        sql(backup, "DELETE FROM mevkit_schema_history WHERE version = '3'");
        BackupVerificationException e = assertThrows(BackupVerificationException.class, () -> restoreAndOpen(backup));
        assertEquals(Optional.empty(), e.table());
        assertTrue(e.getMessage().contains("schema history ends at version 2, its manifest says 3"), e.getMessage());
    }
}
