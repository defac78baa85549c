package io.mevkit.store.internal;

import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's Flyway migrations: the common folder plus the dialect's folder. Forward only; refuses a database
 * whose schema is newer than this code (an older mevkit must not write to a newer schema).
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String ROOT = "classpath:io/mevkit/store/migration/";
    private static final String HISTORY = "mevkit_schema_history";
    /** The newest migration's version; a test holds it equal to what Flyway finds on the classpath. */
    public static final String LATEST = "5";

    private Migrations() {}

    /**
     * Applies pending migrations with Flyway (when {@code migrate}); otherwise only checks, without Flyway, that the
     * schema history ends at {@link #LATEST} (a quick open for instances that leave migrating to one of them).
     * Returns the current version.
     */
    public static String apply(DataSource dataSource, Dialect dialect, boolean migrate) {
        if (!migrate) {
            return requireCurrent(dataSource);
        }
        return migrate(dataSource, dialect, MigrationVersion.LATEST);
    }

    /**
     * Migrates with Flyway up to {@code version} and no further: how a backup taken at an older schema version is
     * restored into an empty database before the remaining migrations bring it up to date. Returns the current version.
     */
    public static String migrateTo(DataSource dataSource, Dialect dialect, String version) {
        Tables.at(version); // refuses what is not a version this code knows
        return migrate(dataSource, dialect, MigrationVersion.fromVersion(version));
    }

    private static String migrate(DataSource dataSource, Dialect dialect, MigrationVersion target) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(ROOT + "common", ROOT + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
                .table(HISTORY)
                .target(target)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
        try {
            refuseNewerSchema(flyway);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info(
                        "store schema migrated from {} to {} ({} migrations)",
                        result.initialSchemaVersion,
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
            MigrationInfo current = flyway.info().current();
            if (current == null) {
                throw new StoreException("the database has no mevkit schema (open it with migrations enabled)");
            }
            return current.getVersion().getVersion();
        } catch (FlywayException e) {
            throw new StoreException("schema migration failed: " + e.getMessage(), e);
        }
    }

    /**
     * The newest version applied successfully according to the schema history on {@code connection}; empty when the
     * history holds none.
     *
     * @throws SQLException if there is no schema history table
     */
    public static Optional<String> version(Connection connection) throws SQLException {
        return Optional.ofNullable(newest(connection)).map(MigrationVersion::getVersion);
    }

    private static @Nullable MigrationVersion newest(Connection connection) throws SQLException {
        MigrationVersion newest = null;
        try (Statement s = connection.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (newest == null || v.compareTo(newest) > 0) {
                    newest = v;
                }
            }
        }
        return newest;
    }

    private static String requireCurrent(DataSource dataSource) {
        MigrationVersion newest;
        try (Connection c = dataSource.getConnection()) {
            newest = newest(c);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot read the schema history (open the store once with migrations enabled): " + e.getMessage(),
                    e);
        }
        MigrationVersion latest = MigrationVersion.fromVersion(LATEST);
        if (newest == null || newest.compareTo(latest) < 0) {
            throw new StoreException("the database schema is at version " + newest + ", this mevkit needs " + LATEST
                    + "; open the store once with migrations enabled");
        }
        if (newest.compareTo(latest) > 0) {
            throw newer(newest.getVersion());
        }
        return newest.getVersion();
    }

    private static StoreException newer(String version) {
        return new StoreException("the database schema is at version " + version
                + ", newer than this mevkit knows; upgrade mevkit instead of opening it with an older one");
    }

    private static void refuseNewerSchema(Flyway flyway) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw newer(info.getVersion().getVersion());
            }
        }
    }
}
