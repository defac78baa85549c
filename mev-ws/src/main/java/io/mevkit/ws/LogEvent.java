package io.mevkit.ws;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * One log, as {@code logs} subscriptions and {@code eth_getLogs} return it.
 *
 * <p>{@link #removed()} is true when a reorg took the log's block out of the canonical chain: the node reports that
 * for reorgs it sees, and the client reports it for reorgs that happened while the socket was down.
 *
 * @param address the emitting contract
 * @param topics the indexed topics (0 to 4)
 * @param data the non-indexed data, {@code 0x}-prefixed lower-case hex
 * @param blockNumber the block's number
 * @param blockHash the block's hash
 * @param transactionHash the emitting transaction
 * @param transactionIndex the transaction's position in the block
 * @param logIndex the log's position in the block
 * @param removed whether a reorg removed this log
 */
public record LogEvent(
        Address address,
        List<Hash> topics,
        String data,
        long blockNumber,
        Hash blockHash,
        Hash transactionHash,
        int transactionIndex,
        int logIndex,
        boolean removed) {
    public LogEvent {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(transactionHash, "transactionHash");
        topics = List.copyOf(topics);
        if (topics.size() > 4) {
            throw new ValidationException("topics", topics.size(), "at most 4");
        }
        if (!data.startsWith("0x") || (data.length() & 1) != 0) {
            throw new ValidationException("data", data, "must be 0x-prefixed hex of whole bytes");
        }
        if (blockNumber < 0) {
            throw new ValidationException("blockNumber", blockNumber, "must be >= 0");
        }
        if (logIndex < 0) {
            throw new ValidationException("logIndex", logIndex, "must be >= 0");
        }
        if (transactionIndex < 0) {
            throw new ValidationException("transactionIndex", transactionIndex, "must be >= 0");
        }
    }

    /** This log, marked as removed by a reorg. */
    public LogEvent asRemoved() {
        return new LogEvent(
                address, topics, data, blockNumber, blockHash, transactionHash, transactionIndex, logIndex, true);
    }
}
