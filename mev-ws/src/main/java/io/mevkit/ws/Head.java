package io.mevkit.ws;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A block header as {@code newHeads} delivers it (and as {@code eth_getBlockByNumber} returns it when backfilled: the
 * two are equal for the same block).
 *
 * <p>After a reorg the replaced heights are delivered again with their new hashes; {@link #parentHash()} links each
 * head to the one before it.
 *
 * @param number block number
 * @param hash block hash
 * @param parentHash the parent's hash
 * @param timestamp seconds since the epoch
 * @param baseFeePerGas EIP-1559 base fee in wei, absent before London or on chains without it
 * @param gasLimit the block's gas limit
 * @param gasUsed gas used by the block's transactions
 * @param miner the fee recipient
 */
public record Head(
        long number,
        Hash hash,
        Hash parentHash,
        long timestamp,
        Optional<BigInteger> baseFeePerGas,
        long gasLimit,
        long gasUsed,
        Address miner) {
    public Head {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
        Objects.requireNonNull(miner, "miner");
        if (number < 0) {
            throw new ValidationException("number", number, "must be >= 0");
        }
    }
}
