package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.store.internal.PostgresCopy;
import io.mevkit.testing.EmbeddedPostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Exports of a schema-version-3 PostgreSQL store (embedded PostgreSQL 17) verified and restored by the current code. */
class OldSchemaBackupIT extends OldSchemaBackupContract {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    private DataSource lastRestore;

    @Override
    DataSource freshDatabase() {
        return POSTGRES.dataSource(POSTGRES.newDatabase());
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    MevStore.Builder onFreshDatabase(MevStore.Builder builder) {
        return builder.postgres(freshDatabase());
    }

    @Override
    void takeBackup(DataSource database, String schema, Path target) {
        new PostgresCopy(database).take(target, schema, TAKEN);
    }

    @Override
    MevStore restoreAndOpen(Path backup) {
        lastRestore = freshDatabase();
        MevStore.restorePostgres(lastRestore, backup);
        return MevStore.builder().postgres(lastRestore).migrate(false).build();
    }

    @Override
    void removeTable(Path backup, String table) throws Exception {
        Files.delete(backup.resolve(table + ".copy"));
    }

    @Override
    void addRiskStateRow(Path backup) throws Exception {
        Path file = backup.resolve("risk_state.copy");
        String row = Files.readAllLines(file, StandardCharsets.UTF_8).get(0).replaceFirst("^bot\t", "other\t");
        Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    boolean restoreLeftNothing() throws SQLException {
        return tablesIn(lastRestore).isEmpty() && !hasHistory(lastRestore);
    }

    @Override
    Path manifestOf(Path backup) {
        return backup.resolve("manifest.properties");
    }

    @Override
    Set<String> tablesIn(DataSource database) throws SQLException {
        return names(
                database,
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_type = 'BASE TABLE' AND table_name <> 'mevkit_schema_history'");
    }

    private static boolean hasHistory(DataSource database) throws SQLException {
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('mevkit_schema_history') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    String suffix() {
        return "";
    }

    @Test
    void importFromRefusesAnOldExportAndPointsToRestore() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        MevStore upgraded = track(onFreshDatabase(MevStore.builder()).build());
        StoreException e = assertThrows(StoreException.class, () -> upgraded.importFrom(backup));
        assertTrue(e.getMessage().contains("MevStore.restorePostgres"), e.getMessage());
        assertTrue(upgraded.rowCounts().values().stream().allMatch(n -> n == 0L));
    }

    @Test
    void restoreRefusesADatabaseThatAlreadyHasTheSchema() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        DataSource migrated = freshDatabase();
        MevStore store = track(MevStore.builder().postgres(migrated).build());
        StoreException e = assertThrows(StoreException.class, () -> MevStore.restorePostgres(migrated, backup));
        assertTrue(e.getMessage().contains("without a mevkit schema"), e.getMessage());
        assertTrue(
                store.rowCounts().values().stream().allMatch(n -> n == 0L),
                store.rowCounts().toString());
    }

    @Test
    void currentExportStillRestoresThroughRestorePostgres() throws Exception {
        MevStore source = track(onFreshDatabase(MevStore.builder()).build());
        source.useTransaction(Fixtures::seed);
        source.riskStateStore("bot").save(io.mevkit.core.bundle.RiskState.fresh(DAY));
        BackupResult export = source.backupTo(temp.resolve("current-export"));
        MevStore restored = track(restoreAndOpen(export.path()));
        Map<String, Long> counts = restored.rowCounts();
        assertEquals(source.rowCounts(), counts);
        assertEquals(1L, counts.get("risk_policy_state"));
    }
}
