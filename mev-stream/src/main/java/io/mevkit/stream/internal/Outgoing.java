package io.mevkit.stream.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One rendered server message, encoded to UTF-8 once however many clients receive it; each client's frame reads its
 * own {@link ByteBuffer#duplicate() duplicate} of the shared bytes.
 */
record Outgoing(String text, ByteBuffer utf8) {
    static Outgoing of(String text) {
        return new Outgoing(text, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    int bytes() {
        return utf8.remaining();
    }

    ByteBuffer payload() {
        return utf8.duplicate();
    }
}
