package io.mevkit.examples.demo;

import io.mevkit.core.Address;
import io.mevkit.core.bundle.Bundle;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bundle steps the searcher needs from its surroundings: simulate a bundle's calls in order on top of the head,
 * and hand a signed bundle to the block builder for one block. Behind this interface so the demo's local
 * implementation ({@code internal.DemoLocalBuilder}) can give way to the core's bundle classes without touching the
 * searcher.
 */
public interface BundleSteps {
    /**
     * Simulates {@code calls} in order, in one block numbered {@code blockNumber} with {@code timestamp}, on the head's
     * state. The timestamp matters to the wei: a Uniswap pool writes its price accumulator or oracle observation only
     * in the first swap of a block with a new timestamp, which changes the gas used.
     */
    List<CallResult> simulate(List<SimCall> calls, long blockNumber, long timestamp);

    /** Hands {@code bundle} to the builder for block {@code blockNumber}. */
    void submit(Bundle bundle, long blockNumber);

    /** One call as a transaction would make it. */
    record SimCall(
            Address from,
            Address to,
            BigInteger value,
            byte[] data,
            long gas,
            BigInteger maxFeePerGas,
            BigInteger maxPriorityFeePerGas,
            long nonce) {
        public SimCall {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** A simulated call's outcome: success, the gas it used, and the node's error text when it failed. */
    record CallResult(boolean success, long gasUsed, Optional<String> error) {}
}
