package io.mevkit.core;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chains by id. Immutable: {@link #with(Chain)} returns a new registry, so one can be shared freely across threads.
 * {@link Chains#defaults()} holds the chains mevkit knows.
 */
public final class ChainRegistry {
    private final Map<Long, Chain> chains;

    private ChainRegistry(Map<Long, Chain> chains) {
        this.chains = Collections.unmodifiableMap(chains);
    }

    public static ChainRegistry of(Chain... chains) {
        Map<Long, Chain> map = new LinkedHashMap<>();
        for (Chain chain : chains) {
            if (map.putIfAbsent(chain.id(), chain) != null) {
                throw new ValidationException("chain.id", chain.id(), "must be unique in a registry");
            }
        }
        return new ChainRegistry(map);
    }

    /** A registry with {@code chain} added, or replacing the chain of the same id. */
    public ChainRegistry with(Chain chain) {
        Map<Long, Chain> map = new LinkedHashMap<>(chains);
        map.put(chain.id(), chain);
        return new ChainRegistry(map);
    }

    public Optional<Chain> find(long chainId) {
        return Optional.ofNullable(chains.get(chainId));
    }

    /** The chain of {@code chainId}, or a {@link ValidationException} naming it. */
    public Chain require(long chainId) {
        Chain chain = chains.get(chainId);
        if (chain == null) {
            throw new ValidationException(
                    "chainId", chainId, "must be a registered chain (known: " + chains.keySet() + ")");
        }
        return chain;
    }

    public Collection<Chain> all() {
        return chains.values();
    }
}
