package io.mevkit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One submission of a bundle to one builder for one target block, as stored.
 *
 * @param id the store's id
 * @param bundleId the bundle sent
 * @param builder the builder's name
 * @param targetBlock the block it was sent for
 * @param status {@code PENDING} until the outcome is recorded
 * @param response the builder's answer, once known
 * @param latency the round trip, once known
 * @param intentAt when the intent was written (before sending)
 * @param outcomeAt when the outcome was written
 */
public record Submission(
        long id,
        long bundleId,
        String builder,
        long targetBlock,
        SubmissionStatus status,
        @Nullable String response,
        @Nullable Duration latency,
        Instant intentAt,
        @Nullable Instant outcomeAt) {
    public Submission {
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(intentAt, "intentAt");
    }
}
