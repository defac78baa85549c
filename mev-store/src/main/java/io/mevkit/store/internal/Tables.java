package io.mevkit.store.internal;

import io.mevkit.store.StoreException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The store's tables, parents before children (the order to copy them in), the schema version whose migration created
 * each, and which hold identity ids. A backup holds the tables of the schema version it was taken at, so a backup taken
 * before a migration that adds a table is still complete (see {@link #at(String)}).
 */
public final class Tables {
    /** Each table and the migration version that created it, live then archive, parents first. */
    private static final Map<String, String> SINCE = since();

    /** Every table of the latest schema, live then archive, parents first. */
    public static final List<String> ALL = List.copyOf(SINCE.keySet());

    /** Tables whose {@code id} is generated, so a restore must move the generator past the largest id. */
    public static final List<String> WITH_GENERATED_ID = List.of(
            "opportunities", "bundles", "submissions", "executions", "price_snapshots", "price_quotes", "events");

    private Tables() {}

    private static Map<String, String> since() {
        Map<String, String> since = new LinkedHashMap<>();
        for (String table : List.of(
                "tokens",
                "pools",
                "opportunities",
                "bundles",
                "bundle_txs",
                "submissions",
                "executions",
                "price_snapshots",
                "price_quotes",
                "risk_state")) {
            since.put(table, "1");
        }
        since.put("risk_policy_state", "4");
        since.put("risk_policy_spends", "5");
        for (String table : List.of("events", "events_archive", "price_snapshots_archive", "price_quotes_archive")) {
            since.put(table, "1");
        }
        return since;
    }

    /**
     * The tables a database at schema {@code version} has, in {@link #ALL}'s order: a backup taken at that version holds
     * exactly these.
     *
     * @throws StoreException if {@code version} is not a schema version, or is newer than this code knows
     */
    public static List<String> at(String version) {
        MigrationVersion v = version(version);
        if (v.compareTo(MigrationVersion.fromVersion(Migrations.LATEST)) > 0) {
            throw new StoreException("schema version " + version + " is newer than this mevkit knows ("
                    + Migrations.LATEST + "); upgrade mevkit to read it");
        }
        return SINCE.entrySet().stream()
                .filter(e -> MigrationVersion.fromVersion(e.getValue()).compareTo(v) <= 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The tables with generated ids that a database at schema {@code version} has. */
    public static List<String> withGeneratedIdAt(String version) {
        List<String> tables = at(version);
        return WITH_GENERATED_ID.stream().filter(tables::contains).toList();
    }

    private static MigrationVersion version(String version) {
        if (version == null || !version.matches("[0-9]+(\\.[0-9]+)*")) {
            throw new StoreException("'" + version + "' is not a schema version");
        }
        return MigrationVersion.fromVersion(version);
    }
}
