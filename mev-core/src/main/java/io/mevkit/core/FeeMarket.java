package io.mevkit.core;

/**
 * How a chain sets its base fee: the EIP-1559 rule with the chain's own parameters, the OP Stack's rule whose
 * parameters each block header carries, a base fee of zero, or a value only the node knows (no closed formula, as on
 * Arbitrum). Immutable.
 */
public sealed interface FeeMarket
        permits FeeMarket.Eip1559, FeeMarket.OpStack, FeeMarket.ZeroBaseFee, FeeMarket.NodeProvided {

    /** EIP-1559 with gas target = gas limit / {@code elasticityMultiplier}, step 1 / {@code baseFeeChangeDenominator}. */
    static Eip1559 eip1559(int elasticityMultiplier, int baseFeeChangeDenominator) {
        return new Eip1559(elasticityMultiplier, baseFeeChangeDenominator);
    }

    /**
     * The OP Stack: from Holocene on, the EIP-1559 parameters (and, from Jovian on, a minimum base fee) are read from
     * the parent block's {@code extraData}; before Holocene, or where the header encodes zeros, these defaults apply.
     */
    static OpStack opStack(int elasticityMultiplier, int baseFeeChangeDenominator) {
        return new OpStack(new Eip1559(elasticityMultiplier, baseFeeChangeDenominator));
    }

    /** The base fee is always zero; type-2 transactions are still accepted (BSC). */
    static ZeroBaseFee zeroBaseFee() {
        return new ZeroBaseFee();
    }

    /** No formula holds; the next base fee is asked from the node. */
    static NodeProvided nodeProvided() {
        return new NodeProvided();
    }

    /** The EIP-1559 rule's parameters. */
    record Eip1559(int elasticityMultiplier, int baseFeeChangeDenominator) implements FeeMarket {
        public Eip1559 {
            if (elasticityMultiplier < 1) {
                throw new ValidationException("elasticityMultiplier", elasticityMultiplier, "must be >= 1");
            }
            if (baseFeeChangeDenominator < 1) {
                throw new ValidationException("baseFeeChangeDenominator", baseFeeChangeDenominator, "must be >= 1");
            }
        }
    }

    /** The OP Stack's rule, with the parameters used where a header carries none. */
    record OpStack(Eip1559 defaults) implements FeeMarket {
        public OpStack {
            Checks.requireNonNull("defaults", defaults);
        }
    }

    /** A chain whose base fee is zero. */
    record ZeroBaseFee() implements FeeMarket {}

    /** A chain whose base fee must be read from the node. */
    record NodeProvided() implements FeeMarket {}
}
