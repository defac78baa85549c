package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.examples.config.MevkitConfig;
import io.mevkit.store.ArchiveResult;
import io.mevkit.store.BackupResult;
import io.mevkit.store.BackupStatus;
import io.mevkit.store.MevStore;
import io.mevkit.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mevkit store ...}: the store's schema, backups, restores, archive and statistics. */
@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "Migrate, back up, restore, archive and inspect the store (--db / MEVKIT_DB_URL).",
        subcommands = {
            StoreCommand.Migrate.class,
            StoreCommand.Backup.class,
            StoreCommand.Restore.class,
            StoreCommand.Archive.class,
            StoreCommand.Stats.class
        })
public final class StoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "a subcommand is required: migrate, backup, restore, archive or stats");
    }

    /** Opens the store without migrating: commands other than {@code migrate} need an up-to-date schema. */
    static MevStore open(MevkitConfig config, boolean migrate) {
        if (!migrate && config.db().sqliteFile().map(f -> !Files.exists(f)).orElse(false)) {
            throw new StoreException(
                    "no store at " + config.db().sqliteFile().get() + "; run 'mevkit store migrate' first");
        }
        return config.storeBuilder().migrate(migrate).build();
    }

    /** {@code store migrate}: creates or upgrades the schema. */
    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Create or upgrade the store's schema.")
    static final class Migrate implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            CliContext ctx = CliContext.of(spec);
            try (MevStore store = open(ctx.config(), true)) {
                if (ctx.json()) {
                    ObjectNode o = ctx.object();
                    o.put("dialect", store.dialect().name());
                    o.put("schemaVersion", store.schemaVersion());
                    ctx.printJson(o);
                } else {
                    ctx.out().printf("store %s at schema version %s%n", store.dialect(), store.schemaVersion());
                    ctx.out().flush();
                }
            }
        }
    }

    /** {@code store backup}: a consistent snapshot while writers go on. */
    @Command(
            name = "backup",
            mixinStandardHelpOptions = true,
            description = "Back up the store to --to, or into MEVKIT_BACKUP_DIR with its retention.")
    static final class Backup implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--to", paramLabel = "FILE", description = "Backup file (must not exist).")
        Path to;

        @Override
        public void run() {
            CliContext ctx = CliContext.of(spec);
            if (to == null && ctx.config().store().backupDir().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give --to FILE or set MEVKIT_BACKUP_DIR");
            }
            if (to != null && Files.exists(to)) {
                throw new ParameterException(spec.commandLine(), "--to " + to + " already exists");
            }
            try (MevStore store = open(ctx.config(), false)) {
                BackupResult r = to != null ? store.backupTo(to) : store.backup();
                printCounts(ctx, "backup " + r.path() + " taken at " + r.takenAt(), r.counts(), o -> {
                    o.put("path", r.path().toString());
                    o.put("takenAt", r.takenAt().toString());
                });
            }
        }
    }

    /** {@code store restore}: a verified SQLite backup copied to a new store file. */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = "Verify a backup and restore it (SQLite: to --to or the --db file, which must not exist;"
                    + " PostgreSQL: an export into the --db database, which must not have the schema yet).")
    static final class Restore implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "BACKUP", description = "The backup file or export.")
        Path from;

        @Option(names = "--to", paramLabel = "FILE", description = "SQLite target (default: the --db file).")
        Path to;

        @Override
        public void run() {
            CliContext ctx = CliContext.of(spec);
            if (!Files.exists(from)) {
                throw new ParameterException(spec.commandLine(), "--from " + from + " does not exist");
            }
            MevkitConfig config = ctx.config();
            if (config.db().postgresUrl().isPresent()) {
                // into a database without the schema: migrated to the export's version, loaded, then migrated on
                Map<String, Long> counts =
                        MevStore.restorePostgres(config.postgresDataSource().orElseThrow(), from);
                printCounts(ctx, "restored " + from, counts, o -> o.put("from", from.toString()));
                return;
            }
            Path target = to != null ? to : config.db().sqliteFile().orElseThrow();
            if (Files.exists(target)) {
                throw new ParameterException(
                        spec.commandLine(), "restore target " + target + " already exists (give --to a new file)");
            }
            MevStore.restoreSqlite(from, target);
            try (MevStore store =
                    MevStore.builder().sqlite(target).migrate(false).build()) {
                printCounts(ctx, "restored " + from + " to " + target, store.rowCounts(), o -> {
                    o.put("from", from.toString());
                    o.put("to", target.toString());
                });
            }
        }
    }

    /** {@code store archive}: old events and price snapshots into archive tables. */
    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description =
                    "Move events and price snapshots older than --older-than (MEVKIT_ARCHIVE_AGE) to archive tables.")
    static final class Archive implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--older-than",
                paramLabel = "DURATION",
                description = "e.g. 30d (default: MEVKIT_ARCHIVE_AGE).")
        String olderThan;

        @Override
        public void run() {
            CliContext ctx = CliContext.of(spec);
            Duration age = olderThan == null
                    ? ctx.config().store().archiveAge()
                    : io.mevkit.examples.config.Durations.parse(olderThan)
                            .orElseThrow(() -> new ParameterException(
                                    spec.commandLine(),
                                    "--older-than must be a duration such as 30d but was '" + olderThan + "'"));
            try (MevStore store = open(ctx.config(), false)) {
                ArchiveResult r = store.archive(age);
                printCounts(
                        ctx,
                        "archived rows older than " + r.cutoff() + " in " + r.batches() + " batches",
                        r.moved(),
                        o -> {
                            o.put("cutoff", r.cutoff().toString());
                            o.put("batches", r.batches());
                        });
            }
        }
    }

    /** {@code store stats}: schema, rows per table, integrity and backup state. */
    @Command(
            name = "stats",
            mixinStandardHelpOptions = true,
            description = "Schema, rows per table, integrity, backups.")
    static final class Stats implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            CliContext ctx = CliContext.of(spec);
            try (MevStore store = open(ctx.config(), false)) {
                Map<String, Long> counts = new TreeMap<>(store.rowCounts());
                List<String> problems = store.integrityProblems();
                BackupStatus backup = store.backupStatus();
                if (ctx.json()) {
                    ObjectNode o = ctx.object();
                    o.put("dialect", store.dialect().name());
                    o.put("schemaVersion", store.schemaVersion());
                    ObjectNode rows = o.putObject("rows");
                    counts.forEach(rows::put);
                    o.putArray("integrityProblems")
                            .addAll(problems.stream().map(o::textNode).toList());
                    o.put("backup", backup.state().name());
                    ctx.printJson(o);
                    return;
                }
                ctx.out().printf("store %s, schema version %s%n", store.dialect(), store.schemaVersion());
                Table t = Table.of("table", "rows").right(1);
                counts.forEach(t::row);
                t.print(ctx.out());
                ctx.out().printf("integrity: %s%n", problems.isEmpty() ? "ok" : String.join("; ", problems));
                ctx.out().printf("backup: %s%n", backup.state());
                ctx.out().flush();
            }
        }
    }

    private static void printCounts(
            CliContext ctx, String headline, Map<String, Long> counts, java.util.function.Consumer<ObjectNode> fields) {
        Map<String, Long> sorted = new TreeMap<>(counts);
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            fields.accept(o);
            ObjectNode rows = o.putObject("rows");
            sorted.forEach(rows::put);
            ctx.printJson(o);
            return;
        }
        ctx.out().println(headline);
        Table t = Table.of("table", "rows").right(1);
        sorted.forEach(t::row);
        t.print(ctx.out());
    }
}
