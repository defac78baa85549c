package io.mevkit.store.internal;

import io.mevkit.store.Pool;
import io.mevkit.store.PoolRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Pools by chain and address. */
final class JdbiPools implements PoolRepository {
    private static final String SELECT = "SELECT chain_id, address, protocol, token0, token1, fee FROM pools";

    private final TxContext tx;

    JdbiPools(TxContext tx) {
        this.tx = tx;
    }

    @Override
    public Pool upsert(Pool pool) {
        tx.handle
                .createUpdate("INSERT INTO pools (chain_id, address, protocol, token0, token1, fee, updated_ms)"
                        + " VALUES (:chainId, :address, :protocol, :token0, :token1, :fee, :now)"
                        + " ON CONFLICT (chain_id, address) DO NOTHING")
                .bind("chainId", pool.chainId())
                .bind("address", pool.address())
                .bind("protocol", pool.protocol())
                .bind("token0", pool.token0())
                .bind("token1", pool.token1())
                .bind("fee", pool.fee())
                .bind("now", tx.now())
                .execute();
        return find(pool.chainId(), pool.address()).orElseThrow();
    }

    @Override
    public Optional<Pool> find(long chainId, String address) {
        return tx.handle
                .createQuery(SELECT + " WHERE chain_id = :chainId AND address = :address")
                .bind("chainId", chainId)
                .bind("address", Validate.address("address", address))
                .map((rs, ctx) -> pool(rs))
                .findOne();
    }

    @Override
    public List<Pool> withToken(long chainId, String token) {
        return tx.handle
                .createQuery(SELECT + " WHERE chain_id = :chainId AND (token0 = :token OR token1 = :token)"
                        + " ORDER BY address")
                .bind("chainId", chainId)
                .bind("token", Validate.address("token", token))
                .map((rs, ctx) -> pool(rs))
                .list();
    }

    private static Pool pool(ResultSet rs) throws SQLException {
        return new Pool(
                rs.getLong("chain_id"),
                rs.getString("address"),
                rs.getString("protocol"),
                rs.getString("token0"),
                rs.getString("token1"),
                rs.getInt("fee"));
    }
}
