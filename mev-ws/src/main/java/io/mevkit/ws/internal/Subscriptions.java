package io.mevkit.ws.internal;

import io.mevkit.core.Hash;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.PendingTransaction;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;

/** Creates subscriptions for {@link io.mevkit.ws.WsClient}; the classes themselves stay package-private. */
public final class Subscriptions {
    private Subscriptions() {}

    public static SubscriptionCore<Head> newHeads(
            SubscriptionHost host, long id, SubscriptionOptions options, SubscriptionListener<Head> listener) {
        return new HeadSubscription(host, id, options, listener);
    }

    public static SubscriptionCore<LogEvent> logs(
            SubscriptionHost host,
            long id,
            LogFilter filter,
            SubscriptionOptions options,
            SubscriptionListener<LogEvent> listener) {
        return new LogSubscription(host, id, filter, options, listener);
    }

    public static SubscriptionCore<Hash> pendingHashes(
            SubscriptionHost host, long id, SubscriptionOptions options, SubscriptionListener<Hash> listener) {
        return new PendingSubscription<>(host, id, false, Json::hash, options, listener);
    }

    public static SubscriptionCore<PendingTransaction> pendingTransactions(
            SubscriptionHost host,
            long id,
            SubscriptionOptions options,
            SubscriptionListener<PendingTransaction> listener) {
        return new PendingSubscription<>(host, id, true, Json::pendingTransaction, options, listener);
    }
}
