package io.mevkit.store;

/** Thrown when an operation names a record (by id or key) that the store does not hold. */
public class NotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(EntityType entity, Object key) {
        super("no " + entity.name().toLowerCase(java.util.Locale.ROOT) + " " + key);
    }
}
