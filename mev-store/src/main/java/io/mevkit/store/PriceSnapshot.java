package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An aggregate price with the per-source quotes behind it. {@code (base, quote, observedAt)} is its unique key:
 * recording it twice is harmless. Times are kept to the millisecond.
 *
 * @param base the priced asset (symbol or address), 1 to 64 characters
 * @param quote the unit, e.g. {@code USD}
 * @param price the aggregate price, exact and not negative
 * @param confidence the aggregate's uncertainty, if known
 * @param observedAt when the aggregate was formed
 * @param quotes the sources' quotes, one per source name
 */
public record PriceSnapshot(
        String base,
        String quote,
        BigDecimal price,
        @Nullable BigDecimal confidence,
        Instant observedAt,
        List<SourceQuote> quotes) {
    public PriceSnapshot {
        base = Validate.label("base", base, 64);
        quote = Validate.label("quote", quote, 64);
        Validate.decimal("price", price);
        Validate.optionalDecimal("confidence", confidence);
        Validate.required("observedAt", observedAt);
        quotes = List.copyOf(Validate.required("quotes", quotes));
        Set<String> sources = new HashSet<>();
        for (SourceQuote q : quotes) {
            if (!sources.add(q.source())) {
                throw new ValidationException("quotes", q.source(), "must name each source once");
            }
        }
    }
}
