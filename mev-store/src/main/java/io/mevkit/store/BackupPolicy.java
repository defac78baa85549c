package io.mevkit.store;

import io.mevkit.core.ValidationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how often the store backs itself up, how many backups it keeps, and how often it re-verifies the latest.
 * Immutable and thread-safe; made by {@link #builder(Path)}.
 */
public final class BackupPolicy {
    private final Path directory;
    private final Duration interval;
    private final int retain;
    private final Duration verifyInterval;

    private BackupPolicy(Builder b) {
        this.directory = b.directory;
        this.interval = b.interval;
        this.retain = b.retain;
        this.verifyInterval = b.verifyInterval;
    }

    /** A policy writing backups into {@code directory} (created if missing). */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    public Path directory() {
        return directory;
    }

    /** Time between scheduled backups. */
    public Duration interval() {
        return interval;
    }

    /** How many of the newest backups are kept; older ones are deleted after each backup. */
    public int retain() {
        return retain;
    }

    /** Time between scheduled re-verifications of the latest backup. */
    public Duration verifyInterval() {
        return verifyInterval;
    }

    @Override
    public String toString() {
        return "BackupPolicy[directory=" + directory + ", interval=" + interval + ", retain=" + retain
                + ", verifyInterval=" + verifyInterval + "]";
    }

    /** Builds a {@link BackupPolicy}; each option is checked when set. Not thread-safe. */
    public static final class Builder {
        private final Path directory;
        private Duration interval = Duration.ofHours(1);
        private int retain = 24;
        private Duration verifyInterval = Duration.ofHours(1);

        private Builder(Path directory) {
            if (directory == null) {
                throw new ValidationException("directory", null, "is required");
            }
            this.directory = directory;
        }

        /** Time between scheduled backups: at least one second (default one hour). */
        public Builder interval(Duration interval) {
            this.interval = atLeastOneSecond("interval", interval);
            return this;
        }

        /** How many backups to keep: at least 1 (default 24). */
        public Builder retain(int retain) {
            if (retain < 1) {
                throw new ValidationException("retain", retain, "must be at least 1");
            }
            this.retain = retain;
            return this;
        }

        /** Time between re-verifications of the latest backup: at least one second (default one hour). */
        public Builder verifyInterval(Duration verifyInterval) {
            this.verifyInterval = atLeastOneSecond("verifyInterval", verifyInterval);
            return this;
        }

        public BackupPolicy build() {
            return new BackupPolicy(this);
        }

        private static Duration atLeastOneSecond(String field, Duration value) {
            Objects.requireNonNull(field);
            if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new ValidationException(field, value, "must be at least one second");
            }
            return value;
        }
    }
}
