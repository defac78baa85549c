package io.mevkit.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract on SQLite files in a temporary directory. */
class SqliteStoreTest extends StoreContract {
    private final AtomicInteger files = new AtomicInteger();
    private Path db;

    @Override
    MevStore.Builder target(MevStore.Builder builder, boolean fresh) {
        if (fresh || db == null) {
            db = temp.resolve("store-" + files.incrementAndGet() + ".db");
        }
        return builder.sqlite(db);
    }

    @Override
    MevStore restore(BackupResult backup, MevStore.Builder builder) {
        Path target = temp.resolve("restored-" + files.incrementAndGet() + ".db");
        MevStore.restoreSqlite(backup.path(), target);
        return builder.sqlite(target).build();
    }

    @Override
    void damage(Path backup) throws Exception {
        truncate(backup, Files.size(backup) / 2);
    }
}
