package io.mevkit.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audit event: written in the same transaction as the state transition it records, never updated or deleted
 * (only moved to the archive, unchanged). Ids increase in commit order per writer.
 *
 * @param id the event's id (its sequence number)
 * @param occurredAt when the transition happened
 * @param entity the kind of record it is about
 * @param entityId that record's id ({@code null} for risk events, which are keyed by scope and day)
 * @param opportunityId the opportunity it belongs to, if any
 * @param kind the transition
 * @param detail the transition's particulars as {@code key=value} pairs (never a secret)
 */
public record StoreEvent(
        long id,
        Instant occurredAt,
        EntityType entity,
        @Nullable Long entityId,
        @Nullable Long opportunityId,
        EventKind kind,
        String detail) {
    public StoreEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
