package io.mevkit.store;

import io.mevkit.store.internal.Validate;

/**
 * An opportunity as first seen: the victim (or trigger) transaction, the pool it moves and the strategy that would
 * act on it. {@code (chainId, victimTx, pool, strategy)} is its unique key: recording it twice is harmless.
 *
 * @param chainId the chain id (positive)
 * @param victimTx the pending transaction's hash
 * @param pool the pool the transaction trades on (stored first: foreign key)
 * @param strategy the strategy's name, e.g. {@code sandwich} or {@code backrun} (1 to 64 characters)
 * @param blockNumber the head block when the opportunity was seen
 */
public record NewOpportunity(long chainId, String victimTx, String pool, String strategy, long blockNumber) {
    public NewOpportunity {
        Validate.positive("chainId", chainId);
        victimTx = Validate.hash("victimTx", victimTx);
        pool = Validate.address("pool", pool);
        strategy = Validate.label("strategy", strategy, 64);
        Validate.nonNegative("blockNumber", blockNumber);
    }
}
