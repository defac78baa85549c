package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A mined transaction's receipt ({@code eth_getTransactionReceipt}). Gas figures are gas units, prices wei.
 * Immutable.
 *
 * @param status 1 for success, 0 for a revert; empty for pre-Byzantium receipts, which carry a state root instead
 * @param effectiveGasPrice the price per gas actually paid (base fee plus the effective tip)
 */
public record TransactionReceipt(
        Hash transactionHash,
        long transactionIndex,
        Hash blockHash,
        long blockNumber,
        Address from,
        Optional<Address> to,
        long cumulativeGasUsed,
        long gasUsed,
        BigInteger effectiveGasPrice,
        Optional<Address> contractAddress,
        List<Log> logs,
        String logsBloom,
        int type,
        OptionalLong status,
        OptionalLong blobGasUsed,
        Optional<BigInteger> blobGasPrice) {

    public TransactionReceipt {
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
        Objects.requireNonNull(contractAddress, "contractAddress");
        Objects.requireNonNull(logsBloom, "logsBloom");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(blobGasUsed, "blobGasUsed");
        Objects.requireNonNull(blobGasPrice, "blobGasPrice");
        logs = List.copyOf(logs);
        if (transactionIndex < 0 || blockNumber < 0 || gasUsed < 0 || cumulativeGasUsed < gasUsed) {
            throw new ValidationException(
                    "gasUsed",
                    gasUsed,
                    "must be non-negative and at most cumulativeGasUsed (" + cumulativeGasUsed
                            + "), with a non-negative block position");
        }
        if (effectiveGasPrice.signum() < 0) {
            throw new ValidationException("effectiveGasPrice", effectiveGasPrice, "must not be negative");
        }
        if (status.isPresent() && status.getAsLong() != 0 && status.getAsLong() != 1) {
            throw new ValidationException("status", status.getAsLong(), "must be 0 or 1");
        }
    }

    /** Whether the transaction succeeded; a pre-Byzantium receipt (no status) counts as unknown, hence false. */
    public boolean succeeded() {
        return status.isPresent() && status.getAsLong() == 1;
    }

    /** The fee paid in wei: gas used times the effective gas price (blob gas not included). */
    public BigInteger fee() {
        return effectiveGasPrice.multiply(BigInteger.valueOf(gasUsed));
    }
}
