package io.mevkit.ws;

import io.mevkit.core.ValidationException;
import java.util.Objects;

/**
 * A range of blocks whose events a subscription could not deliver, delivered in order in place of those events.
 *
 * <p>For heads and logs a gap means the HTTP source lacked the blocks too (or the range exceeded the backfill cap);
 * for pending transactions, which cannot be fetched again, it covers the blocks mined while the socket was down.
 *
 * @param fromBlock first block of the range, inclusive
 * @param toBlock last block of the range, inclusive
 * @param reason why the range could not be delivered
 */
public record Gap(long fromBlock, long toBlock, Reason reason) {
    /** Why a range of events could not be delivered. */
    public enum Reason {
        /** The backfill source did not have the blocks (or kept failing) after its retries. */
        BACKFILL_UNAVAILABLE,
        /** The range was longer than the configured backfill cap; the newest blocks were backfilled instead. */
        BACKFILL_LIMIT,
        /** The events cannot be fetched again (pending transactions). */
        NOT_BACKFILLABLE
    }

    public Gap {
        Objects.requireNonNull(reason, "reason");
        if (fromBlock < 0) {
            throw new ValidationException("fromBlock", fromBlock, "must be >= 0");
        }
        if (toBlock < fromBlock) {
            throw new ValidationException("toBlock", toBlock, "must be >= fromBlock " + fromBlock);
        }
    }

    /** The number of blocks in the range. */
    public long blocks() {
        return toBlock - fromBlock + 1;
    }
}
