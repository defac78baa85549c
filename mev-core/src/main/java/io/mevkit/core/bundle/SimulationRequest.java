package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.BlockTag;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link BundleSimulator} runs: the signed transactions in order (a {@link Bundle}), the state they start from,
 * the block environment they run in, and the balances to follow. Unset environment fields default to the state
 * block's successor: number + 1, timestamp + 1, the EIP-1559 next base fee, the same fee recipient. Immutable; build
 * with {@link #builder(Bundle)}.
 *
 * @param bundle the transactions, in order
 * @param stateBlock the state to start from
 * @param blockNumber the simulated block's number, when set
 * @param timestamp the simulated block's timestamp, when set
 * @param baseFee the simulated block's base fee in wei, when set
 * @param coinbase the simulated block's fee recipient, when set
 * @param accounts the accounts whose ETH balance (and balance of each of {@code tokens}) is followed
 * @param tokens the ERC-20 tokens followed for each of {@code accounts}
 */
public record SimulationRequest(
        Bundle bundle,
        BlockTag stateBlock,
        OptionalLong blockNumber,
        OptionalLong timestamp,
        Optional<BigInteger> baseFee,
        Optional<Address> coinbase,
        List<Address> accounts,
        List<Address> tokens) {

    public SimulationRequest {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(stateBlock, "stateBlock");
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(baseFee, "baseFee");
        baseFee.ifPresent(v -> Checks.requireUint256("baseFee", v));
        Objects.requireNonNull(coinbase, "coinbase");
        accounts = List.copyOf(accounts);
        tokens = List.copyOf(tokens);
        if (blockNumber.isPresent() && blockNumber.getAsLong() <= 0) {
            throw new ValidationException("blockNumber", blockNumber.getAsLong(), "must be positive");
        }
        if (timestamp.isPresent() && timestamp.getAsLong() <= 0) {
            throw new ValidationException("timestamp", timestamp.getAsLong(), "must be positive");
        }
    }

    /** A builder for simulating {@code bundle} on the latest state; the bundle's target block is used if it has one. */
    public static Builder builder(Bundle bundle) {
        return new Builder(Objects.requireNonNull(bundle, "bundle"));
    }

    /** Collects a {@link SimulationRequest}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final Bundle bundle;
        private BlockTag stateBlock = BlockTag.LATEST;
        private OptionalLong blockNumber;
        private OptionalLong timestamp = OptionalLong.empty();
        private Optional<BigInteger> baseFee = Optional.empty();
        private Optional<Address> coinbase = Optional.empty();
        private final List<Address> accounts = new ArrayList<>();
        private final List<Address> tokens = new ArrayList<>();

        private Builder(Bundle bundle) {
            this.bundle = bundle;
            this.blockNumber = bundle.blockNumber();
        }

        /** The state to start from (default {@code latest}). */
        public Builder stateBlock(BlockTag tag) {
            this.stateBlock = Objects.requireNonNull(tag, "stateBlock");
            return this;
        }

        /** The simulated block's number (default: the bundle's target, else the state block + 1). */
        public Builder blockNumber(long number) {
            this.blockNumber = OptionalLong.of(number);
            return this;
        }

        /** The simulated block's timestamp in unix seconds (default: the state block's + 1). */
        public Builder timestamp(long seconds) {
            this.timestamp = OptionalLong.of(seconds);
            return this;
        }

        /** The simulated block's base fee (default: the EIP-1559 successor of the state block's). */
        public Builder baseFee(BigInteger wei) {
            this.baseFee = Optional.of(Objects.requireNonNull(wei, "baseFee"));
            return this;
        }

        /** The simulated block's fee recipient (default: the state block's). */
        public Builder coinbase(Address address) {
            this.coinbase = Optional.of(Objects.requireNonNull(address, "coinbase"));
            return this;
        }

        /** Follows {@code account}'s ETH balance (and its balance of every followed token). */
        public Builder follow(Address account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        /** Follows every followed account's balance of the ERC-20 {@code token}. */
        public Builder followToken(Address token) {
            tokens.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        public SimulationRequest build() {
            return new SimulationRequest(
                    bundle, stateBlock, blockNumber, timestamp, baseFee, coinbase, accounts, tokens);
        }
    }
}
