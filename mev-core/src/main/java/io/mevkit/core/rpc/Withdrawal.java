package io.mevkit.core.rpc;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One EIP-4895 beacon-chain withdrawal in a block.
 *
 * @param amountGwei the amount in gwei, as the block carries it (not wei)
 */
public record Withdrawal(long index, long validatorIndex, Address address, BigInteger amountGwei) {
    public Withdrawal {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(amountGwei, "amountGwei");
        if (index < 0 || validatorIndex < 0 || amountGwei.signum() < 0) {
            throw new IllegalArgumentException("withdrawal fields must not be negative: index " + index
                    + ", validatorIndex " + validatorIndex + ", amountGwei " + amountGwei);
        }
    }
}
