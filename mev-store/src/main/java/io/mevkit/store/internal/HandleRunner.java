package io.mevkit.store.internal;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Runs work in one write transaction of the store (serialized with every other writer on SQLite). */
public interface HandleRunner {
    <T> T inTransaction(Function<Handle, T> work);
}
