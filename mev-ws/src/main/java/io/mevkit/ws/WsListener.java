package io.mevkit.ws;

import java.time.Duration;

/**
 * Observes a {@link WsClient}: state changes, reconnects, stale links, open circuits, gaps and drops. Every method has
 * an empty default, so implement only what you need.
 *
 * <p>Events are delivered one at a time, in the order they happened, on a client worker thread (never the socket's
 * reader thread and never while the client holds a lock), so a listener may call back into the client. An exception
 * thrown by a listener is logged and ignored.
 */
public interface WsListener {
    /** The connection moved from {@code from} to {@code to}. */
    default void stateChanged(ConnectionState from, ConnectionState to) {}

    /**
     * The client is connected again after a drop: chain id verified and every subscription re-acknowledged.
     *
     * @param attempts connection attempts this outage took, the successful one included
     * @param downtime from detecting the drop to connected
     */
    default void reconnected(int attempts, Duration downtime) {}

    /**
     * A {@code newHeads} subscription was silent for longer than the chain's block time allows. If the node still
     * answers and its head has not moved, the chain is halted and the link kept; otherwise the link is treated as dead
     * and reconnected. With logs subscriptions the client keeps a {@code newHeads} subscription of its own (to see
     * reorgs and silences); it may be the one reported here.
     */
    default void stale(Subscription<?> subscription, Duration silentFor) {}

    /** An endpoint failed often enough that its circuit opened: it is skipped until the breaker lets a probe through. */
    default void circuitOpened(Endpoint endpoint) {}

    /** A subscription could not deliver the events of a range of blocks; its listener receives the gap in order too. */
    default void gap(Subscription<?> subscription, Gap gap) {}

    /** A subscription's buffer overflowed and {@code count} items were discarded by its overflow policy. */
    default void dropped(Subscription<?> subscription, long count) {}

    /** A frame that is not valid JSON-RPC arrived and was discarded (counted in {@link WsStats#malformedFrames()}). */
    default void malformedFrame(Endpoint endpoint, String reason) {}

    /** A message longer than the configured maximum arrived and was discarded (counted). */
    default void oversizeMessage(Endpoint endpoint, long length) {}

    /** HTTP polling replaced the socket ({@code true}) or the socket is back ({@code false}). */
    default void pollingChanged(boolean active) {}

    /** The client entered {@link ConnectionState#FAILED}. */
    default void failed(WsException cause) {}
}
