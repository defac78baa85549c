package io.mevkit.core.pool;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A Uniswap V2-style pair as it was at the end of {@code blockNumber}: its tokens (token0 sorts before token1),
 * reserves (uint112) and the timestamp of its last reserve update. Immutable.
 */
public record V2PoolState(
        Address pool,
        Address factory,
        Address token0,
        Address token1,
        BigInteger reserve0,
        BigInteger reserve1,
        long blockTimestampLast,
        long blockNumber) {
    public V2PoolState {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(token0, "token0");
        Objects.requireNonNull(token1, "token1");
        Checks.requireUint("reserve0", reserve0, 112);
        Checks.requireUint("reserve1", reserve1, 112);
        Checks.requireNonNegative("blockTimestampLast", blockTimestampLast);
        Checks.requireNonNegative("blockNumber", blockNumber);
    }
}
