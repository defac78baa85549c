package io.mevkit.core.pool;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;

/** A pair's factory is not in the {@link V2FeeRegistry}: its fee is unknown, and no default is guessed. */
public final class UnknownFee extends MevException {
    private static final long serialVersionUID = 1L;

    private final transient Address factory;

    public UnknownFee(Address factory) {
        super("no fee registered for factory " + factory + "; register the fork's fee instead of assuming 0.3%");
        this.factory = factory;
    }

    public Address factory() {
        return factory;
    }
}
