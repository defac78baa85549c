package io.mevkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.store.MevStore;
import io.mevkit.store.Token;
import io.mevkit.testing.EmbeddedPostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code mevkit store} against a real PostgreSQL: migrate, back up to an export, restore it into a new database. */
class StorePostgresCliIT {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    @TempDir
    Path dir;

    @Test
    void anExportRestoresIntoANewDatabaseAndNeverOverAnExistingSchema() {
        String source = POSTGRES.newDatabase();
        Map<String, String> sourceEnv = Map.of("MEVKIT_DB_URL", POSTGRES.jdbcUrl(source));
        Cli migrate = Cli.run(sourceEnv, "store", "migrate");
        assertEquals(0, migrate.exit(), migrate.toString());
        assertTrue(migrate.out().startsWith("store POSTGRESQL at schema version "), migrate.out());
        try (MevStore store = MevStore.builder()
                .postgres(POSTGRES.dataSource(source))
                .migrate(false)
                .build()) {
            store.useTransaction(tx -> {
                tx.tokens()
                        .upsert(new Token(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "USDC", 6, "USD Coin"));
                tx.tokens().upsert(new Token(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "WETH", 18, null));
            });
        }
        Path export = dir.resolve("export");
        Cli backup = Cli.run(sourceEnv, "store", "backup", "--to", export.toString());
        assertEquals(0, backup.exit(), backup.toString());
        assertTrue(Files.exists(export), backup.toString());

        String target = POSTGRES.newDatabase();
        Map<String, String> targetEnv = Map.of("MEVKIT_DB_URL", POSTGRES.jdbcUrl(target));
        Cli restore = Cli.run(targetEnv, "store", "restore", "--from", export.toString());
        assertEquals(0, restore.exit(), restore.toString());
        assertTrue(restore.out().matches("(?s)restored .*\\ntokens\\s+2\\n.*"), restore.out());
        Cli stats = Cli.run(targetEnv, "store", "stats");
        assertEquals(0, stats.exit(), stats.toString());
        assertTrue(stats.out().matches("(?s).*\\ntokens\\s+2\\n.*"), stats.out());
        assertTrue(stats.out().contains("integrity: ok"), stats.out());

        // the source database has the schema: a restore there is refused and changes nothing
        Cli over = Cli.run(sourceEnv, "store", "restore", "--from", export.toString());
        assertEquals(ExitCodes.FAILURE, over.exit(), over.toString());
        assertEquals(1, over.errLines().length, over.toString());
        Cli sourceStats = Cli.run(sourceEnv, "store", "stats");
        assertTrue(sourceStats.out().matches("(?s).*\\ntokens\\s+2\\n.*"), sourceStats.out());
    }
}
