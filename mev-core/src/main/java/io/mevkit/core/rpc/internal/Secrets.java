package io.mevkit.core.rpc.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The secret strings one exchange could leak (URL credentials, API keys in query or path, sensitive header values)
 * and the scrubbing of text and exception chains that come back from the network. Immutable.
 */
public final class Secrets {
    /** Shorter strings are not replaced: they would garble every message and protect nothing. */
    static final int MIN_LENGTH = 3;

    private static final String MASK = "***";
    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    public static Secrets none() {
        return NONE;
    }

    public static Secrets of(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        for (String v : values) {
            if (v != null && v.length() >= MIN_LENGTH) {
                kept.add(v);
            }
        }
        if (kept.isEmpty()) {
            return NONE;
        }
        List<String> sorted = new ArrayList<>(kept);
        // longest first, so that a secret containing another is replaced whole
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(sorted));
    }

    /** These secrets plus {@code more}. */
    public Secrets plus(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(values);
        all.addAll(more);
        return of(all);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Whether a header's value is a credential by its name (Authorization, API keys, tokens, signatures, cookies). */
    public static boolean isSensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("auth")
                || n.contains("key")
                || n.contains("token")
                || n.contains("secret")
                || n.contains("signature")
                || n.contains("password")
                || n.contains("cookie")
                || n.contains("credential");
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public @Nullable String scrub(@Nullable String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** Whether {@code text} contains any secret. */
    public boolean leaksInto(@Nullable String text) {
        if (text == null) {
            return false;
        }
        for (String secret : values) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code error} itself when no message in its cause chain contains a secret; otherwise a copy of the chain in
     * which each throwable is a {@link RedactedException} naming the original class, with the scrubbed message and the
     * original stack trace.
     */
    public Throwable scrub(Throwable error) {
        if (values.isEmpty() || !chainLeaks(error)) {
            return error;
        }
        return copyScrubbed(error, 0);
    }

    private boolean chainLeaks(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 32; t = t.getCause(), depth++) {
            if (leaksInto(t.getMessage()) || leaksInto(t.toString())) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (chainLeaks(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Throwable copyScrubbed(Throwable error, int depth) {
        Throwable cause = error.getCause();
        RedactedException copy = new RedactedException(
                error.getClass().getName() + ": " + scrub(String.valueOf(error.getMessage())),
                cause == null || depth >= 32 ? null : copyScrubbed(cause, depth + 1));
        copy.setStackTrace(error.getStackTrace());
        for (Throwable s : error.getSuppressed()) {
            copy.addSuppressed(copyScrubbed(s, depth + 1));
        }
        return copy;
    }

    /** Stands in for a throwable whose message contained a secret; its message names the original class. */
    public static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }
}
