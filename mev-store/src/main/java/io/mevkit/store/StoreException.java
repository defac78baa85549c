package io.mevkit.store;

import io.mevkit.core.MevException;

/** Thrown when the store could not read or write: a database error, a failed migration, or a constraint. Messages never carry secrets. */
public class StoreException extends MevException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
