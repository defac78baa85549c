package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.ws.Gap;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;
import java.util.function.Function;

/**
 * {@code newPendingTransactions}, hashes or full transactions. Pending transactions cannot be fetched again, so every
 * outage is reported as a {@link Gap} ({@link Gap.Reason#NOT_BACKFILLABLE}) over the blocks mined meanwhile.
 *
 * @param <T> {@link io.mevkit.core.Hash} or {@link io.mevkit.ws.PendingTransaction}
 */
final class PendingSubscription<T> extends SubscriptionCore<T> {
    private final Function<JsonNode, T> decoder;
    // guarded by this
    private boolean away;
    private long headWhenDropped = -1;

    PendingSubscription(
            SubscriptionHost host,
            long id,
            boolean full,
            Function<JsonNode, T> decoder,
            SubscriptionOptions options,
            SubscriptionListener<T> listener) {
        super(
                host,
                id,
                full ? SubscriptionKind.PENDING_TRANSACTIONS : SubscriptionKind.PENDING_TRANSACTION_HASHES,
                full ? Json.params("newPendingTransactions", true) : Json.params("newPendingTransactions"),
                options,
                listener);
        this.decoder = decoder;
    }

    @Override
    public void onNotification(JsonNode result) {
        T event;
        try {
            event = decoder.apply(result);
        } catch (RuntimeException e) {
            host.malformed(kind() + " notification: " + e.getMessage());
            return;
        }
        touched();
        deliverEvent(event, false);
    }

    @Override
    public synchronized void onDisconnected() {
        if (everAcknowledged() && !away) {
            away = true;
            headWhenDropped = host.lastKnownHead();
        }
    }

    @Override
    public void onConnected(long head) {
        synchronized (this) {
            if (!away) {
                return;
            }
            away = false;
            long from = headWhenDropped < 0 ? head : Math.min(headWhenDropped + 1, head);
            deliverGap(new Gap(Math.max(0, from), Math.max(0, head), Gap.Reason.NOT_BACKFILLABLE));
        }
    }

    @Override
    public void onPoll(long head) {
        // nothing to poll: the gap is reported when the socket is back
    }

    @Override
    public long lastBlock() {
        return -1;
    }
}
