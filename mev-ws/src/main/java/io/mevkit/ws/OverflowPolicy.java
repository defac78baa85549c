package io.mevkit.ws;

/**
 * What a subscription's bounded buffer does when its listener falls behind and the buffer is full.
 *
 * <p>Whatever the policy, nothing is lost silently: every discarded item is counted in
 * {@link SubscriptionStats#dropped()} and reported through {@link WsListener#dropped(Subscription, long)}, and
 * {@code produced = delivered + buffered + dropped} holds at every instant.
 */
public enum OverflowPolicy {
    /** Discards the oldest buffered item to make room for the new one (a sliding window of the newest items). */
    DROP_OLDEST,
    /**
     * Discards everything buffered and keeps only the new item: conflation, for consumers that only need the latest
     * head or price.
     */
    KEEP_LATEST,
    /**
     * Discards the new item and ends the subscription: the items already buffered are delivered, then the listener
     * receives {@link SubscriptionListener#onError(WsException)} with a {@link SubscriptionOverflowException}.
     */
    FAIL
}
