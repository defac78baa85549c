package io.mevkit.core;

import java.util.Objects;

/**
 * Bad input: names the field, the value it had (redacted for secrets) and the rule it broke. Thrown at
 * {@code build()} of configuration and at every public boundary that takes outside data, before anything is
 * written or sent.
 */
public class ValidationException extends MevException {
    private static final long serialVersionUID = 1L;
    private static final String REDACTED = "<redacted>";
    private static final int MAX_VALUE_CHARS = 200;

    private final String field;
    private final String value;
    private final String rule;

    /** {@code field} had {@code value}, which breaks {@code rule} (e.g. "must be positive"). */
    public ValidationException(String field, Object value, String rule) {
        this(field, describe(value), rule, null);
    }

    public ValidationException(String field, Object value, String rule, Throwable cause) {
        this(field, describe(value), rule, cause);
    }

    private ValidationException(String field, String value, String rule, Throwable cause) {
        super(field + " " + rule + " but was " + value, cause);
        this.field = Objects.requireNonNull(field, "field");
        this.value = value;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** For a secret field (a key, a token, a password): the message names the field and rule, never the value. */
    public static ValidationException redacted(String field, String rule) {
        return new ValidationException(field, REDACTED, rule, (Throwable) null);
    }

    public String field() {
        return field;
    }

    /** The offending value as shown in the message ({@code <redacted>} for secrets). */
    public String value() {
        return value;
    }

    public String rule() {
        return rule;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
