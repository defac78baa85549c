package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An unsigned EIP-1559 (type 2) transaction without an access list. Every field is range-checked here, so a value
 * the chain would reject never reaches a signer. Immutable; {@link #data()} returns a copy.
 *
 * @param chainId the chain the signature commits to (positive)
 * @param nonce the sender's nonce (non-negative)
 * @param maxPriorityFeePerGas the tip per gas in wei (uint256, at most {@code maxFeePerGas})
 * @param maxFeePerGas the fee cap per gas in wei (uint256)
 * @param gasLimit the gas limit (positive)
 * @param to the recipient, or empty for a contract creation
 * @param value the wei sent (uint256)
 * @param data the call data
 */
public record Eip1559Tx(
        long chainId,
        long nonce,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerGas,
        long gasLimit,
        Optional<Address> to,
        BigInteger value,
        byte[] data) {

    public Eip1559Tx {
        if (chainId <= 0) {
            throw new ValidationException("chainId", chainId, "must be positive");
        }
        if (nonce < 0) {
            throw new ValidationException("nonce", nonce, "must not be negative");
        }
        Checks.requireUint256(
                "maxPriorityFeePerGas", Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas"));
        Checks.requireUint256("maxFeePerGas", Objects.requireNonNull(maxFeePerGas, "maxFeePerGas"));
        if (maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new ValidationException(
                    "maxPriorityFeePerGas", maxPriorityFeePerGas, "must not exceed maxFeePerGas " + maxFeePerGas);
        }
        if (gasLimit <= 0) {
            throw new ValidationException("gasLimit", gasLimit, "must be positive");
        }
        Objects.requireNonNull(to, "to");
        Checks.requireUint256("value", Objects.requireNonNull(value, "value"));
        data = Objects.requireNonNull(data, "data").clone();
    }

    /** A builder; chain id, nonce, fees and gas limit are required, {@code value} defaults to zero. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this transaction's fields, to derive a variant (e.g. a new nonce or tip). */
    public Builder toBuilder() {
        Builder b = new Builder()
                .chainId(chainId)
                .nonce(nonce)
                .maxPriorityFeePerGas(maxPriorityFeePerGas)
                .maxFeePerGas(maxFeePerGas)
                .gasLimit(gasLimit)
                .value(value)
                .data(data);
        to.ifPresent(b::to);
        return b;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Eip1559Tx t
                && chainId == t.chainId
                && nonce == t.nonce
                && gasLimit == t.gasLimit
                && maxPriorityFeePerGas.equals(t.maxPriorityFeePerGas)
                && maxFeePerGas.equals(t.maxFeePerGas)
                && to.equals(t.to)
                && value.equals(t.value)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chainId, nonce, gasLimit, maxPriorityFeePerGas, maxFeePerGas, to, value)
                + 31 * Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Eip1559Tx[chainId=" + chainId + ", nonce=" + nonce + ", maxPriorityFeePerGas=" + maxPriorityFeePerGas
                + ", maxFeePerGas=" + maxFeePerGas + ", gasLimit=" + gasLimit + ", to="
                + to.map(Address::toString).orElse("(create)") + ", value=" + value + ", data=" + Hex.encode(data)
                + "]";
    }

    /** Collects the fields of an {@link Eip1559Tx}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private long chainId;
        private Long nonce;
        private BigInteger maxPriorityFeePerGas;
        private BigInteger maxFeePerGas;
        private long gasLimit;
        private Address to;
        private BigInteger value = BigInteger.ZERO;
        private byte[] data = new byte[0];

        private Builder() {}

        public Builder chainId(long value) {
            this.chainId = value;
            return this;
        }

        public Builder nonce(long value) {
            this.nonce = value;
            return this;
        }

        public Builder maxPriorityFeePerGas(BigInteger wei) {
            this.maxPriorityFeePerGas = Objects.requireNonNull(wei, "maxPriorityFeePerGas");
            return this;
        }

        public Builder maxFeePerGas(BigInteger wei) {
            this.maxFeePerGas = Objects.requireNonNull(wei, "maxFeePerGas");
            return this;
        }

        public Builder gasLimit(long gas) {
            this.gasLimit = gas;
            return this;
        }

        public Builder to(Address recipient) {
            this.to = Objects.requireNonNull(recipient, "to");
            return this;
        }

        public Builder value(BigInteger wei) {
            this.value = Objects.requireNonNull(wei, "value");
            return this;
        }

        public Builder data(byte[] callData) {
            this.data = Objects.requireNonNull(callData, "data").clone();
            return this;
        }

        public Eip1559Tx build() {
            if (nonce == null) {
                throw new ValidationException("nonce", "(unset)", "is required");
            }
            if (maxPriorityFeePerGas == null) {
                throw new ValidationException("maxPriorityFeePerGas", "(unset)", "is required");
            }
            if (maxFeePerGas == null) {
                throw new ValidationException("maxFeePerGas", "(unset)", "is required");
            }
            return new Eip1559Tx(
                    chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, Optional.ofNullable(to), value, data);
        }
    }
}
