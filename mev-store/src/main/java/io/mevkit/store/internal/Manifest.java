package io.mevkit.store.internal;

import io.mevkit.store.BackupVerificationException;
import io.mevkit.store.StoreException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a backup holds, written beside it when it is taken: the schema version, the time, and the row count of every
 * table of that schema version ({@link Tables#at(String)}) as seen by the transaction the backup was copied from.
 * Verification compares against it, table by table; a later migration's tables are not expected in an older backup.
 */
public record Manifest(String schema, Instant takenAt, Map<String, Long> counts) {
    public Manifest {
        counts = Map.copyOf(counts);
    }

    /** Row counts of every table of the latest schema, read on {@code connection} (in its transaction, if any). */
    public static Map<String, Long> count(Connection connection) throws SQLException {
        return count(connection, Tables.ALL);
    }

    /** Row counts of {@code tables}, read on {@code connection} (inside its current transaction, if any). */
    public static Map<String, Long> count(Connection connection, List<String> tables) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Writes the manifest to {@code file} atomically (temp file, then rename). */
    public void write(Path file) {
        StringBuilder text = new StringBuilder();
        text.append("schema=").append(schema).append('\n');
        text.append("takenAt=").append(takenAt).append('\n');
        for (String table : Tables.at(schema)) {
            text.append("count.")
                    .append(table)
                    .append('=')
                    .append(counts.get(table))
                    .append('\n');
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("cannot write backup manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the manifest {@code file} of {@code backup}: it must hold a count for every table of its own schema version
     * (and only that version's tables are expected).
     *
     * @throws BackupVerificationException naming the table whose count is missing, or when the file is malformed
     */
    public static Manifest read(Path file, Path backup) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new BackupVerificationException(backup, null, "cannot read its manifest " + file + ": " + e);
        }
        String schema = p.getProperty("schema");
        String takenAt = p.getProperty("takenAt");
        if (schema == null || takenAt == null) {
            throw new BackupVerificationException(backup, null, "its manifest " + file + " lacks schema or takenAt");
        }
        List<String> tables;
        try {
            tables = Tables.at(schema);
        } catch (StoreException e) {
            throw new BackupVerificationException(backup, null, "its manifest " + file + ": " + e.getMessage());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            String n = p.getProperty("count." + table);
            if (n == null) {
                throw new BackupVerificationException(
                        backup,
                        table,
                        "its manifest " + file + " has no count for table " + table + ", which schema version " + schema
                                + " has");
            }
            try {
                counts.put(table, Long.parseLong(n));
            } catch (NumberFormatException e) {
                throw new BackupVerificationException(
                        backup, table, "its manifest " + file + " has a malformed count for table " + table);
            }
        }
        try {
            return new Manifest(schema, Instant.parse(takenAt), counts);
        } catch (RuntimeException e) {
            throw new BackupVerificationException(
                    backup, null, "its manifest " + file + " has a malformed takenAt: " + e.getMessage());
        }
    }

    /**
     * Checks that {@code found}, the row counts read from {@code backup}, equal this manifest's, table by table.
     *
     * @throws BackupVerificationException naming the first table missing from the backup or whose count differs
     */
    public void requireCounts(Path backup, Map<String, Long> found) {
        for (String table : Tables.at(schema)) {
            Long rows = found.get(table);
            if (rows == null) {
                throw new BackupVerificationException(
                        backup, table, "it lacks table " + table + ", which schema version " + schema + " has");
            }
            if (!rows.equals(counts.get(table))) {
                throw new BackupVerificationException(
                        backup,
                        table,
                        "table " + table + " holds " + rows + " rows, its manifest says " + counts.get(table));
            }
        }
    }
}
