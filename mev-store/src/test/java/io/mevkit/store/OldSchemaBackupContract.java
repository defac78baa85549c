package io.mevkit.store;

import static io.mevkit.store.Fixtures.CHAIN;
import static io.mevkit.store.Fixtures.POOL;
import static io.mevkit.store.Fixtures.USDC;
import static io.mevkit.store.Fixtures.WETH;
import static io.mevkit.store.Fixtures.hash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.health.Health;
import io.mevkit.store.internal.Migrations;
import io.mevkit.store.internal.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups taken before a migration that adds a table, checked with the current code: a genuine schema-version-3 backup
 * (a database migrated only to version 3, filled with plain SQL as mevkit 3 stored it, backed up by the store's own
 * backup method at version 3) still verifies after the upgrade, restores with its data and gains the V4 and V5 tables,
 * empty and usable; a genuine version-4 backup (with a {@code risk_policy_state} row) likewise gains the V5 table and
 * its risk policy state loads with no recent spends; one that really lacks one of its own tables, or whose counts
 * differ, fails naming the table. Subclasses say how to make, damage and restore a backup on their database.
 */
abstract class OldSchemaBackupContract {
    static final String OLD = "3";
    /**
     * The manifest mevkit at schema version 3 wrote for the seeded database, byte for byte: its {@code Manifest.write}
     * with the tables of its {@code Tables.ALL} in order (as of the commit before V4), which did not have
     * {@code risk_policy_state}.
     */
    static final String V3_MANIFEST = resource("v3-backup.manifest");

    static final String V4 = "4";
    /**
     * The manifest mevkit at schema version 4 wrote for the seeded version-4 database: the version-3 tables plus
     * {@code risk_policy_state} (its {@code Tables.ALL} before V5 added {@code risk_policy_spends}).
     */
    static final String V4_MANIFEST = resource("v4-backup.manifest");
    /** The risk policy state the version-4 database holds for scope {@code bot}, as mevkit 4 saved it. */
    static final io.mevkit.core.bundle.RiskState V4_POLICY_STATE = new io.mevkit.core.bundle.RiskState(
            LocalDate.of(2026, 1, 2),
            BigInteger.valueOf(7),
            Optional.of(Instant.ofEpochSecond(1_767_323_045L, 123_456_789)));

    /** The tables mevkit at schema version 3 backed up, in its manifest's order. */
    static final List<String> V3_TABLES = List.copyOf(oldCounts().keySet());

    static final Instant TAKEN = Instant.parse("2026-01-01T00:00:00Z");
    static final String NAME = "mevkit-20260101T000000.000Z-00";
    static final LocalDate DAY = LocalDate.of(2026, 1, 2);

    @TempDir
    Path temp;

    final List<MevStore> opened = new ArrayList<>();

    /** A fresh, empty database with no schema. */
    abstract DataSource freshDatabase();

    abstract Dialect dialect();

    /** Opens the current store on a fresh database. */
    abstract MevStore.Builder onFreshDatabase(MevStore.Builder builder);

    /** Takes a backup of {@code database} (at {@code schema}) to {@code target} with the store's backup method. */
    abstract void takeBackup(DataSource database, String schema, Path target);

    /** Restores {@code backup} with the current code and opens a store on the result (migrate off: must be current). */
    abstract MevStore restoreAndOpen(Path backup);

    /** Takes {@code table} out of the backup, as a damaged or hand-edited backup would lack it. */
    abstract void removeTable(Path backup, String table) throws Exception;

    /** Adds one row to {@code risk_state} in the backup behind its manifest's back. */
    abstract void addRiskStateRow(Path backup) throws Exception;

    /** Whether the last failed restore left nothing behind (no file, or a database still without a schema). */
    abstract boolean restoreLeftNothing() throws Exception;

    abstract Path manifestOf(Path backup);

    /** The tables (other than the schema history) in {@code database}. */
    abstract Set<String> tablesIn(DataSource database) throws SQLException;

    abstract String suffix();

    @AfterEach
    void closeStores() {
        opened.forEach(MevStore::close);
    }

    MevStore track(MevStore store) {
        opened.add(store);
        return store;
    }

    /** A database migrated only to version 3 and filled as mevkit 3 would have, backed up into {@code directory}. */
    Path oldBackup(Path directory) throws Exception {
        return backupAt(directory, OLD);
    }

