package io.mevkit.store.internal;

import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
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
    public static final String LATEST = "4";

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
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(ROOT + "common", ROOT + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
                .table(HISTORY)
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

    private static String requireCurrent(DataSource dataSource) {
        MigrationVersion newest = null;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (newest == null || v.compareTo(newest) > 0) {
                    newest = v;
                }
            }
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
