package io.mevkit.core.bundle;

import io.mevkit.core.Hash;
import java.util.concurrent.CompletableFuture;

/**
 * Whatever takes bundles for a target block: a remote builder ({@link BuilderClient}) or the {@link LocalBuilder}
 * that orders transactions on a local node. Searcher code written against this interface does not care which.
 * Implementations must be thread-safe.
 */
public interface BundleSubmitter {
    /** A short name for logs and metrics. */
    String name();

    /** Submits {@code bundle} (its {@code blockNumber} is the target); completes with the bundle hash acknowledged. */
    CompletableFuture<Hash> sendBundleAsync(Bundle bundle);

    /** Cancels the bundles submitted under {@code replacementId}. */
    void cancel(String replacementId);
}