    /** A database migrated only to {@code version} (3 or 4) and filled as that mevkit would have, backed up. */
    Path backupAt(Path directory, String version) throws Exception {
        DataSource database = freshDatabase();
        assertEquals(version, Migrations.migrateTo(database, dialect(), version));
        try (Connection c = database.getConnection();
                Statement s = c.createStatement()) {
            seed(s, dialect());
            if (version.equals(V4)) {
                // as mevkit 4's JdbiRiskStateStore wrote a tripped state
                s.execute("INSERT INTO risk_policy_state (scope, day, realized_loss, tripped_s, tripped_ns, updated_ms)"
                        + " VALUES ('bot', '2026-01-02', '7', 1767323045, 123456789, 1000)");
            }
        }
        Files.createDirectories(directory);
        Path backup = directory.resolve(NAME + suffix());
        takeBackup(database, version, backup);
        return backup;
    }

    static void seed(Statement s, Dialect dialect) throws SQLException {
        String weth = WETH.toLowerCase(Locale.ROOT);
        String usdc = USDC.toLowerCase(Locale.ROOT);
        String pool = POOL.toLowerCase(Locale.ROOT);
        s.execute("INSERT INTO tokens (chain_id, address, symbol, name, decimals, updated_ms) VALUES"
                + " (1, '" + weth + "', 'WETH', 'Wrapped Ether', 18, 1000), (1, '" + usdc + "', 'USDC', 'USD Coin', 6,"
                + " 1000)");
        s.execute("INSERT INTO pools (chain_id, address, protocol, token0, token1, fee, updated_ms) VALUES (1, '" + pool
                + "', 'UNISWAP_V2', '" + usdc + "', '" + weth + "', 3000, 1000)");
        s.execute("INSERT INTO opportunities (chain_id, victim_tx_hash, pool_address, strategy, block_number, status,"
                + " created_ms, updated_ms) VALUES (1, '" + hash(1) + "', '" + pool + "', 'sandwich', 19000001, 'SEEN',"
                + " 1000, 1000)");
        s.execute(
                "INSERT INTO risk_state (scope, day, realized_pnl, loss_limit, killed, kill_reason, updated_ms) VALUES"
                        + " ('bot', '" + DAY + "', '-5', '100', " + (dialect == Dialect.SQLITE ? "0" : "false")
                        + ", NULL, 1000)");
        s.execute("INSERT INTO events (occurred_ms, entity, entity_id, opportunity_id, kind, detail) SELECT 1000,"
                + " 'OPPORTUNITY', id, id, 'OPPORTUNITY_SEEN', '{}' FROM opportunities");
    }

    /** The row counts of the seeded version-3 database, as its manifest lists them. */
    static Map<String, Long> oldCounts() {
        return counts(V3_MANIFEST);
    }

    /** The {@code count.} lines of {@code manifest}, in its order. */
    static Map<String, Long> counts(String manifest) {
        Map<String, Long> counts = new LinkedHashMap<>();
        manifest.lines()
                .filter(line -> line.startsWith("count."))
                .forEach(line -> counts.put(
                        line.substring("count.".length(), line.indexOf('=')),
                        Long.parseLong(line.substring(line.indexOf('=') + 1))));
        return counts;
    }

