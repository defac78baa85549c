package io.mevkit.store.internal;

import io.mevkit.store.BackupVerificationException;
import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Logical export and import of a PostgreSQL store through the driver's COPY support: one {@code <table>.copy} file per
 * table in COPY's text format (one line per row), read in one REPEATABLE READ transaction whose row counts become the
 * manifest. An export holds the tables of the schema version it was taken at ({@link Tables#at(String)}). Import loads
 * an empty database at the export's schema version in one transaction, parents first, and moves the id generators past
 * every id copied (archives included, so an archived id is never reused); {@link #restore(DataSource, Path)} first
 * migrates an empty database to the export's version and afterwards to the latest, so an export taken before a
 * migration is restored as if it had been taken at the time and the store upgraded since.
 */
public final class PostgresCopy implements BackupMethod {
    private static final String MANIFEST = "manifest.properties";

    private final DataSource dataSource;

    public PostgresCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String suffix() {
        return "";
    }

    @Override
    public Manifest take(Path target, String schema, Instant takenAt) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            Map<String, Long> counts;
            try (Connection c = dataSource.getConnection()) {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                c.setAutoCommit(false);
                try {
                    List<String> tables = Tables.at(schema);
                    counts = Manifest.count(c, tables);
                    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                    for (String table : tables) {
                        try (OutputStream out = Files.newOutputStream(partial.resolve(table + ".copy"))) {
                            long rows = copy.copyOut("COPY " + table + " TO STDOUT", out);
                            if (rows != counts.get(table)) {
                                throw new StoreException(
                                        "COPY of " + table + " wrote " + rows + " rows, expected " + counts.get(table));
                            }
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                    c.setReadOnly(false);
                }
            }
            Manifest manifest = new Manifest(schema, takenAt, counts);
            manifest.write(partial.resolve(MANIFEST));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (SQLException | IOException e) {
            throw new StoreException("PostgreSQL export to " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(partial);
            } catch (IOException ignored) {
                // a leftover partial directory is ignored by listing and replaced by the next export
            }
        }
    }

    @Override
    public Manifest manifest(Path backup) {
        return Manifest.read(backup.resolve(MANIFEST), backup);
    }

    @Override
    public Map<String, Long> verify(Path backup, String schema) {
        if (!Files.isDirectory(backup)) {
            throw new BackupVerificationException(backup, null, "the export directory is missing");
        }
        List<String> tables;
        try {
            tables = Tables.at(schema);
        } catch (StoreException e) {
            throw new BackupVerificationException(backup, null, e.getMessage());
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : tables) {
            Path file = backup.resolve(table + ".copy");
            if (!Files.isRegularFile(file)) {
                throw new BackupVerificationException(
                        backup,
                        table,
                        "it lacks " + file.getFileName() + " for table " + table + ", which schema version " + schema
                                + " has");
            }
            counts.put(table, lines(backup, table, file));
        }
        return counts;
    }

    private static long lines(Path backup, String table, Path file) {
        // COPY's text format escapes newlines inside values, so each row is exactly one line
        long n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new BackupVerificationException(backup, table, "cannot read " + file + ": " + e.getMessage());
        }
        return n;
    }

    /**
     * Loads an export into this (empty) database, which must be at the export's schema version, in one transaction.
     * An export taken at an older version goes through {@link #restore(DataSource, Path)} instead.
     */
    public Map<String, Long> importFrom(Path export, String schema) {
        Manifest manifest = manifest(export);
        if (!manifest.schema().equals(schema)) {
            throw new StoreException("export " + export + " has schema " + manifest.schema() + ", this database "
                    + schema + "; restore it into an empty database with MevStore.restorePostgres, which migrates it"
                    + " from the export's version to the latest");
        }
        return load(export, manifest);
    }

    /**
     * Restores an export into {@code dataSource}'s database, which must have no mevkit schema yet: migrates it to the
     * export's schema version, loads the export in one transaction, then runs the remaining migrations, so tables added
     * since the export was taken exist, empty. Returns the row counts of the latest schema's tables after the restore.
     *
     * @throws BackupVerificationException if the export fails verification (the database is left untouched then)
     */
    public static Map<String, Long> restore(DataSource dataSource, Path export) {
        PostgresCopy copy = new PostgresCopy(dataSource);
        Manifest manifest = copy.manifest(export);
        manifest.requireCounts(export, copy.verify(export, manifest.schema()));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('mevkit_schema_history') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                throw new StoreException(
                        "restore of " + export + " needs a database without a mevkit schema; this one"
                                + " has one (open a store on a fresh database and use importFrom for an export of its version)");
            }
        } catch (SQLException e) {
            throw new StoreException("cannot inspect the restore target: " + e.getMessage(), e);
        }
        Migrations.migrateTo(dataSource, Dialect.POSTGRESQL, manifest.schema());
        copy.load(export, manifest);
        Migrations.apply(dataSource, Dialect.POSTGRESQL, true);
        try (Connection c = dataSource.getConnection()) {
            return Manifest.count(c);
        } catch (SQLException e) {
            throw new StoreException("cannot count the restored rows: " + e.getMessage(), e);
        }
    }

    private Map<String, Long> load(Path export, Manifest manifest) {
        manifest.requireCounts(export, verify(export, manifest.schema()));
        List<String> tables = Tables.at(manifest.schema());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<String, Long> before = Manifest.count(c, tables);
                if (before.values().stream().anyMatch(n -> n != 0)) {
                    throw new StoreException("import needs an empty database; this one holds " + before);
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String table : tables) {
                    try (InputStream in =
                            new BufferedInputStream(Files.newInputStream(export.resolve(table + ".copy")))) {
                        long rows = copy.copyIn("COPY " + table + " FROM STDIN", in);
                        if (rows != manifest.counts().get(table)) {
                            throw new StoreException(
                                    "import of " + table + " loaded " + rows + " rows, the manifest says "
                                            + manifest.counts().get(table));
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    for (String table : Tables.withGeneratedIdAt(manifest.schema())) {
                        String archive = tables.contains(table + "_archive")
                                ? ", (SELECT COALESCE(max(id), 0) FROM " + table + "_archive)"
                                : "";
                        s.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                                + " GREATEST((SELECT COALESCE(max(id), 0) FROM " + table + ")" + archive + ") + 1,"
                                + " false)");
                    }
                }
                Map<String, Long> after = Manifest.count(c, tables);
                if (!after.equals(manifest.counts())) {
                    throw new StoreException(
                            "import counts " + after + " differ from the manifest " + manifest.counts());
                }
                c.commit();
                return after;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("import from " + export + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Path backup) {
        try {
            deleteTree(backup);
        } catch (IOException e) {
            throw new StoreException("cannot delete old export " + backup + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
