package io.mevkit.store;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a backup fails verification: it lacks a table its schema version has, a table's row count differs from
 * its manifest, its manifest is incomplete, or the file fails its integrity checks. {@link #table()} names the table at
 * fault when there is one. A backup taken at an older schema version is checked against the tables of that version:
 * tables added by later migrations are not expected in it.
 */
public class BackupVerificationException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final String backup;
    private final @Nullable String table;

    /**
     * @param backup the backup that failed
     * @param table the table at fault, or null when the problem is not one table's
     * @param problem what is wrong, in words
     */
    public BackupVerificationException(Path backup, @Nullable String table, String problem) {
        super("backup " + backup + " failed verification: " + problem);
        this.backup = backup.toString();
        this.table = table;
    }

    /** The backup that failed (a SQLite file, or a PostgreSQL export directory). */
    public Path backup() {
        return Path.of(backup);
    }

    /** The table at fault, if the problem is one table's. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }
}
