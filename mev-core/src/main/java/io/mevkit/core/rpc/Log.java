package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.internal.HexStrings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An event log, from {@code eth_getLogs} or a receipt. The block position (and the block's timestamp, where the node
 * reports it) is empty for a pending log;
 * {@code removed} is true when a reorg took the log's block away. Immutable.
 *
 * @param data the non-indexed event data as lower-case 0x-prefixed hex
 */
public record Log(
        Address address,
        List<Hash> topics,
        String data,
        OptionalLong blockNumber,
        Optional<Hash> blockHash,
        OptionalLong blockTimestamp,
        Optional<Hash> transactionHash,
        OptionalLong transactionIndex,
        OptionalLong logIndex,
        boolean removed) {

    public Log {
        Objects.requireNonNull(address, "address");
        topics = List.copyOf(topics);
        if (topics.size() > 4) {
            throw new ValidationException("topics", topics.size(), "must be at most 4");
        }
        data = HexStrings.requireData("data", Objects.requireNonNull(data, "data"));
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(blockTimestamp, "blockTimestamp");
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(transactionIndex, "transactionIndex");
        Objects.requireNonNull(logIndex, "logIndex");
    }

    /** The data as bytes (a fresh array). */
    public byte[] dataBytes() {
        return Hex.decode(data);
    }
}
