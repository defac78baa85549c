package io.mevkit.store;

import java.util.List;
import java.util.Optional;

/**
 * Submissions of bundles to builders: the intent before sending, the outcome after. Obtained from a
 * {@link StoreTransaction}; valid only inside its callback.
 */
public interface SubmissionRepository {
    /**
     * Writes the intent to send {@code bundleId} to {@code builder} for {@code targetBlock}, as {@code PENDING}, before
     * anything is sent: commit it first, then send. Recording the same intent twice returns the stored submission.
     *
     * @throws NotFoundException if there is no such bundle
     */
    Submission recordIntent(long bundleId, String builder, long targetBlock);

    /**
     * Records what the builder answered. An accepted (or unknown) submission also moves its bundle to
     * {@code SUBMITTED} and a planned opportunity to {@code SUBMITTED}, each with its event.
     *
     * @throws StateTransitionException if the submission already has a final outcome
     */
    Submission recordOutcome(long submissionId, SubmissionOutcome outcome);

    Optional<Submission> find(long id);

    /** Submissions still {@code PENDING} (sent or not: reconcile them after a restart), oldest first. */
    List<Submission> pending(int limit);

    List<Submission> forBundle(long bundleId);

    List<Submission> byTargetBlock(long targetBlock);
}
