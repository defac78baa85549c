package io.mevkit.stream.internal;

import java.nio.charset.StandardCharsets;

/** One rendered server message: its JSON text and UTF-8 size, computed once however many clients receive it. */
record Outgoing(String text, int bytes) {
    static Outgoing of(String text) {
        return new Outgoing(text, text.getBytes(StandardCharsets.UTF_8).length);
    }
}
