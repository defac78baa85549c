package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A MEV-Share v0.1 bundle for {@code mev_sendBundle}: a target block range, a body of transactions given by hash
 * (someone else's, from the MEV-Share stream) or as signed bytes, and optional refund rules. Immutable.
 *
 * @param block the first block it may land in
 * @param maxBlock the last block, when set (≥ {@code block})
 * @param body the body items in order (at least one)
 * @param refunds the {@code validity.refund} entries
 * @param refundConfig the {@code validity.refundConfig} entries
 */
public record MevShareBundle(
        long block, OptionalLong maxBlock, List<Item> body, List<Refund> refunds, List<RefundConfig> refundConfig) {

    /** One element of the body. */
    public sealed interface Item {}

    /** A transaction referred to by hash. */
    public record ByHash(Hash hash) implements Item {
        public ByHash {
            Objects.requireNonNull(hash, "hash");
        }
    }

    /** A signed transaction, with whether it may revert. */
    public record SignedItem(String tx, boolean canRevert) implements Item {
        public SignedItem {
            byte[] raw = Hex.decode("body.tx", Objects.requireNonNull(tx, "tx"));
            if (raw.length == 0) {
                throw new ValidationException("body.tx", tx, "must not be empty");
            }
            tx = tx.toLowerCase(Locale.ROOT);
        }

        /** This transaction from a {@link SignedTx}. */
        public static SignedItem of(SignedTx tx, boolean canRevert) {
            return new SignedItem(tx.rawHex(), canRevert);
        }
    }

    /** {@code {bodyIdx, percent}}: the share of the value of body item {@code bodyIdx} refunded. */
    public record Refund(int bodyIdx, int percent) {
        public Refund {
            if (bodyIdx < 0) {
                throw new ValidationException("refund.bodyIdx", bodyIdx, "must not be negative");
            }
            if (percent < 0 || percent > 100) {
                throw new ValidationException("refund.percent", percent, "must be 0..100");
            }
        }
    }

    /** {@code {address, percent}}: who receives which share of the refund. */
    public record RefundConfig(Address address, int percent) {
        public RefundConfig {
            Objects.requireNonNull(address, "refundConfig.address");
            if (percent < 0 || percent > 100) {
                throw new ValidationException("refundConfig.percent", percent, "must be 0..100");
            }
        }
    }

    public MevShareBundle {
        if (block <= 0) {
            throw new ValidationException("inclusion.block", block, "must be positive");
        }
        Objects.requireNonNull(maxBlock, "maxBlock");
        if (maxBlock.isPresent() && maxBlock.getAsLong() < block) {
            throw new ValidationException("inclusion.maxBlock", maxBlock.getAsLong(), "must be ≥ block " + block);
        }
        body = List.copyOf(body);
        if (body.isEmpty()) {
            throw new ValidationException("body", 0, "must hold at least one item");
        }
        refunds = List.copyOf(refunds);
        for (Refund r : refunds) {
            if (r.bodyIdx() >= body.size()) {
                throw new ValidationException(
                        "refund.bodyIdx", r.bodyIdx(), "must index the body (" + body.size() + ")");
            }
        }
        refundConfig = List.copyOf(refundConfig);
    }

    /** The bundle hash: keccak over each item's transaction hash ({@code hash}, or keccak of {@code tx}), in order. */
    public Hash bundleHash() {
        java.io.ByteArrayOutputStream concat = new java.io.ByteArrayOutputStream();
        for (Item item : body) {
            Hash h = item instanceof ByHash b ? b.hash() : Hash.keccak256(Hex.decode(((SignedItem) item).tx()));
            concat.writeBytes(h.bytes());
        }
        return Hash.keccak256(concat.toByteArray());
    }
}
