package io.mevkit.store;

import java.util.List;
import java.util.Optional;

/** Pools by chain and address. Obtained from a {@link StoreTransaction}; valid only inside its callback. */
public interface PoolRepository {
    /** Inserts the pool unless it is already stored (a pool's tokens and fee never change). Its tokens must be stored. */
    Pool upsert(Pool pool);

    Optional<Pool> find(long chainId, String address);

    /** The pools holding {@code token} on one side or the other. */
    List<Pool> withToken(long chainId, String token);
}
