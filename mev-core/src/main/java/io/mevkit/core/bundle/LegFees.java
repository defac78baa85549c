package io.mevkit.core.bundle;

import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The fees a sandwich planner signs its legs with for one target block, and what they leave of the gross profit. The
 * tip is the {@link BribeSchedule}'s share of the gross profit over the legs' gas (rounded down, so the bribe never
 * exceeds the share), lowered to what a configured fee cap leaves above the base fee; without a configured cap the
 * legs' cap is twice the base fee plus the tip (room for one base fee rise). The net is the gross profit less the legs'
 * gas at the base fee plus the tip. Immutable.
 *
 * @param tip the priority fee per gas of both legs
 * @param maxFeePerGas the fee cap of both legs
 * @param netWei the gross profit less gas and bribe, in wei (may be zero or negative)
 */
record LegFees(BigInteger tip, BigInteger maxFeePerGas, BigInteger netWei) {

    /**
     * @param feeCap the configured fee cap; at least {@code baseFee} (checked before, as a typed stop)
     */
    static LegFees of(
            BribeSchedule schedule,
            int attempt,
            BigInteger grossWei,
            long gas,
            BigInteger baseFee,
            Optional<BigInteger> feeCap) {
        Checks.requireNonNegative("baseFee", baseFee);
        BigInteger tip = schedule.tipPerGas(attempt, grossWei, gas);
        BigInteger maxFee;
        if (feeCap.isPresent()) {
            maxFee = feeCap.get();
            if (maxFee.compareTo(baseFee) < 0) {
                throw new io.mevkit.core.ValidationException(
                        "maxFeePerGas", maxFee, "must be at least the base fee " + baseFee);
            }
            tip = tip.min(maxFee.subtract(baseFee));
        } else {
            maxFee = baseFee.shiftLeft(1).add(tip);
        }
        BigInteger net = grossWei.subtract(baseFee.add(tip).multiply(BigInteger.valueOf(gas)));
        return new LegFees(tip, maxFee, net);
    }
}
