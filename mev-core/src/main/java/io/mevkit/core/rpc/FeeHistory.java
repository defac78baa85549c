package io.mevkit.core.rpc;

import io.mevkit.core.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The answer of {@code eth_feeHistory}: per block from {@code oldestBlock} on, the base fee (wei; one more entry,
 * for the block after the newest), the gas used ratio, and the priority fees (wei) at the requested percentiles.
 * Blob fields are empty before Cancun. Immutable.
 *
 * @param gasUsedRatio exactly as the node wrote it (it is a ratio, not money)
 * @param reward per block, one priority fee per requested percentile; empty when no percentiles were asked for
 */
public record FeeHistory(
        long oldestBlock,
        List<BigInteger> baseFeePerGas,
        List<BigDecimal> gasUsedRatio,
        List<List<BigInteger>> reward,
        List<BigInteger> baseFeePerBlobGas,
        List<BigDecimal> blobGasUsedRatio) {

    public FeeHistory {
        if (oldestBlock < 0) {
            throw new ValidationException("oldestBlock", oldestBlock, "must not be negative");
        }
        baseFeePerGas = List.copyOf(baseFeePerGas);
        gasUsedRatio = List.copyOf(gasUsedRatio);
        reward = reward.stream().map(List::copyOf).toList();
        baseFeePerBlobGas = List.copyOf(baseFeePerBlobGas);
        blobGasUsedRatio = List.copyOf(blobGasUsedRatio);
        if (!gasUsedRatio.isEmpty() && baseFeePerGas.size() != gasUsedRatio.size() + 1) {
            throw new ValidationException(
                    "baseFeePerGas",
                    baseFeePerGas.size(),
                    "must have one entry more than gasUsedRatio (" + gasUsedRatio.size() + ")");
        }
        if (!reward.isEmpty() && reward.size() != gasUsedRatio.size()) {
            throw new ValidationException(
                    "reward", reward.size(), "must have one entry per block (" + gasUsedRatio.size() + ")");
        }
    }

    /** The number of blocks covered. */
    public int blockCount() {
        return gasUsedRatio.size();
    }

    /** The base fee of the block after the newest one covered (the last entry), in wei. */
    public BigInteger nextBaseFeePerGas() {
        Objects.checkIndex(0, baseFeePerGas.size());
        return baseFeePerGas.get(baseFeePerGas.size() - 1);
    }
}
