package io.mevkit.oracle;

import io.mevkit.core.MevException;

/** Thrown when a price could not be had: no quorum, every source stale, or a source failed. Messages never carry secrets. */
public class OracleException extends MevException {
    private static final long serialVersionUID = 1L;

    public OracleException(String message) {
        super(message);
    }

    public OracleException(String message, Throwable cause) {
        super(message, cause);
    }
}
