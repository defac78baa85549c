package io.mevkit.store.internal;

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
import java.util.Map;
import java.util.Properties;

/**
 * What a backup holds, written beside it when it is taken: the schema version, the time, and the row count of every
 * table as seen by the transaction the backup was copied from. Verification compares against it.
 */
public record Manifest(String schema, Instant takenAt, Map<String, Long> counts) {
    public Manifest {
        counts = Map.copyOf(counts);
    }

    /** Row counts of every store table, read on {@code connection} (inside its current transaction, if any). */
    public static Map<String, Long> count(Connection connection) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            for (String table : Tables.ALL) {
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
        for (String table : Tables.ALL) {
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

    public static Manifest read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new StoreException("cannot read backup manifest " + file + ": " + e.getMessage(), e);
        }
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : Tables.ALL) {
                String n = p.getProperty("count." + table);
                if (n == null) {
                    throw new StoreException("backup manifest " + file + " has no count for " + table);
                }
                counts.put(table, Long.parseLong(n));
            }
            String schema = p.getProperty("schema");
            String takenAt = p.getProperty("takenAt");
            if (schema == null || takenAt == null) {
                throw new StoreException("backup manifest " + file + " lacks schema or takenAt");
            }
            return new Manifest(schema, Instant.parse(takenAt), counts);
        } catch (RuntimeException e) {
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("backup manifest " + file + " is malformed: " + e.getMessage(), e);
        }
    }
}
