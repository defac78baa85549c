package io.mevkit.ws;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction in the node's mempool, as {@code newPendingTransactions} with full transactions delivers it.
 *
 * @param hash the transaction hash
 * @param from the sender
 * @param to the recipient; absent for contract creation
 * @param nonce the sender's nonce
 * @param value wei sent
 * @param gas the gas limit
 * @param gasPrice the legacy gas price (nodes also fill it for EIP-1559 transactions), if present
 * @param maxFeePerGas the EIP-1559 fee cap, if present
 * @param maxPriorityFeePerGas the EIP-1559 tip cap, if present
 * @param input the calldata, {@code 0x}-prefixed lower-case hex
 * @param type the EIP-2718 type (0 legacy, 1 access list, 2 EIP-1559, 3 blob, 4 set-code)
 */
public record PendingTransaction(
        Hash hash,
        Address from,
        Optional<Address> to,
        long nonce,
        BigInteger value,
        long gas,
        Optional<BigInteger> gasPrice,
        Optional<BigInteger> maxFeePerGas,
        Optional<BigInteger> maxPriorityFeePerGas,
        String input,
        int type) {
    public PendingTransaction {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gasPrice, "gasPrice");
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        Objects.requireNonNull(input, "input");
        if (nonce < 0) {
            throw new ValidationException("nonce", nonce, "must be >= 0");
        }
        if (value.signum() < 0) {
            throw new ValidationException("value", value, "must be >= 0");
        }
        if (gas < 0) {
            throw new ValidationException("gas", gas, "must be >= 0");
        }
        if (type < 0) {
            throw new ValidationException("type", type, "must be >= 0");
        }
        if (!input.startsWith("0x") || (input.length() & 1) != 0) {
            throw new ValidationException(
                    "input",
                    input.length() > 80 ? input.substring(0, 80) + "…" : input,
                    "must be 0x-prefixed hex of whole bytes");
        }
    }
}
