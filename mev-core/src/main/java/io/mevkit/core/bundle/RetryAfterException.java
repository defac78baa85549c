package io.mevkit.core.bundle;

import io.mevkit.core.MevException;
import io.mevkit.core.rpc.RpcException;
import java.time.Duration;
import java.util.Objects;

/**
 * A builder answered 429 or 503 with a {@code Retry-After} header: the {@linkplain #failure() HTTP failure} plus how
 * long the builder asked to wait. Retries honour it. Immutable.
 */
public final class RetryAfterException extends MevException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RetryAfterException(RpcException failure, Duration retryAfter) {
        super(Objects.requireNonNull(failure, "failure").getMessage() + " (retry after " + retryAfter + ")", failure);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The HTTP status failure. */
    public RpcException failure() {
        // the cause is always the RpcException given to the constructor (kept as the cause so it survives
        // serialisation)
        return (RpcException) getCause();
    }

    /** How long the builder asked to wait. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
