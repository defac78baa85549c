package io.mevkit.store;

/**
 * SQLite's {@code synchronous} setting in WAL mode. Either way a crash of the process loses nothing committed and
 * never corrupts the file; they differ only when the machine itself loses power or the OS crashes.
 */
public enum Synchronous {
    /** No fsync per commit: the last commits before a power loss can be lost (the default; much faster). */
    NORMAL,
    /** An fsync per commit: a commit that returned survives a power loss. */
    FULL
}
