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

    /**
     * The asynchronous twin of {@link #cancel(String)}. The default runs {@link #cancel(String)} on the calling thread;
     * a submitter that talks to a remote builder answers without blocking.
     */
    default CompletableFuture<Void> cancelAsync(String replacementId) {
        try {
            cancel(replacementId);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
