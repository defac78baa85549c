package io.mevkit.oracle;

import java.util.Objects;
import java.util.Optional;

/** A source that did not count in an aggregate, with its quote when it had one, and why. */
public record Exclusion(String source, SourceKind kind, Optional<Quote> quote, ExclusionReason reason, String detail) {
    public Exclusion {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
