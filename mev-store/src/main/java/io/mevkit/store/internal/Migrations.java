package io.mevkit.store.internal;

import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
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

    private Migrations() {}

    /** Applies pending migrations (when {@code migrate}) and checks the schema; returns the current version. */
    public static String apply(DataSource dataSource, Dialect dialect, boolean migrate) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(ROOT + "common", ROOT + (dialect == Dialect.SQLITE ? "sqlite" : "postgresql"))
                .table("mevkit_schema_history")
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .load();
        try {
            refuseNewerSchema(flyway);
            if (migrate) {
                MigrateResult result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.info(
                            "store schema migrated from {} to {} ({} migrations)",
                            result.initialSchemaVersion,
                            result.targetSchemaVersion,
                            result.migrationsExecuted);
                }
            } else {
                flyway.validate();
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

    private static void refuseNewerSchema(Flyway flyway) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw new StoreException("the database schema is at version " + info.getVersion()
                        + ", newer than this mevkit knows; upgrade mevkit instead of opening it with an older one");
            }
        }
    }
}
