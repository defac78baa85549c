package io.mevkit.oracle;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A source could not give a quote; the reason says how the aggregate records it. Messages carry no secrets. */
public final class PriceSourceException extends OracleException {
    private static final long serialVersionUID = 1L;

    private final ExclusionReason reason;
    private final transient Instant retryAt;

    public PriceSourceException(ExclusionReason reason, String message) {
        this(reason, message, null, null);
    }

    public PriceSourceException(ExclusionReason reason, String message, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAt = retryAt;
    }

    public ExclusionReason reason() {
        return reason;
    }

    /** For {@link ExclusionReason#RATE_LIMITED}: when the source may be asked again. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
