package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Pool;
import java.math.BigInteger;
import java.util.List;

/**
 * A sized sandwich around one victim swap, every amount exact to the wei on the pool state it was sized on.
 *
 * <p>The front-run sells {@code frontRunIn} of {@code tokenIn} (the capital token) for {@code frontRunOut} of
 * {@code tokenOut} in {@code pool}, the victim's hop {@code hopIndex}; the victim then trades as
 * {@code victimAmounts} says (the router's amounts array: element 0 its input, the last its output); the back-run sells
 * all of {@code frontRunOut} back for {@code backRunOut}. Both legs carry a minimum: {@code frontRunMinOut} is the
 * exact expected output (any earlier change to the pool makes the front-run revert), and {@code backRunMinOut} covers
 * the front-run input plus gas and builder payment, so a sandwich broken by anything in between reverts instead of
 * losing. {@code grossProfit = backRunOut − frontRunIn} in {@code tokenIn}; {@code gasCost = gasUsed × baseFee};
 * {@code builderPayment = gasUsed × tip} (the bribe, paid as priority fee); {@code netProfitWei} is the gross profit in
 * wei (exact price for a non-native token, rounded down) minus both. {@code maxFrontRun} is the exact slippage bound
 * (one more unit reverts the victim); {@code optimalityGap} is zero when the size is proven to maximise the exact
 * profit below {@code min(maxFrontRun, capital)}, else a proven bound on the units of profit it may miss. Immutable.
 */
public record SandwichPlan(
        VictimSwap victim,
        int hopIndex,
        V2Pool pool,
        Address tokenIn,
        Address tokenOut,
        BigInteger frontRunIn,
        BigInteger frontRunOut,
        BigInteger frontRunMinOut,
        List<BigInteger> victimAmounts,
        BigInteger backRunIn,
        BigInteger backRunOut,
        BigInteger backRunMinOut,
        BigInteger grossProfit,
        long gasUsed,
        BigInteger baseFee,
        BigInteger tip,
        BigInteger gasCost,
        BigInteger builderPayment,
        BigInteger netProfitWei,
        BigInteger maxFrontRun,
        SizeLimit limit,
        BigInteger optimalityGap)
        implements SandwichDecision {

    public SandwichPlan {
        Checks.requireNonNull("victim", victim);
        Checks.requireNonNull("pool", pool);
        Checks.requirePositive("frontRunIn", frontRunIn);
        Checks.requirePositive("frontRunOut", frontRunOut);
        victimAmounts = List.copyOf(Checks.requireNonNull("victimAmounts", victimAmounts));
        if (hopIndex < 0
                || hopIndex + 1 >= victimAmounts.size()
                || victimAmounts.size() != victim.path().size()) {
            throw new ValidationException("hopIndex", hopIndex, "must name a hop of the victim's path");
        }
        Checks.requireNonNegative("backRunOut", backRunOut);
        if (backRunMinOut.compareTo(backRunOut) > 0) {
            throw new ValidationException(
                    "backRunMinOut", backRunMinOut, "must not exceed the expected back-run output " + backRunOut);
        }
        Checks.requireNonNull("limit", limit);
        Checks.requireNonNegative("optimalityGap", optimalityGap);
    }

    /** The victim's input at the sandwiched hop. */
    public BigInteger victimHopIn() {
        return victimAmounts.get(hopIndex);
    }

    /** The victim's output at the sandwiched hop. */
    public BigInteger victimHopOut() {
        return victimAmounts.get(hopIndex + 1);
    }
}
