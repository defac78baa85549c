package io.mevkit.core.pool;

import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * A Uniswap V3 pool read at one block: its metadata and price state, and the same pool as the swap simulator needs
 * it, with the initialized ticks of the bitmap words read ({@link io.mevkit.core.amm.V3PoolState#minWord()} ..
 * {@link io.mevkit.core.amm.V3PoolState#maxWord()}). Immutable.
 */
public record V3PoolSnapshot(V3PoolState metadata, io.mevkit.core.amm.V3PoolState swapState) {
    public V3PoolSnapshot {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(swapState, "swapState");
        if (metadata.blockNumber() != swapState.blockNumber()) {
            throw new ValidationException(
                    "swapState.blockNumber",
                    swapState.blockNumber(),
                    "must be the metadata's block " + metadata.blockNumber());
        }
    }

    /** The block both parts were read at. */
    public long blockNumber() {
        return metadata.blockNumber();
    }
}
