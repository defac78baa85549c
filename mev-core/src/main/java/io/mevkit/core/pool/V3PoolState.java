package io.mevkit.core.pool;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A Uniswap V3 pool's metadata and price state at the end of {@code blockNumber}: tokens, fee (hundredths of a
 * bip), tick spacing, {@code slot0} and the in-range liquidity. Initialized ticks are not part of it: {@link
 * V3TickReader} reads them with it. Immutable.
 */
public record V3PoolState(
        Address pool,
        Address factory,
        Address token0,
        Address token1,
        int fee,
        int tickSpacing,
        BigInteger sqrtPriceX96,
        int tick,
        int observationIndex,
        int observationCardinality,
        int observationCardinalityNext,
        int feeProtocol,
        boolean unlocked,
        BigInteger liquidity,
        long blockNumber) {
    public V3PoolState {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(token0, "token0");
        Objects.requireNonNull(token1, "token1");
        if (fee < 0 || fee >= 1_000_000) {
            throw new ValidationException("fee", fee, "must be 0..999999 (hundredths of a bip)");
        }
        if (tickSpacing < 1 || tickSpacing > 16383) {
            throw new ValidationException("tickSpacing", tickSpacing, "must be 1..16383");
        }
        Checks.requireUint("sqrtPriceX96", sqrtPriceX96, 160);
        if (tick < -887272 || tick > 887272) {
            throw new ValidationException("tick", tick, "must be within -887272..887272");
        }
        Checks.requireUint("liquidity", liquidity, 128);
        Checks.requireNonNegative("blockNumber", blockNumber);
    }
}
