package io.mevkit.store;

import java.util.Objects;

/**
 * One transaction of a stored bundle.
 *
 * @param txHash keccak-256 of the raw transaction, lower-case
 * @param rawTx the signed transaction, lower-case hex with {@code 0x}
 */
public record BundleTx(String txHash, String rawTx) {
    public BundleTx {
        Objects.requireNonNull(txHash, "txHash");
        Objects.requireNonNull(rawTx, "rawTx");
    }
}
