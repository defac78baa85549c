package io.mevkit.examples.config;

import io.mevkit.core.MevException;
import java.util.Objects;

/**
 * A configuration value (a flag, a {@code MEVKIT_*} variable or a config-file entry) that cannot be used: names the
 * variable, the value (or {@code <redacted>} for secrets) and the rule it broke, in one line.
 */
public final class ConfigException extends MevException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_VALUE_CHARS = 120;

    private final String variable;

    private ConfigException(String variable, String message) {
        super(message);
        this.variable = variable;
    }

    /** {@code variable} had {@code value}, which breaks {@code rule}; the value is shown unless {@code secret}. */
    public static ConfigException invalid(String variable, String value, boolean secret, String rule) {
        Objects.requireNonNull(variable, "variable");
        String shown = secret ? "<redacted>" : quote(value);
        return new ConfigException(variable, variable + " " + rule + " but was " + shown);
    }

    /** A problem with {@code variable} that is not about one value (e.g. where it came from). */
    public static ConfigException of(String variable, String message) {
        return new ConfigException(variable, variable + " " + message);
    }

    /** The variable at fault, e.g. {@code MEVKIT_RPC_TIMEOUT}. */
    public String variable() {
        return variable;
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String oneLine = value.replaceAll("\\s+", " ");
        String cut = oneLine.length() <= MAX_VALUE_CHARS ? oneLine : oneLine.substring(0, MAX_VALUE_CHARS) + "...";
        return "\"" + cut + "\"";
    }
}
