package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A builder's simulation of a bundle ({@code eth_callBundle}), with the documented invariants checked on
 * construction: per transaction and in total, {@code coinbaseDiff = ethSentToCoinbase + gasFees} and
 * {@code gasPrice = floor(coinbaseDiff / gasUsed)}; {@code totalGasUsed} and the totals are the sums of the
 * transactions'. Immutable.
 *
 * @param bundleHash the builder's bundle hash
 * @param bundleGasPrice {@code floor(coinbaseDiff / totalGasUsed)} in wei
 * @param coinbaseDiff the block producer's balance change in wei
 * @param ethSentToCoinbase wei transferred to the coinbase directly
 * @param gasFees the priority fees paid in wei
 * @param stateBlockNumber the block whose state was simulated on
 * @param totalGasUsed the gas all transactions used
 * @param results each transaction's result, in bundle order
 */
public record CallBundleResult(
        Hash bundleHash,
        BigInteger bundleGasPrice,
        BigInteger coinbaseDiff,
        BigInteger ethSentToCoinbase,
        BigInteger gasFees,
        long stateBlockNumber,
        long totalGasUsed,
        List<TxResult> results) {

    /**
     * One transaction's simulation.
     *
     * @param txHash the transaction's hash
     * @param from its sender
     * @param to its recipient (empty for a creation)
     * @param gasUsed the gas it used
     * @param gasPrice {@code floor(coinbaseDiff / gasUsed)} in wei
     * @param gasFees its priority fees in wei
     * @param coinbaseDiff the coinbase's balance change it caused, in wei
     * @param ethSentToCoinbase wei it sent to the coinbase directly
     * @param returnData its return data as hex ({@code value} in the response)
     * @param error the builder's error text when it reverted or failed (e.g. "execution reverted")
     * @param revert the revert reason or data, when given
     */
    public record TxResult(
            Hash txHash,
            Address from,
            Optional<Address> to,
            long gasUsed,
            BigInteger gasPrice,
            BigInteger gasFees,
            BigInteger coinbaseDiff,
            BigInteger ethSentToCoinbase,
            String returnData,
            Optional<String> error,
            Optional<String> revert) {

        public TxResult {
            Objects.requireNonNull(txHash, "txHash");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(returnData, "returnData");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(revert, "revert");
            if (gasUsed < 0) {
                throw new ValidationException("results.gasUsed", gasUsed, "must not be negative");
            }
            checkSplit("results[" + txHash + "]", coinbaseDiff, ethSentToCoinbase, gasFees, gasPrice, gasUsed);
        }

        /** Whether the transaction reverted or failed in simulation. */
        public boolean failed() {
            return error.isPresent() || revert.isPresent();
        }
    }

    public CallBundleResult {
        Objects.requireNonNull(bundleHash, "bundleHash");
        results = List.copyOf(results);
        long gas = 0;
        BigInteger diff = BigInteger.ZERO;
        BigInteger sent = BigInteger.ZERO;
        BigInteger fees = BigInteger.ZERO;
        for (TxResult r : results) {
            gas = Math.addExact(gas, r.gasUsed());
            diff = diff.add(r.coinbaseDiff());
            sent = sent.add(r.ethSentToCoinbase());
            fees = fees.add(r.gasFees());
        }
        if (gas != totalGasUsed) {
            throw new ValidationException("totalGasUsed", totalGasUsed, "must be the results' sum " + gas);
        }
        if (!diff.equals(coinbaseDiff)) {
            throw new ValidationException("coinbaseDiff", coinbaseDiff, "must be the results' sum " + diff);
        }
        if (!sent.equals(ethSentToCoinbase)) {
            throw new ValidationException("ethSentToCoinbase", ethSentToCoinbase, "must be the results' sum " + sent);
        }
        if (!fees.equals(gasFees)) {
            throw new ValidationException("gasFees", gasFees, "must be the results' sum " + fees);
        }
        checkSplit("bundle", coinbaseDiff, ethSentToCoinbase, gasFees, bundleGasPrice, totalGasUsed);
    }

    /** The first transaction that reverted or failed, if any. */
    public Optional<TxResult> firstRevert() {
        return results.stream().filter(TxResult::failed).findFirst();
    }

    private static void checkSplit(
            String where, BigInteger diff, BigInteger sent, BigInteger fees, BigInteger price, long gas) {
        Objects.requireNonNull(diff, where + ".coinbaseDiff");
        Objects.requireNonNull(sent, where + ".ethSentToCoinbase");
        Objects.requireNonNull(fees, where + ".gasFees");
        Objects.requireNonNull(price, where + ".gasPrice");
        if (!diff.equals(sent.add(fees))) {
            throw new ValidationException(
                    where + ".coinbaseDiff", diff, "must be ethSentToCoinbase + gasFees = " + sent.add(fees));
        }
        if (gas > 0) {
            BigInteger expected = diff.divide(BigInteger.valueOf(gas));
            if (diff.signum() >= 0 && !price.equals(expected)) {
                throw new ValidationException(
                        where + ".gasPrice", price, "must be floor(coinbaseDiff / gasUsed) = " + expected);
            }
        }
    }
}
