package io.mevkit.store.internal;

import io.mevkit.store.Dialect;
import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/** What every repository of one transaction shares: the handle, the dialect's codecs and the clock. */
public final class TxContext {
    final Handle handle;
    final Dialect dialect;
    final AmountCodec codec;
    final Clock clock;

    public TxContext(Handle handle, Dialect dialect, AmountCodec codec, Clock clock) {
        this.handle = handle;
        this.dialect = dialect;
        this.codec = codec;
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    /** {@code FOR UPDATE} where the dialect has row locks (PostgreSQL); SQLite's single writer needs none. */
    String forUpdate() {
        return dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    }

    /** Appends an audit event in the current transaction. */
    void event(
            long occurredMs,
            EntityType entity,
            @Nullable Long entityId,
            @Nullable Long opportunityId,
            EventKind kind,
            String detail) {
        handle.createUpdate("INSERT INTO events (occurred_ms, entity, entity_id, opportunity_id, kind, detail)"
                        + " VALUES (:occurred, :entity, :entityId, :opportunityId, :kind, :detail)")
                .bind("occurred", occurredMs)
                .bind("entity", entity.name())
                .bindByType("entityId", entityId, Long.class)
                .bindByType("opportunityId", opportunityId, Long.class)
                .bind("kind", kind.name())
                .bind("detail", Detail.clip(detail))
                .execute();
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
