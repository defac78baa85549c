package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V3PoolState;
import io.mevkit.core.amm.V3SwapResult;
import java.math.BigInteger;
import java.util.List;

/**
 * A sized sandwich around one Uniswap V3 victim swap, every amount exact to the wei on the pool state it was sized on
 * (the V3 counterpart of {@link SandwichPlan}, with the same legs, protections and accounting).
 *
 * <p>The front-run sells {@code frontRunIn} of {@code tokenIn} (the capital token) for {@code frontRunOut} of
 * {@code tokenOut} in {@code pool}, the victim's hop {@code hopIndex}; the victim then trades as {@code victimAmounts}
 * says (element 0 its input, the last its output, one element per token of its route); the back-run sells all of
 * {@code frontRunOut} back for {@code backRunOut}. {@code frontRunMinOut} is the exact expected output (any earlier
 * change to the pool makes the front-run revert) and {@code backRunMinOut} covers the front-run input plus gas and
 * builder payment, so a sandwich broken by anything in between reverts instead of losing.
 * {@code grossProfit = backRunOut − frontRunIn} in {@code tokenIn}; {@code gasCost = gasUsed × baseFee};
 * {@code builderPayment = gasUsed × tip}; {@code netProfitWei} is the gross profit in wei (exact price for a non-native
 * token, rounded down) minus both. {@code maxFrontRun} is the exact slippage bound (one more unit and the victim's
 * router reverts). {@code frontRun}, {@code victimHop} and {@code backRun} are the three swaps in the sandwiched pool
 * as the pool computes them, with the price, tick and liquidity after each. Immutable.
 */
public record V3SandwichPlan(
        V3VictimSwap victim,
        int hopIndex,
        V3PoolState pool,
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
        V3SwapResult frontRun,
        V3SwapResult victimHop,
        V3SwapResult backRun)
        implements SandwichDecision {

    public V3SandwichPlan {
        Checks.requireNonNull("victim", victim);
        Checks.requireNonNull("pool", pool);
        Checks.requirePositive("frontRunIn", frontRunIn);
        Checks.requirePositive("frontRunOut", frontRunOut);
        victimAmounts = List.copyOf(Checks.requireNonNull("victimAmounts", victimAmounts));
        if (victimAmounts.size() != victim.path().size() + 1) {
            throw new ValidationException(
                    "victimAmounts", victimAmounts, "must hold one amount per token of the victim's route");
        }
        if (hopIndex < 0 || hopIndex >= victim.path().size()) {
            throw new ValidationException("hopIndex", hopIndex, "must name a hop of the victim's route");
        }
        Checks.requireNonNegative("backRunOut", backRunOut);
        if (backRunMinOut.compareTo(backRunOut) > 0) {
            throw new ValidationException(
                    "backRunMinOut", backRunMinOut, "must not exceed the expected back-run output " + backRunOut);
        }
        Checks.requireNonNull("limit", limit);
        Checks.requireNonNull("frontRun", frontRun);
        Checks.requireNonNull("victimHop", victimHop);
        Checks.requireNonNull("backRun", backRun);
    }

    /** The victim's input at the sandwiched hop. */
    public BigInteger victimHopIn() {
        return victimAmounts.get(hopIndex);
    }

    /** The victim's output at the sandwiched hop. */
    public BigInteger victimHopOut() {
        return victimAmounts.get(hopIndex + 1);
    }

    /** Whether the front-run sells token0 of the pool (the pool sorts its tokens by address). */
    public boolean zeroForOne() {
        return tokenIn.compareTo(tokenOut) < 0;
    }
}
