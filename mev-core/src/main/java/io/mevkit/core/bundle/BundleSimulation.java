package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.Log;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A bundle executed in order as the target block would run it (see {@link BundleSimulator}): each transaction's gas,
 * status, revert reason and logs, the coinbase's balance change, and the balances the request asked to follow (the
 * searcher's ETH and tokens), read before the first and after the last transaction. What is known depends on the
 * {@link Source}: a node's {@code eth_simulateV1} reports everything; a builder's {@code eth_callBundle} reports gas,
 * status, return or revert data and the coinbase difference only, so there the block's base fee and fee recipient are
 * empty, the timestamp is empty unless the request set it, every transaction's logs are empty and no balance is
 * followed ({@link #logsReported()} and {@link #balancesReported()} say which). Immutable.
 *
 * @param source who ran the bundle
 * @param stateBlock the block whose state the bundle ran on
 * @param blockNumber the number the simulated block carried
 * @param timestamp the simulated block's timestamp, when known
 * @param baseFee the simulated block's base fee in wei, when known
 * @param coinbase the simulated block's fee recipient, when known
 * @param txs each transaction's result, in bundle order
 * @param coinbaseDiff the coinbase's balance change over the bundle in wei (priority fees plus direct transfers)
 * @param balances the followed balances
 */
public record BundleSimulation(
        Source source,
        long stateBlock,
        long blockNumber,
        OptionalLong timestamp,
        Optional<BigInteger> baseFee,
        Optional<Address> coinbase,
        List<TxSimulation> txs,
        BigInteger coinbaseDiff,
        List<BalanceChange> balances) {

    /**
     * One transaction's execution.
     *
     * @param hash the hash of the signed transaction (of its raw bytes, not the node's unsigned stand-in)
     * @param from its sender
     * @param gasUsed the gas it used
     * @param success whether it succeeded (status 1)
     * @param returnData its return data, or revert data when it failed, as hex
     * @param revertReason the decoded {@code Error(string)} or {@code Panic(uint256)} or the node's error message
     *     when it failed
     * @param logs the logs it emitted (none when it failed, or when the source does not report logs)
     */
    public record TxSimulation(
            Hash hash,
            Address from,
            long gasUsed,
            boolean success,
            String returnData,
            Optional<String> revertReason,
            List<Log> logs) {
        public TxSimulation {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(returnData, "returnData");
            Objects.requireNonNull(revertReason, "revertReason");
            logs = List.copyOf(logs);
            if (gasUsed < 0) {
                throw new ValidationException("gasUsed", gasUsed, "must not be negative");
            }
        }
    }

    /**
     * A followed balance: {@code account}'s ETH (token empty) or ERC-20 balance before and after the bundle.
     *
     * @param account the holder
     * @param token the ERC-20 token, or empty for ETH
     * @param before the balance before the first transaction
     * @param after the balance after the last transaction
     */
    public record BalanceChange(Address account, Optional<Address> token, BigInteger before, BigInteger after) {
        public BalanceChange {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /** {@code after − before}. */
        public BigInteger delta() {
            return after.subtract(before);
        }
    }

    /** Who ran the bundle, which decides what a simulation reports. */
    public enum Source {
        /** A node's {@code eth_simulateV1}: everything is reported. */
        NODE_SIMULATE_V1,
        /** A builder's {@code eth_callBundle}: no logs, no followed balances, no base fee or fee recipient. */
        BUILDER_CALL_BUNDLE
    }

    public BundleSimulation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(baseFee, "baseFee");
        Objects.requireNonNull(coinbase, "coinbase");
        txs = List.copyOf(txs);
        Objects.requireNonNull(coinbaseDiff, "coinbaseDiff");
        balances = List.copyOf(balances);
        if (source == Source.BUILDER_CALL_BUNDLE && !balances.isEmpty()) {
            throw new ValidationException("balances", balances.size(), "eth_callBundle reports no balances");
        }
    }

    /** Whether the transactions' logs were reported (an empty list then means no logs were emitted). */
    public boolean logsReported() {
        return source == Source.NODE_SIMULATE_V1;
    }

    /** Whether followed balances can be reported at all. */
    public boolean balancesReported() {
        return source == Source.NODE_SIMULATE_V1;
    }

    /** Whether every transaction succeeded. */
    public boolean allSucceeded() {
        return txs.stream().allMatch(TxSimulation::success);
    }

    /** The first transaction that failed, if any. */
    public Optional<TxSimulation> firstRevert() {
        return txs.stream().filter(t -> !t.success()).findFirst();
    }

    /** The gas the whole bundle used. */
    public long totalGasUsed() {
        return txs.stream().mapToLong(TxSimulation::gasUsed).sum();
    }

    /** The change of {@code account}'s ETH balance over the bundle (gas paid included). */
    public BigInteger ethDelta(Address account) {
        return balance(account, Optional.empty()).delta();
    }

    /** The change of {@code account}'s {@code token} balance over the bundle. */
    public BigInteger tokenDelta(Address account, Address token) {
        return balance(account, Optional.of(token)).delta();
    }

    /**
     * The followed balance of {@code account} in {@code token} (empty for ETH).
     *
     * @throws ValidationException when the request did not ask to follow it
     */
    public BalanceChange balance(Address account, Optional<Address> token) {
        return balances.stream()
                .filter(b -> b.account().equals(account) && b.token().equals(token))
                .findFirst()
                .orElseThrow(() -> new ValidationException(
                        "balance",
                        account + "/" + token.map(Address::toString).orElse("ETH"),
                        balancesReported() ? "was not followed" : "is not reported by " + source));
    }
}
