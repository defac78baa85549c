package io.mevkit.ws.internal;

import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Gap;
import java.util.concurrent.Executor;

/** What a subscription needs from its client: executors, the backfill source, settings and the event channel. */
public interface SubscriptionHost {
    /** Runs delivery and backfill work; never the socket's reader thread. */
    Executor worker();

    /** Where missed blocks are fetched from right now. */
    BackfillSource backfillSource();

    WsSettings settings();

    /** A notification could not be decoded. */
    void malformed(String reason);

    /** The subscription delivered a gap (for the listener event and the client's counters). */
    void gapDelivered(SubscriptionCore<?> subscription, Gap gap);

    /** The subscription's buffer discarded {@code count} items. */
    void dropped(SubscriptionCore<?> subscription, long count);

    /** Events came from the backfill source rather than the socket. */
    void backfilled(long count);

    /** The subscription ended itself (overflow under FAIL, rejected): unsubscribe it on the node, forget it. */
    void ended(SubscriptionCore<?> subscription);

    /** The highest block number seen anywhere, or -1. */
    long lastKnownHead();

    void observedHead(long number);

    /** A head subscription found that blocks from {@code fromBlock} on were replaced: logs must be re-verified. */
    void reorgDetected(long fromBlock);

    long nanoTime();
}
