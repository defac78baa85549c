package io.mevkit.examples.config;

import java.util.Objects;

/**
 * A secret configuration value (a private key, an API key, a URL that may carry credentials). {@link #toString()}
 * never shows it; only {@link #reveal()} does, at the one place that hands it to a module. Immutable.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself: pass it straight to the module that needs it, never to a log or a message. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "<redacted>";
    }
}
