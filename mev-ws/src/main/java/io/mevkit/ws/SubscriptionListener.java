package io.mevkit.ws;

/**
 * Receives a subscription's events, in order, on a delivery thread (never on the socket's reader thread).
 *
 * <p>Calls for one subscription never overlap; different subscriptions may be delivered concurrently. An exception
 * thrown by a method is logged and counted, and delivery continues.
 *
 * @param <T> the event type: {@link Head}, {@link LogEvent}, {@link io.mevkit.core.Hash} or {@link PendingTransaction}
 */
@FunctionalInterface
public interface SubscriptionListener<T> {
    /** One event, in order: heads by block number, logs by block number and log index. */
    void onEvent(T event);

    /** A range of blocks whose events could not be delivered, in its place in the order. */
    default void onGap(Gap gap) {}

    /**
     * The subscription ended without {@link Subscription#unsubscribe()}: the node rejected it, its buffer overflowed
     * under {@link OverflowPolicy#FAIL}, or the client failed. Called once, after every buffered event.
     */
    default void onError(WsException error) {}
}
