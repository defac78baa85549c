package io.mevkit.ws.internal;

import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.RequestPolicy;
import io.mevkit.ws.SubscriptionOptions;
import io.mevkit.ws.WsListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/** The validated, immutable configuration of a client, as its builder produced it. */
public record WsSettings(
        List<Endpoint> endpoints,
        @Nullable Long expectedChainId,
        Duration blockTime,
        Duration staleAfter,
        Duration heartbeat,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration initialBackoff,
        Duration maxBackoff,
        @Nullable Duration maxDowntime,
        int breakerFailures,
        Duration breakerOpenFor,
        int maxMessageBytes,
        Map<String, RequestPolicy> requestPolicies,
        @Nullable BackfillSource backfillSource,
        int maxBackfillBlocks,
        int logsChunkBlocks,
        int reorgWindow,
        int backfillAttempts,
        Duration backfillRetryDelay,
        int maxHeldEvents,
        @Nullable Duration pollingAfter,
        Duration pollInterval,
        SubscriptionOptions defaultOptions,
        List<WsListener> listeners,
        @Nullable ScheduledExecutorService scheduler,
        @Nullable ExecutorService executor,
        LongSupplier ticker,
        RandomGenerator random,
        @Nullable OkHttpClient okHttpClient) {

    public RequestPolicy policyFor(String method) {
        RequestPolicy policy = requestPolicies.get(method);
        return policy != null ? policy : RequestPolicy.defaultFor(method);
    }
}
