package io.mevkit.store.internal;

import io.mevkit.store.EntityType;
import io.mevkit.store.EventKind;
import io.mevkit.store.EventRepository;
import io.mevkit.store.StoreEvent;
import io.mevkit.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Read access to live events. */
final class JdbiEvents implements EventRepository {
    private static final String COLUMNS = "id, occurred_ms, entity, entity_id, opportunity_id, kind, detail";

    private final TxContext tx;

    JdbiEvents(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public List<StoreEvent> forOpportunity(long opportunityId) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM events WHERE opportunity_id = :id ORDER BY id")
                .bind("id", opportunityId)
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public List<StoreEvent> after(long afterId, int limit) {
        return tx.handle
                .createQuery("SELECT " + COLUMNS + " FROM events WHERE id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", Limits.check(limit))
                .map((rs, ctx) -> map(rs))
                .list();
    }

    @Override
    public long count() {
        return tx.handle
                .createQuery("SELECT count(*) FROM events")
                .mapTo(Long.class)
                .one();
    }

    static StoreEvent map(ResultSet rs) throws SQLException {
        long entityId = rs.getLong("entity_id");
        boolean hasEntity = !rs.wasNull();
        long opportunityId = rs.getLong("opportunity_id");
        boolean hasOpportunity = !rs.wasNull();
        try {
            return new StoreEvent(
                    rs.getLong("id"),
                    TxContext.instant(rs.getLong("occurred_ms")),
                    EntityType.valueOf(rs.getString("entity")),
                    hasEntity ? entityId : null,
                    hasOpportunity ? opportunityId : null,
                    EventKind.valueOf(rs.getString("kind")),
                    rs.getString("detail"));
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown event entity or kind in the database", e);
        }
    }
}
