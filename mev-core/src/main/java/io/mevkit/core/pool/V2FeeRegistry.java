package io.mevkit.core.pool;

import io.mevkit.core.Address;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The swap fee of each V2 fork, keyed by the factory that created its pairs (a pair's fee cannot be read
 * on-chain). Immutable; {@link #with} returns a new registry.
 */
public final class V2FeeRegistry {
    private final Map<Address, V2Fee> fees;

    private V2FeeRegistry(Map<Address, V2Fee> fees) {
        this.fees = Map.copyOf(fees);
    }

    /** A registry with the given fees by factory. */
    public static V2FeeRegistry of(Map<Address, V2Fee> fees) {
        return new V2FeeRegistry(Objects.requireNonNull(fees, "fees"));
    }

    /** This registry plus (or with a replaced) {@code factory}. */
    public V2FeeRegistry with(Address factory, V2Fee fee) {
        Map<Address, V2Fee> copy = new LinkedHashMap<>(fees);
        copy.put(Objects.requireNonNull(factory, "factory"), Objects.requireNonNull(fee, "fee"));
        return new V2FeeRegistry(copy);
    }

    /**
     * The fee of pairs made by {@code factory}.
     *
     * @throws UnknownFee if the factory is not registered
     */
    public V2Fee feeOf(Address factory) {
        V2Fee fee = fees.get(Objects.requireNonNull(factory, "factory"));
        if (fee == null) {
            throw new UnknownFee(factory);
        }
        return fee;
    }
}
