package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The filter of an {@code eth_getLogs} call: a block range or a single block hash, the emitting addresses (any of;
 * empty for all) and up to four topic positions (per position any of the listed topics; an empty position matches
 * anything). Build with {@link #builder()}. Immutable.
 */
public record LogFilter(
        Optional<BlockTag> fromBlock,
        Optional<BlockTag> toBlock,
        Optional<Hash> blockHash,
        List<Address> addresses,
        List<List<Hash>> topics) {

    public LogFilter {
        Objects.requireNonNull(fromBlock, "fromBlock");
        Objects.requireNonNull(toBlock, "toBlock");
        Objects.requireNonNull(blockHash, "blockHash");
        addresses = List.copyOf(addresses);
        topics = topics.stream().map(List::copyOf).toList();
        if (topics.size() > 4) {
            throw new ValidationException("topics", topics.size(), "must have at most 4 positions");
        }
        if (blockHash.isPresent() && (fromBlock.isPresent() || toBlock.isPresent())) {
            throw new ValidationException("blockHash", blockHash.get(), "excludes fromBlock and toBlock");
        }
        if (fromBlock.isPresent() && toBlock.isPresent()) {
            long from = fromBlock.get().blockNumber().orElse(-1);
            long to = toBlock.get().blockNumber().orElse(Long.MAX_VALUE);
            if (from > to) {
                throw new ValidationException(
                        "fromBlock", fromBlock.get(), "must not be after toBlock " + toBlock.get());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Assembles a {@link LogFilter}. Not thread-safe; validated at {@link #build()}. */
    public static final class Builder {
        private @Nullable BlockTag fromBlock;
        private @Nullable BlockTag toBlock;
        private @Nullable Hash blockHash;
        private final List<Address> addresses = new ArrayList<>();
        private final List<List<Hash>> topics = new ArrayList<>();

        private Builder() {}

        public Builder fromBlock(BlockTag tag) {
            this.fromBlock = Objects.requireNonNull(tag, "fromBlock");
            return this;
        }

        public Builder toBlock(BlockTag tag) {
            this.toBlock = Objects.requireNonNull(tag, "toBlock");
            return this;
        }

        /** One block by hash (EIP-234); excludes a range. */
        public Builder blockHash(Hash hash) {
            this.blockHash = Objects.requireNonNull(hash, "blockHash");
            return this;
        }

        /** Adds emitting addresses (logs from any of them match). */
        public Builder address(Address... more) {
            for (Address a : more) {
                addresses.add(Objects.requireNonNull(a, "address"));
            }
            return this;
        }

        /** Sets topic position {@code position} (0..3) to any of {@code anyOf}; no topics means any. */
        public Builder topic(int position, Hash... anyOf) {
            if (position < 0 || position > 3) {
                throw new ValidationException("position", position, "must be 0..3");
            }
            while (topics.size() <= position) {
                topics.add(List.of());
            }
            topics.set(position, List.copyOf(Arrays.asList(anyOf)));
            return this;
        }

        public LogFilter build() {
            return new LogFilter(
                    Optional.ofNullable(fromBlock),
                    Optional.ofNullable(toBlock),
                    Optional.ofNullable(blockHash),
                    addresses,
                    topics);
        }
    }
}
