package io.mevkit.store.internal;

import io.mevkit.store.BackupPolicy;
import io.mevkit.store.BackupResult;
import io.mevkit.store.BackupStatus;
import io.mevkit.store.BackupVerificationException;
import io.mevkit.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backups into the policy's directory (names sort by time), keeps the newest {@code retain}, re-verifies the
 * latest (against the tables of the schema version it was taken at), and keeps a {@link BackupStatus} for health
 * checks. Scheduled work runs on the caller's scheduler; close()
 * cancels it (the scheduler itself belongs to the caller). One backup or verification at a time. Thread-safe.
 */
public final class BackupManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("mevkit-\\d{8}T\\d{6}\\.\\d{3}Z-\\d{2}(\\.db)?");

    private final BackupMethod method;
    private final @Nullable BackupPolicy policy;
    private final Clock clock;
    private final Supplier<String> schema;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile BackupStatus status =
            new BackupStatus(BackupStatus.State.NONE, null, null, null, Map.of(), null, 0, 0);

    public BackupManager(BackupMethod method, @Nullable BackupPolicy policy, Clock clock, Supplier<String> schema) {
        this.method = method;
        this.policy = policy;
        this.clock = clock;
        this.schema = schema;
    }

    public BackupStatus status() {
        return status;
    }

    /** Schedules backups and verifications per the policy on {@code scheduler}. */
    public synchronized void schedule(ScheduledExecutorService scheduler) {
        BackupPolicy p = requirePolicy();
        long every = p.interval().toMillis();
        long verifyEvery = p.verifyInterval().toMillis();
        scheduled.add(scheduler.scheduleWithFixedDelay(
                () -> quietly("scheduled backup", this::backupNow), every, every, TimeUnit.MILLISECONDS));
        scheduled.add(scheduler.scheduleWithFixedDelay(
                () -> quietly("scheduled backup verification", this::verifyLatest),
                verifyEvery,
                verifyEvery,
                TimeUnit.MILLISECONDS));
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // already recorded in the status (FAILED, with the problem); a thrown exception would end the schedule
            LOG.warn("{} failed: {}", what, e.getMessage());
        }
    }

    /** Takes a backup into the policy's directory, then deletes all but the newest {@code retain}. */
    public synchronized BackupResult backupNow() {
        BackupPolicy p = requirePolicy();
        Path target;
        try {
            Files.createDirectories(p.directory());
            target = freshName(p.directory());
        } catch (IOException | RuntimeException e) {
            throw failed("cannot prepare backup directory " + p.directory() + ": " + e.getMessage(), e);
        }
        BackupResult result = backupTo(target);
        List<Path> all = list(p.directory());
        for (int i = 0; i < all.size() - p.retain(); i++) {
            method.delete(all.get(i));
            LOG.debug("deleted old backup {}", all.get(i));
        }
        return result;
    }

    /** Takes a backup to {@code target}, which must not exist. */
    public synchronized BackupResult backupTo(Path target) {
        if (Files.exists(target)) {
            throw new StoreException("backup target " + target + " already exists");
        }
        Instant takenAt = clock.instant();
        try {
            Manifest manifest = method.take(target, schema.get(), takenAt);
            BackupStatus s = status;
            status = new BackupStatus(
                    BackupStatus.State.TAKEN,
                    target,
                    takenAt,
                    null,
                    manifest.counts(),
                    null,
                    s.taken() + 1,
                    s.failures());
            LOG.debug("backup taken: {} {}", target, manifest.counts());
            return new BackupResult(target, takenAt, manifest.counts());
        } catch (RuntimeException e) {
            throw failed("backup to " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Verifies the newest backup in the policy's directory (or the last one taken, without a policy). */
    public synchronized BackupStatus verifyLatest() {
        Optional<Path> latest = policy != null ? last(list(policy.directory())) : Optional.ofNullable(status.latest());
        if (latest.isEmpty()) {
            return status;
        }
        Path backup = latest.get();
        try {
            // the manifest's schema version says which tables the backup holds: an upgrade adds none to old backups
            Manifest manifest = method.manifest(backup);
            manifest.requireCounts(backup, method.verify(backup, manifest.schema()));
            BackupStatus s = status;
            status = new BackupStatus(
                    BackupStatus.State.VERIFIED,
                    backup,
                    manifest.takenAt(),
                    clock.instant(),
                    manifest.counts(),
                    null,
                    s.taken(),
                    s.failures());
            return status;
        } catch (RuntimeException e) {
            throw failed("verification of " + backup + " failed: " + e.getMessage(), e);
        }
    }

    private StoreException failed(String context, Exception cause) {
        // a verification failure already names the backup and the table at fault: callers and health checks see it as
        // is
        @Nullable BackupVerificationException typed = cause instanceof BackupVerificationException b ? b : null;
        String problem = typed != null ? typed.getMessage() : context;
        BackupStatus s = status;
        status = new BackupStatus(
                BackupStatus.State.FAILED,
                s.latest(),
                s.takenAt(),
                s.verifiedAt(),
                s.counts(),
                problem,
                s.taken(),
                s.failures() + 1);
        if (typed != null) {
            return typed;
        }
        return cause instanceof StoreException se && se.getMessage().equals(problem)
                ? se
                : new StoreException(problem, cause);
    }

    private Path freshName(Path directory) {
        String stamp = STAMP.format(clock.instant());
        for (int n = 0; n < 100; n++) {
            Path candidate = directory.resolve(String.format("mevkit-%s-%02d%s", stamp, n, method.suffix()));
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new StoreException("100 backups in one millisecond in " + directory);
    }

    /** The backups in {@code directory}, oldest first. */
    public static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("cannot list backups in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> last(List<Path> paths) {
        return paths.isEmpty() ? Optional.empty() : Optional.of(paths.get(paths.size() - 1));
    }

    private BackupPolicy requirePolicy() {
        if (policy == null) {
            throw new StoreException("no backup policy: configure MevStore.builder().backups(...)");
        }
        return policy;
    }

    @Override
    public synchronized void close() {
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
    }
}
