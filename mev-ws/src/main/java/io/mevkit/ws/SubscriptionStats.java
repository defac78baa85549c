package io.mevkit.ws;

/**
 * A consistent snapshot of one subscription's counters.
 *
 * <p>{@code produced == delivered + buffered + dropped} and {@code buffered <= capacity} hold in every snapshot.
 *
 * @param id the subscription's local id, stable across reconnects
 * @param kind what it delivers
 * @param produced items (events and gaps) handed to its buffer
 * @param delivered items handed to its listener
 * @param buffered items waiting in its buffer
 * @param dropped items discarded by the overflow policy (or by unsubscribing with items still buffered)
 * @param capacity the buffer's capacity
 * @param duplicates events suppressed because they had been delivered already
 * @param backfilled events delivered from the backfill source rather than the socket
 * @param gaps gaps delivered
 * @param lastBlock the highest block delivered so far, or -1
 */
public record SubscriptionStats(
        long id,
        SubscriptionKind kind,
        long produced,
        long delivered,
        long buffered,
        long dropped,
        int capacity,
        long duplicates,
        long backfilled,
        long gaps,
        long lastBlock) {}
