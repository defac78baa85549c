package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One source's quote behind an aggregate price, and whether the aggregate counted it.
 *
 * @param source the source's name (e.g. {@code chainlink}), 1 to 64 characters
 * @param price the quoted price, exact and not negative
 * @param confidence the source's uncertainty in the same unit, if it gives one
 * @param observedAt when the source observed the price
 * @param included whether the aggregate used this quote
 * @param exclusionReason why it was excluded; required exactly when not included
 */
public record SourceQuote(
        String source,
        BigDecimal price,
        @Nullable BigDecimal confidence,
        Instant observedAt,
        boolean included,
        @Nullable String exclusionReason) {
    public SourceQuote {
        source = Validate.label("source", source, 64);
        Validate.decimal("price", price);
        Validate.optionalDecimal("confidence", confidence);
        Validate.required("observedAt", observedAt);
        exclusionReason = Validate.optionalText("exclusionReason", exclusionReason, 1000);
        if (included == (exclusionReason != null)) {
            throw new ValidationException(
                    "exclusionReason", exclusionReason, "must be given exactly when the quote is excluded");
        }
    }
}
