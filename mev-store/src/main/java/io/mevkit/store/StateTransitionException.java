package io.mevkit.store;

/**
 * Thrown when a record is asked to move to a status its current status does not allow (e.g. planning a skipped
 * opportunity). The transaction is rolled back; nothing is written.
 */
public class StateTransitionException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final EntityType entity;
    private final long entityId;
    private final String from;
    private final String to;

    public StateTransitionException(EntityType entity, long entityId, String from, String to) {
        super(entity + " " + entityId + " cannot move from " + from + " to " + to);
        this.entity = entity;
        this.entityId = entityId;
        this.from = from;
        this.to = to;
    }

    public EntityType entity() {
        return entity;
    }

    public long entityId() {
        return entityId;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }
}
