package io.mevkit.ws;

import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * Per-subscription delivery options: the capacity of its bounded buffer and what happens when the buffer is full.
 *
 * @param capacity the most items buffered between the socket and the listener; at least 1
 * @param overflow what to discard when the buffer is full
 */
public record SubscriptionOptions(int capacity, OverflowPolicy overflow) {
    /** The default capacity: enough for a burst of several thousand pending transactions. */
    public static final int DEFAULT_CAPACITY = 4096;

    public SubscriptionOptions {
        Objects.requireNonNull(overflow, "overflow");
        if (capacity < 1) {
            throw new ValidationException("capacity", capacity, "must be >= 1");
        }
    }

    /** {@value #DEFAULT_CAPACITY} items, dropping the oldest on overflow. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(DEFAULT_CAPACITY, OverflowPolicy.DROP_OLDEST);
    }

    public static SubscriptionOptions of(int capacity, OverflowPolicy overflow) {
        return new SubscriptionOptions(capacity, overflow);
    }
}
