package io.mevkit.core.gas;

import io.mevkit.core.Checks;
import io.mevkit.core.FeeMarket;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * The EIP-1559 base-fee rule, exactly as clients compute it: integer division in the specified order, and on an
 * increase at least 1 wei ({@code max(delta, 1)}). Stateless and thread-safe.
 */
public final class BaseFeeRule {
    private BaseFeeRule() {}

    /** Which way the rule moved the base fee. */
    public enum Direction {
        /** Gas used equal to the target: the base fee stays. */
        UNCHANGED,
        /** Gas used above the target: up by {@code max(rawDelta, 1)}. */
        INCREASE,
        /** Gas used below the target: down by {@code rawDelta} (possibly 0). */
        DECREASE
    }

    /**
     * One application of the rule.
     *
     * @param baseFee the next block's base fee, wei: the rule's result, or the chain's minimum when
     *     {@code raisedToMinimum}
     * @param direction which branch of the rule applied
     * @param rawDelta the formula's quotient before the {@code max(..., 1)} floor of an increase, wei
     * @param delta the change the rule applied (never negative; subtracted on a decrease), wei
     * @param raisedToMinimum whether the rule's result was below the chain's minimum base fee (OP Stack Jovian) and
     *     the minimum was taken instead
     */
    public record Step(
            BigInteger baseFee, Direction direction, BigInteger rawDelta, BigInteger delta, boolean raisedToMinimum) {
        public Step {
            Checks.requireNonNegative("baseFee", baseFee);
            Objects.requireNonNull(direction, "direction");
            Checks.requireNonNegative("rawDelta", rawDelta);
            Checks.requireNonNegative("delta", delta);
        }

        /** A step of the plain rule (no minimum). */
        public Step(BigInteger baseFee, Direction direction, BigInteger rawDelta, BigInteger delta) {
            this(baseFee, direction, rawDelta, delta, false);
        }

        /** Whether an increase was lifted to 1 wei by the {@code max(..., 1)} term (the raw quotient was 0). */
        public boolean flooredToOneWei() {
            return direction == Direction.INCREASE && rawDelta.signum() == 0;
        }
    }

    /**
     * The base fee of the block after a parent with the given base fee, gas used and gas limit.
     *
     * @throws io.mevkit.core.ValidationException if a value is negative, gas used exceeds the limit, or the gas
     *     target ({@code gasLimit / elasticity}) is zero
     */
    public static Step next(FeeMarket.Eip1559 rule, BigInteger parentBaseFee, long parentGasUsed, long parentGasLimit) {
        Objects.requireNonNull(rule, "rule");
        Checks.requireNonNegative("parentBaseFee", parentBaseFee);
        Checks.requireNonNegative("parentGasUsed", parentGasUsed);
        Checks.requireNonNegative("parentGasLimit", parentGasLimit);
        if (parentGasUsed > parentGasLimit) {
            throw new io.mevkit.core.ValidationException(
                    "parentGasUsed", parentGasUsed, "must not exceed the gas limit " + parentGasLimit);
        }
        long target = parentGasLimit / rule.elasticityMultiplier();
        if (target == 0) {
            throw new io.mevkit.core.ValidationException(
                    "parentGasLimit",
                    parentGasLimit,
                    "gives a gas target of 0 with elasticity " + rule.elasticityMultiplier());
        }
        BigInteger denominator = BigInteger.valueOf(rule.baseFeeChangeDenominator());
        if (parentGasUsed == target) {
            return new Step(parentBaseFee, Direction.UNCHANGED, BigInteger.ZERO, BigInteger.ZERO);
        }
        BigInteger targetGas = BigInteger.valueOf(target);
        if (parentGasUsed > target) {
            BigInteger raw = parentBaseFee
                    .multiply(BigInteger.valueOf(parentGasUsed - target))
                    .divide(targetGas)
                    .divide(denominator);
            BigInteger delta = raw.max(BigInteger.ONE);
            return new Step(parentBaseFee.add(delta), Direction.INCREASE, raw, delta);
        }
        BigInteger raw = parentBaseFee
                .multiply(BigInteger.valueOf(target - parentGasUsed))
                .divide(targetGas)
                .divide(denominator);
        // raw <= parentBaseFee / denominator, so the result never goes negative
        return new Step(parentBaseFee.subtract(raw), Direction.DECREASE, raw, raw);
    }

    /**
     * The OP Stack's rule for the block after {@code parent}-values: the EIP-1559 parameters from the parent's
     * {@code extraData} (the market's defaults when it is empty, before Holocene, or encodes zeros), then, from
     * Jovian on, the result raised to the minimum base fee the parent carries.
     *
     * @throws io.mevkit.core.ValidationException as {@link #next}, or naming {@code extraData} when it is malformed
     */
    public static Step nextOpStack(
            FeeMarket.OpStack market,
            BigInteger parentBaseFee,
            long parentGasUsed,
            long parentGasLimit,
            String parentExtraData) {
        Objects.requireNonNull(market, "market");
        Optional<OpStackExtraData> params = OpStackExtraData.decode(parentExtraData);
        FeeMarket.Eip1559 rule = params.map(p -> p.rule(market.defaults())).orElse(market.defaults());
        Step step = next(rule, parentBaseFee, parentGasUsed, parentGasLimit);
        BigInteger minimum = params.flatMap(OpStackExtraData::minBaseFee).orElse(BigInteger.ZERO);
        if (step.baseFee().compareTo(minimum) < 0) {
            return new Step(minimum, step.direction(), step.rawDelta(), step.delta(), true);
        }
        return step;
    }
}
