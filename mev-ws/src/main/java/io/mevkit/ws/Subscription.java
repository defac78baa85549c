package io.mevkit.ws;

import java.util.concurrent.CompletableFuture;

/**
 * A handle to one {@code eth_subscribe} subscription that survives reconnects and endpoint switches.
 *
 * <p>The handle's {@link #id()} is local and stable; the node's subscription id changes with every socket and is
 * remapped internally. {@link #unsubscribe()} always works: connected or not, the subscription stops being delivered
 * and is never re-established. Thread-safe.
 *
 * @param <T> the event type
 */
public interface Subscription<T> extends AutoCloseable {
    /** The local id, unique within its client and unchanged across reconnects. */
    long id();

    SubscriptionKind kind();

    /** Whether events may still be delivered: false after unsubscribe, after a terminal error, or once closed. */
    boolean isActive();

    /**
     * Completes when a node first acknowledged the subscription; fails if the node rejected it (invalid filter,
     * unsupported subscription).
     */
    CompletableFuture<Void> ready();

    /** A consistent snapshot of this subscription's counters. */
    SubscriptionStats stats();

    /** Ends the subscription on the node (when connected) and locally. Idempotent. */
    void unsubscribe();

    /** Same as {@link #unsubscribe()}. */
    @Override
    default void close() {
        unsubscribe();
    }
}
