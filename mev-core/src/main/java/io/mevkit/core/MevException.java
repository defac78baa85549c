package io.mevkit.core;

/**
 * The unchecked root of every exception mevkit throws; catch it to handle any mevkit failure in one place. Messages
 * never carry secrets (private keys, API keys, auth headers).
 */
public class MevException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MevException(String message) {
        super(message);
    }

    public MevException(String message, Throwable cause) {
        super(message, cause);
    }
}
