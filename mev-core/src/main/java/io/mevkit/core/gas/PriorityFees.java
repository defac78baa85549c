package io.mevkit.core.gas;

import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Priority fees paid in recent blocks at the requested percentiles of each block's transactions (weighted by gas,
 * as {@code eth_feeHistory} defines them), with the median across blocks per percentile. Immutable.
 *
 * @param oldestBlock the first block covered
 * @param percentiles the requested percentiles, ascending within 0..100
 * @param perBlock per block from {@code oldestBlock} on, one fee (wei) per percentile
 */
public record PriorityFees(long oldestBlock, List<Double> percentiles, List<List<BigInteger>> perBlock) {
    public PriorityFees {
        percentiles = List.copyOf(percentiles);
        perBlock = perBlock.stream().map(List::copyOf).toList();
        for (List<BigInteger> block : perBlock) {
            if (block.size() != percentiles.size()) {
                throw new ValidationException(
                        "perBlock", block, "must have one fee per percentile (" + percentiles.size() + ")");
            }
        }
    }

    /**
     * Per percentile, the median of the blocks' fees: the middle value once sorted, the lower of the two middle
     * values when the number of blocks is even (so the answer is always a fee some block paid). Empty when no
     * block is covered.
     */
    public List<BigInteger> medians() {
        if (perBlock.isEmpty()) {
            return List.of();
        }
        List<BigInteger> medians = new ArrayList<>(percentiles.size());
        for (int p = 0; p < percentiles.size(); p++) {
            List<BigInteger> column = new ArrayList<>(perBlock.size());
            for (List<BigInteger> block : perBlock) {
                column.add(block.get(p));
            }
            column.sort(null);
            medians.add(column.get((column.size() - 1) / 2));
        }
        return List.copyOf(medians);
    }
}
