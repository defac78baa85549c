package io.mevkit.store;

import io.mevkit.testing.EmbeddedPostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a real PostgreSQL 17 (embedded), a fresh database per test. */
class PostgresStoreIT extends StoreContract {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    private String database;

    @Override
    MevStore.Builder target(MevStore.Builder builder, boolean fresh) {
        if (fresh || database == null) {
            database = POSTGRES.newDatabase();
        }
        return builder.postgres(POSTGRES.dataSource(database));
    }

    @Override
    MevStore restore(BackupResult backup, MevStore.Builder builder) {
        MevStore restored =
                builder.postgres(POSTGRES.dataSource(POSTGRES.newDatabase())).build();
        restored.importFrom(backup.path());
        return restored;
    }

    @Override
    void damage(Path backup) throws Exception {
        Path events = backup.resolve("opportunities.copy");
        truncate(events, Files.size(events) / 2);
    }
}