    private static String resource(String name) {
        try (InputStream in = OldSchemaBackupContract.class.getResourceAsStream(name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of every row {@code query} returns on {@code database}. */
    static Set<String> names(DataSource database, String query) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Connection c = database.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Verifying the latest backup {@code store} keeps and restoring {@code backup} both fail naming {@code table}; the
     * failed verification is the store's backup status and the failed restore leaves nothing behind.
     */
    BackupVerificationException bothFailNaming(MevStore store, Path backup, String table) throws Exception {
        BackupVerificationException e = assertThrows(BackupVerificationException.class, store::verifyLatestBackup);
        assertEquals(Optional.of(table), e.table());
        assertEquals(backup, e.backup());
        assertEquals(BackupStatus.State.FAILED, store.backupStatus().state());
        assertEquals(e.getMessage(), store.backupStatus().problem());
        BackupVerificationException restore =
                assertThrows(BackupVerificationException.class, () -> restoreAndOpen(backup));
        assertEquals(Optional.of(table), restore.table());
        assertTrue(restoreLeftNothing());
        return e;
    }

    MevStore upgradedStoreKeeping(Path directory) {
        return track(onFreshDatabase(MevStore.builder()
                        .backups(BackupPolicy.builder(directory).build()))
                .build());
    }

    @Test
    void eachSchemaVersionHasTheTablesItsMigrationsCreate() throws SQLException {
        for (int v = 1; v <= Integer.parseInt(Migrations.LATEST); v++) {
            DataSource database = freshDatabase();
            Migrations.migrateTo(database, dialect(), Integer.toString(v));
            assertEquals(Set.copyOf(Tables.at(Integer.toString(v))), tablesIn(database), "version " + v);
        }
        assertEquals(V3_TABLES, Tables.at(OLD));
        assertEquals(Tables.ALL, Tables.at(Migrations.LATEST));
        assertEquals(List.copyOf(v4Counts().keySet()), Tables.at(V4));
        assertThrows(StoreException.class, () -> Tables.at("6"));
    }

    @Test
    void oldBackupsManifestIsExactlyWhatVersion3Wrote() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        assertEquals(V3_MANIFEST, Files.readString(manifestOf(backup), StandardCharsets.UTF_8));
    }

    @Test
    void oldBackupStillVerifiesAfterTheUpgrade() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = oldBackup(directory);
        MevStore store = upgradedStoreKeeping(directory);
        assertEquals(Migrations.LATEST, store.schemaVersion());
        BackupStatus status = store.verifyLatestBackup();
        assertEquals(BackupStatus.State.VERIFIED, status.state(), String.valueOf(status.problem()));
        assertEquals(backup, status.latest());
        assertEquals(TAKEN, status.takenAt());
        assertEquals(oldCounts(), status.counts());
        assertEquals(Health.Status.UP, store.healthCheck().check().status());
    }

    @Test
    void oldBackupRestoresWithItsDataAndTheNewTableEmptyAndUsable() throws Exception {
        Path backup = oldBackup(temp.resolve("backups"));
        MevStore restored = track(restoreAndOpen(backup));
        assertEquals(Migrations.LATEST, restored.schemaVersion());
        Map<String, Long> expected = new LinkedHashMap<>(oldCounts());
        expected.put("risk_policy_state", 0L);
        expected.put("risk_policy_spends", 0L);
        assertEquals(expected, restored.rowCounts());
        restored.read(tx -> {
            Token weth = tx.tokens().find(CHAIN, WETH).orElseThrow();
            assertEquals("WETH", weth.symbol());
            assertEquals(18, weth.decimals());
            assertEquals(
                    19_000_001L,
                    tx.opportunities()
                            .findByKey(CHAIN, hash(1), POOL, "sandwich")
                            .orElseThrow()
                            .blockNumber());
            RiskState day = tx.risk().state("bot", DAY).orElseThrow();
            assertEquals(BigInteger.valueOf(-5), day.realizedPnl());
            assertEquals(BigInteger.valueOf(100), day.lossLimit());
            assertFalse(day.killed());
            return null;
        });
        var policy = restored.riskStateStore("bot");
        assertEquals(Optional.empty(), policy.load());
        var tripped = new io.mevkit.core.bundle.RiskState(
                DAY, BigInteger.valueOf(7), Optional.of(Instant.parse("2026-01-02T03:04:05.123456789Z")));
        policy.save(tripped);
        assertEquals(Optional.of(tripped), policy.load());
        // the trip is audited as a new event: the event id generator continues past the restored event
        assertEquals(2L, restored.rowCounts().get("events"));
        assertEquals(1L, restored.rowCounts().get("risk_policy_state"));
    }

    /** The row counts of the seeded version-4 database, as its manifest lists them. */
    static Map<String, Long> v4Counts() {
        return counts(V4_MANIFEST);
    }

    @Test
    void v4BackupsManifestIsExactlyWhatVersion4Wrote() throws Exception {
        Path backup = backupAt(temp.resolve("backups"), V4);
        assertEquals(V4_MANIFEST, Files.readString(manifestOf(backup), StandardCharsets.UTF_8));
    }

    @Test
    void v4BackupStillVerifiesAfterTheUpgrade() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = backupAt(directory, V4);
        MevStore store = upgradedStoreKeeping(directory);
        assertEquals(Migrations.LATEST, store.schemaVersion());
        BackupStatus status = store.verifyLatestBackup();
        assertEquals(BackupStatus.State.VERIFIED, status.state(), String.valueOf(status.problem()));
        assertEquals(backup, status.latest());
        assertEquals(v4Counts(), status.counts());
    }

