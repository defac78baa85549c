package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A signed bundle about to be submitted, for blocks {@code firstBlock..lastBlock}. Its raw transactions are the signed,
 * RLP-encoded transactions exactly as they will be sent: public data once sent, and never a key.
 *
 * @param opportunityId the opportunity it acts on (planned or already submitted, for a replacement)
 * @param bundleHash the bundle's hash; unique, so recording it twice is harmless
 * @param firstBlock the first target block
 * @param lastBlock the last target block, at least {@code firstBlock}
 * @param replacementUuid the relay's replacement id, if the bundle may be replaced or cancelled
 * @param rawTxs 1 to 64 signed transactions, {@code 0x}-prefixed hex, each at most 128 KiB
 */
public record NewBundle(
        long opportunityId,
        String bundleHash,
        long firstBlock,
        long lastBlock,
        @Nullable String replacementUuid,
        List<String> rawTxs) {
    /** The most transactions a bundle may carry. */
    public static final int MAX_TXS = 64;
    /** The largest raw transaction accepted, in bytes. */
    public static final int MAX_TX_BYTES = 128 * 1024;

    public NewBundle {
        Validate.positive("opportunityId", opportunityId);
        bundleHash = Validate.hash("bundleHash", bundleHash);
        Validate.nonNegative("firstBlock", firstBlock);
        if (lastBlock < firstBlock) {
            throw new ValidationException("lastBlock", lastBlock, "must be at least firstBlock " + firstBlock);
        }
        if (replacementUuid != null) {
            replacementUuid = Validate.label("replacementUuid", replacementUuid, 64);
        }
        Validate.required("rawTxs", rawTxs);
        if (rawTxs.isEmpty() || rawTxs.size() > MAX_TXS) {
            throw new ValidationException("rawTxs", rawTxs.size() + " transactions", "must hold 1 to " + MAX_TXS);
        }
        List<String> canonical = new ArrayList<>(rawTxs.size());
        for (int i = 0; i < rawTxs.size(); i++) {
            canonical.add(Validate.hexBytes("rawTxs[" + i + "]", rawTxs.get(i), MAX_TX_BYTES));
        }
        rawTxs = List.copyOf(canonical);
    }
}
