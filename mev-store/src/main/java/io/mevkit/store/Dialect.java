package io.mevkit.store;

/** The database behind a {@link MevStore}. */
public enum Dialect {
    /** An embedded SQLite file: one machine, one writer at a time (the default). */
    SQLITE,
    /** A PostgreSQL database, shared by bot instances on several machines. */
    POSTGRESQL
}
