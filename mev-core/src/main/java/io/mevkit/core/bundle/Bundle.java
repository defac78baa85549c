package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An {@code eth_sendBundle} bundle: signed transactions in order and the options builders understand. Which option
 * a given builder accepts, and under which name, is its {@link BuilderDialect}'s business. Immutable.
 *
 * @param txs the raw signed transactions, {@code 0x} lower-case hex, in execution order (1..100, ≤ 300 000 bytes)
 * @param blockNumber the target block, when set
 * @param minTimestamp the earliest block timestamp (unix seconds), when set
 * @param maxTimestamp the latest block timestamp (unix seconds), when set
 * @param revertingTxHashes the transactions allowed to revert
 * @param droppingTxHashes the transactions that may be dropped (dialects with {@code droppingTxHashes})
 * @param replacementUuid the replacement id: a later bundle with the same id replaces this one
 * @param refundPercent the percentage of the bundle's value refunded (dialects with refunds)
 * @param refundRecipient who receives the refund
 */
public record Bundle(
        List<String> txs,
        OptionalLong blockNumber,
        OptionalLong minTimestamp,
        OptionalLong maxTimestamp,
        List<Hash> revertingTxHashes,
        List<Hash> droppingTxHashes,
        Optional<String> replacementUuid,
        OptionalInt refundPercent,
        Optional<Address> refundRecipient) {

    /** The largest bundle the Flashbots relay accepts, in transactions. */
    public static final int MAX_TXS = 100;
    /** The largest bundle the Flashbots relay accepts, in raw transaction bytes. */
    public static final int MAX_BYTES = 300_000;

    public Bundle {
        Objects.requireNonNull(txs, "txs");
        if (txs.isEmpty() || txs.size() > MAX_TXS) {
            throw new ValidationException("txs", txs.size(), "must hold 1.." + MAX_TXS + " transactions");
        }
        List<String> normalised = new ArrayList<>(txs.size());
        long bytes = 0;
        for (int i = 0; i < txs.size(); i++) {
            byte[] raw = Hex.decode("txs[" + i + "]", Objects.requireNonNull(txs.get(i), "txs[" + i + "]"));
            if (raw.length == 0) {
                throw new ValidationException("txs[" + i + "]", txs.get(i), "must not be empty");
            }
            bytes += raw.length;
            normalised.add(txs.get(i).toLowerCase(Locale.ROOT));
        }
        if (bytes > MAX_BYTES) {
            throw new ValidationException("txs", bytes + " bytes", "must total at most " + MAX_BYTES + " bytes");
        }
        txs = List.copyOf(normalised);
        Objects.requireNonNull(blockNumber, "blockNumber");
        if (blockNumber.isPresent() && blockNumber.getAsLong() <= 0) {
            throw new ValidationException("blockNumber", blockNumber.getAsLong(), "must be positive");
        }
        Objects.requireNonNull(minTimestamp, "minTimestamp");
        Objects.requireNonNull(maxTimestamp, "maxTimestamp");
        if (minTimestamp.isPresent() && minTimestamp.getAsLong() < 0) {
            throw new ValidationException("minTimestamp", minTimestamp.getAsLong(), "must not be negative");
        }
        if (maxTimestamp.isPresent()
                && (maxTimestamp.getAsLong() < 0 || maxTimestamp.getAsLong() < minTimestamp.orElse(0))) {
            throw new ValidationException("maxTimestamp", maxTimestamp.getAsLong(), "must be ≥ minTimestamp and ≥ 0");
        }
        revertingTxHashes = List.copyOf(revertingTxHashes);
        droppingTxHashes = List.copyOf(droppingTxHashes);
        Objects.requireNonNull(replacementUuid, "replacementUuid");
        if (replacementUuid.isPresent() && replacementUuid.get().isBlank()) {
            throw new ValidationException("replacementUuid", replacementUuid.get(), "must not be blank");
        }
        Objects.requireNonNull(refundPercent, "refundPercent");
        if (refundPercent.isPresent() && (refundPercent.getAsInt() < 0 || refundPercent.getAsInt() > 100)) {
            throw new ValidationException("refundPercent", refundPercent.getAsInt(), "must be 0..100");
        }
        Objects.requireNonNull(refundRecipient, "refundRecipient");
    }

    /** A builder starting from these transactions, in order. */
    public static Builder of(List<SignedTx> txs) {
        Builder b = new Builder();
        for (SignedTx tx : txs) {
            b.txs.add(tx.rawHex());
        }
        return b;
    }

    /** A builder starting from raw transactions given as hex (e.g. a victim's bytes as seen in the mempool). */
    public static Builder ofRaw(List<String> rawHex) {
        Builder b = new Builder();
        b.txs.addAll(rawHex);
        return b;
    }

    /** A builder holding this bundle's fields, to derive a variant (another target block, a replacement id). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.txs.addAll(txs);
        b.blockNumber = blockNumber;
        b.minTimestamp = minTimestamp;
        b.maxTimestamp = maxTimestamp;
        b.reverting.addAll(revertingTxHashes);
        b.dropping.addAll(droppingTxHashes);
        b.replacementUuid = replacementUuid;
        b.refundPercent = refundPercent;
        b.refundRecipient = refundRecipient;
        return b;
    }

    /** The transactions' hashes, in order. */
    public List<Hash> txHashes() {
        List<Hash> out = new ArrayList<>(txs.size());
        for (String tx : txs) {
            out.add(Hash.keccak256(Hex.decode(tx)));
        }
        return out;
    }

    /** {@code keccak256(txHash_1 ‖ … ‖ txHash_n)}, the hash builders answer with. */
    public Hash bundleHash() {
        ByteArrayOutputStream concat = new ByteArrayOutputStream(32 * txs.size());
        for (Hash h : txHashes()) {
            concat.writeBytes(h.bytes());
        }
        return Hash.keccak256(concat.toByteArray());
    }

    /** Collects a {@link Bundle}'s fields; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final List<String> txs = new ArrayList<>();
        private OptionalLong blockNumber = OptionalLong.empty();
        private OptionalLong minTimestamp = OptionalLong.empty();
        private OptionalLong maxTimestamp = OptionalLong.empty();
        private final List<Hash> reverting = new ArrayList<>();
        private final List<Hash> dropping = new ArrayList<>();
        private Optional<String> replacementUuid = Optional.empty();
        private OptionalInt refundPercent = OptionalInt.empty();
        private Optional<Address> refundRecipient = Optional.empty();

        private Builder() {}

        public Builder blockNumber(long block) {
            this.blockNumber = OptionalLong.of(block);
            return this;
        }

        public Builder timestamps(long min, long max) {
            this.minTimestamp = OptionalLong.of(min);
            this.maxTimestamp = OptionalLong.of(max);
            return this;
        }

        public Builder revertingTxHash(Hash hash) {
            reverting.add(Objects.requireNonNull(hash, "revertingTxHash"));
            return this;
        }

        public Builder droppingTxHash(Hash hash) {
            dropping.add(Objects.requireNonNull(hash, "droppingTxHash"));
            return this;
        }

        public Builder replacementUuid(String id) {
            this.replacementUuid = Optional.of(Objects.requireNonNull(id, "replacementUuid"));
            return this;
        }

        public Builder refund(int percent, Address recipient) {
            this.refundPercent = OptionalInt.of(percent);
            this.refundRecipient = Optional.of(Objects.requireNonNull(recipient, "refundRecipient"));
            return this;
        }

        public Builder refundPercent(int percent) {
            this.refundPercent = OptionalInt.of(percent);
            return this;
        }

        public Bundle build() {
            return new Bundle(
                    txs,
                    blockNumber,
                    minTimestamp,
                    maxTimestamp,
                    reverting,
                    dropping,
                    replacementUuid,
                    refundPercent,
                    refundRecipient);
        }
    }
}
