package io.mevkit.store.internal;

import org.jspecify.annotations.Nullable;

/** Builds an event's detail text: {@code key=value} pairs separated by spaces, at most 2000 characters. */
final class Detail {
    static final int MAX = 2000;

    private final StringBuilder text = new StringBuilder();

    private Detail() {}

    static Detail of(String key, @Nullable Object value) {
        return new Detail().and(key, value);
    }

    Detail and(String key, @Nullable Object value) {
        if (value != null) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=').append(value);
        }
        return this;
    }

    @Override
    public String toString() {
        return clip(text.toString());
    }

    static String clip(String detail) {
        return detail.length() <= MAX ? detail : detail.substring(0, MAX - 3) + "...";
    }
}
