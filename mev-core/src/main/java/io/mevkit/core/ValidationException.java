package io.mevkit.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an input is rejected before anything is done with it; names the field, the value and the rule broken.
 * {@link #redacted(String, String)} is for secrets: their value is never kept or printed.
 */
public class ValidationException extends MevException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient @Nullable Object value;

    public ValidationException(String field, @Nullable Object value, String rule) {
        super(field + " " + rule + " (was " + value + ")");
        this.field = field;
        this.value = value;
    }

    private ValidationException(String field, String rule) {
        super(field + " " + rule + " (value redacted)");
        this.field = field;
        this.value = null;
    }

    /** A validation failure for a secret: the message names the field and the rule, never the value. */
    public static ValidationException redacted(String field, String rule) {
        return new ValidationException(field, rule);
    }

    public String field() {
        return field;
    }

    public @Nullable Object value() {
        return value;
    }
}
