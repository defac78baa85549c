package io.mevkit.core.bundle;

import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * How one builder spells {@code eth_sendBundle} and friends, as data: the name of the replacement-id field, how a
 * bundle is cancelled, whether {@code blockNumber} is required, and the refund fields it understands. Responses are
 * read leniently for every dialect ({@code {"bundleHash": …}} or a bare hash string). Immutable.
 *
 * @param replacementIdField {@code "replacementUuid"} (Flashbots, Titan, rsync) or {@code "uuid"} (beaverbuild)
 * @param cancel {@link Cancel#ENDPOINT} ({@code eth_cancelBundle}) or {@link Cancel#EMPTY_BUNDLE} (resend with no txs
 *     and the same id)
 * @param blockNumberRequired whether a bundle without a target block is refused before sending
 * @param signatureRequired whether requests must carry {@code X-Flashbots-Signature} (elsewhere it is optional
 *     identity for reputation and refunds)
 * @param maxRefundPercent the largest {@code refundPercent} accepted, or -1 when refunds are not supported
 * @param refundRecipientRequired whether {@code refundPercent} without {@code refundRecipient} is refused (rsync
 *     discards such bundles)
 * @param droppingTxHashes whether {@code droppingTxHashes} is understood
 */
public record BuilderDialect(
        String replacementIdField,
        Cancel cancel,
        boolean blockNumberRequired,
        boolean signatureRequired,
        int maxRefundPercent,
        boolean refundRecipientRequired,
        boolean droppingTxHashes) {

    /** How a bundle is cancelled. */
    public enum Cancel {
        /** {@code eth_cancelBundle} with the replacement id. */
        ENDPOINT,
        /** {@code eth_sendBundle} with {@code txs: []} and the same replacement id. */
        EMPTY_BUNDLE
    }

    /** Flashbots relay: {@code replacementUuid}, cancel endpoint, block number and signature required, no refund fields. */
    public static final BuilderDialect FLASHBOTS =
            new BuilderDialect("replacementUuid", Cancel.ENDPOINT, true, true, -1, false, false);

    /** beaverbuild: {@code uuid}, cancel by empty bundle, refund percent 0–99. */
    public static final BuilderDialect BEAVERBUILD =
            new BuilderDialect("uuid", Cancel.EMPTY_BUNDLE, false, false, 99, false, true);

    /** Titan: {@code replacementUuid}, cancel endpoint, block number optional, refund percent 0–99. */
    public static final BuilderDialect TITAN =
            new BuilderDialect("replacementUuid", Cancel.ENDPOINT, false, false, 99, false, true);

    /** rsync: {@code replacementUuid}, cancel endpoint, refund percent 0–100 only with a refund recipient. */
    public static final BuilderDialect RSYNC =
            new BuilderDialect("replacementUuid", Cancel.ENDPOINT, false, false, 100, true, true);

    public BuilderDialect {
        Objects.requireNonNull(replacementIdField, "replacementIdField");
        if (!replacementIdField.equals("replacementUuid") && !replacementIdField.equals("uuid")) {
            throw new ValidationException("replacementIdField", replacementIdField, "must be replacementUuid or uuid");
        }
        Objects.requireNonNull(cancel, "cancel");
        if (maxRefundPercent < -1 || maxRefundPercent > 100) {
            throw new ValidationException("maxRefundPercent", maxRefundPercent, "must be -1 (none) or 0..100");
        }
    }

    /** Whether refund fields may be sent. */
    public boolean supportsRefunds() {
        return maxRefundPercent >= 0;
    }
}
