package io.mevkit.core.bundle;

import io.mevkit.core.Address;

/**
 * Signs transactions for one account on one chain. Implementations hold or reach a funds key and never reveal it:
 * not in {@code toString()}, logs or exception messages. Implementations must be thread-safe.
 */
public interface TxSigner {
    /** The account whose key signs. */
    Address address();

    /** The chain every signed transaction must name; a transaction for another chain is refused. */
    long chainId();

    /**
     * Signs {@code tx}.
     *
     * @throws io.mevkit.core.ValidationException when {@code tx.chainId()} is not {@link #chainId()}
     */
    SignedTx sign(Eip1559Tx tx);
}