    @Test
    void v4BackupRestoresItsRiskPolicyStateAndGainsTheSpendsTableEmptyAndUsable() throws Exception {
        Path backup = backupAt(temp.resolve("backups"), V4);
        MevStore restored = track(restoreAndOpen(backup));
        assertEquals(Migrations.LATEST, restored.schemaVersion());
        Map<String, Long> expected = new LinkedHashMap<>(v4Counts());
        expected.put("risk_policy_spends", 0L);
        assertEquals(expected, restored.rowCounts());
        var policy = restored.riskStateStore("bot");
        assertEquals(Optional.of(V4_POLICY_STATE), policy.load());
        assertEquals(List.of(), policy.load().orElseThrow().recentSpends());
        var withSpends = new io.mevkit.core.bundle.RiskState(
                V4_POLICY_STATE.day(),
                V4_POLICY_STATE.realizedLoss(),
                V4_POLICY_STATE.trippedAt(),
                List.of(new io.mevkit.core.bundle.RiskState.Spend(
                        Instant.parse("2026-01-02T03:04:05.000000006Z"), BigInteger.valueOf(8))));
        policy.save(withSpends);
        assertEquals(Optional.of(withSpends), policy.load());
        assertEquals(1L, restored.rowCounts().get("risk_policy_spends"));
        // still tripped: no new audit event
        assertEquals(1L, restored.rowCounts().get("events"));
    }

    @Test
    void v4BackupLackingItsRiskPolicyStateFailsNamingIt() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = backupAt(directory, V4);
        removeTable(backup, "risk_policy_state");
        BackupVerificationException e = bothFailNaming(upgradedStoreKeeping(directory), backup, "risk_policy_state");
        assertTrue(e.getMessage().contains("lacks") && e.getMessage().contains("schema version 4"), e.getMessage());
    }

    @Test
    void oldBackupLackingOneOfItsOwnTablesFailsNamingIt() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = oldBackup(directory);
        removeTable(backup, "risk_state");
        BackupVerificationException e = bothFailNaming(upgradedStoreKeeping(directory), backup, "risk_state");
        assertTrue(e.getMessage().contains("lacks") && e.getMessage().contains("schema version 3"), e.getMessage());
    }

    @Test
    void oldBackupWhoseCountDiffersFromItsManifestFailsNamingTheTable() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = oldBackup(directory);
        addRiskStateRow(backup);
        BackupVerificationException e = bothFailNaming(upgradedStoreKeeping(directory), backup, "risk_state");
        assertTrue(e.getMessage().contains("holds 2 rows, its manifest says 1"), e.getMessage());
    }

    @Test
    void oldManifestLackingACountOfItsOwnVersionFailsNamingTheTable() throws Exception {
        Path directory = temp.resolve("backups");
        Path backup = oldBackup(directory);
        Path manifest = manifestOf(backup);
        Files.writeString(
                manifest, Files.readString(manifest).replace("count.executions=0\n", ""), StandardCharsets.UTF_8);
        MevStore store = upgradedStoreKeeping(directory);
        BackupVerificationException e = assertThrows(BackupVerificationException.class, store::verifyLatestBackup);
        assertEquals(Optional.of("executions"), e.table());
        assertTrue(e.getMessage().contains("no count for table executions"), e.getMessage());
    }

    @Test
    void currentBackupLackingTheNewTablesFailsNamingThem() throws Exception {
        for (String table : List.of("risk_policy_state", "risk_policy_spends")) {
            Path directory = temp.resolve("backups-" + table);
            MevStore store = upgradedStoreKeeping(directory);
            store.riskStateStore("bot")
                    .save(new io.mevkit.core.bundle.RiskState(
                            DAY,
                            BigInteger.ZERO,
                            Optional.empty(),
                            List.of(new io.mevkit.core.bundle.RiskState.Spend(TAKEN, BigInteger.ONE))));
            BackupResult backup = store.backup();
            assertEquals(1L, backup.counts().get(table));
            assertEquals(BackupStatus.State.VERIFIED, store.verifyLatestBackup().state());
            removeTable(backup.path(), table);
            BackupVerificationException e = assertThrows(BackupVerificationException.class, store::verifyLatestBackup);
            assertEquals(Optional.of(table), e.table());
        }
    }
}
