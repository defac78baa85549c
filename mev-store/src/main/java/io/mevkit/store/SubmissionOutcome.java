package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a builder answered to one submission. The response is the builder's answer (e.g. its bundle hash or error
 * message), never the request or its headers; callers shorten longer answers themselves.
 *
 * @param status {@code ACCEPTED}, {@code REJECTED} or {@code UNKNOWN}
 * @param response the builder's answer, at most 2000 characters
 * @param latency the round trip, not negative
 */
public record SubmissionOutcome(SubmissionStatus status, @Nullable String response, Duration latency) {
    /** The longest response kept. */
    public static final int MAX_RESPONSE = 2000;

    public SubmissionOutcome {
        Validate.required("status", status);
        if (status == SubmissionStatus.PENDING) {
            throw new ValidationException("status", status, "must be an outcome, not PENDING");
        }
        response = Validate.optionalText("response", response, MAX_RESPONSE);
        Validate.required("latency", latency);
        if (latency.isNegative()) {
            throw new ValidationException("latency", latency, "must not be negative");
        }
    }

    public static SubmissionOutcome accepted(@Nullable String response, Duration latency) {
        return new SubmissionOutcome(SubmissionStatus.ACCEPTED, response, latency);
    }

    public static SubmissionOutcome rejected(@Nullable String response, Duration latency) {
        return new SubmissionOutcome(SubmissionStatus.REJECTED, response, latency);
    }

    public static SubmissionOutcome unknown(@Nullable String response, Duration latency) {
        return new SubmissionOutcome(SubmissionStatus.UNKNOWN, response, latency);
    }
}
