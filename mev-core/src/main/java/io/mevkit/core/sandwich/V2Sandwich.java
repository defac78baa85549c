package io.mevkit.core.sandwich;

import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.sandwich.internal.HopModel;
import java.math.BigInteger;

/**
 * The exact single-hop sandwich functions the sizer is built from, for callers who model the rest themselves: a victim
 * sells {@code victimIn} of X for Y in a pair with reserves {@code reserveIn} (X) and {@code reserveOut} (Y), after a
 * front-run selling {@code frontRun} of X. Every amount rounds as the pair and {@code UniswapV2Library} do. Stateless
 * and thread-safe.
 */
public final class V2Sandwich {
    private V2Sandwich() {}

    /** The victim's output after the front-run. */
    public static BigInteger victimOutput(
            BigInteger frontRun, BigInteger reserveIn, BigInteger reserveOut, BigInteger victimIn, V2Fee fee) {
        return model(reserveIn, reserveOut, victimIn, BigInteger.ONE, fee, frontRun)
                .victimOut(frontRun);
    }

    /**
     * The largest front-run after which the victim still receives at least {@code victimMinOut}: exact (one more unit
     * and it receives less), and at most what keeps the pair's reserves within uint112. −1 when the victim's bound
     * fails even without a front-run.
     */
    public static BigInteger maxFrontRun(
            BigInteger reserveIn, BigInteger reserveOut, BigInteger victimIn, BigInteger victimMinOut, V2Fee fee) {
        return model(reserveIn, reserveOut, victimIn, victimMinOut, fee, BigInteger.ZERO)
                .maxFrontRun(HopModel.MAX_RESERVE);
    }

    /** The back-run's output minus the front-run's input, in X: the gross profit of the sandwich. */
    public static BigInteger grossProfit(
            BigInteger frontRun, BigInteger reserveIn, BigInteger reserveOut, BigInteger victimIn, V2Fee fee) {
        return model(reserveIn, reserveOut, victimIn, BigInteger.ONE, fee, frontRun)
                .profit(frontRun);
    }

    private static HopModel model(
            BigInteger reserveIn,
            BigInteger reserveOut,
            BigInteger victimIn,
            BigInteger victimMinOut,
            V2Fee fee,
            BigInteger frontRun) {
        Checks.requireNonNull("fee", fee);
        Checks.requireUint("reserveIn", reserveIn, 112);
        Checks.requireUint("reserveOut", reserveOut, 112);
        Checks.requirePositive("reserveIn", reserveIn);
        Checks.requirePositive("reserveOut", reserveOut);
        Checks.requirePositive("victimIn", victimIn);
        Checks.requireUint("victimIn", victimIn, 112);
        Checks.requireUint("victimMinOut", victimMinOut, 256);
        Checks.requireUint("frontRun", frontRun, 112);
        if (reserveIn.add(frontRun).add(victimIn).compareTo(HopModel.MAX_RESERVE) > 0) {
            throw new ValidationException(
                    "frontRun", frontRun, "must keep reserveIn + frontRun + victimIn within uint112");
        }
        return HopModel.exactInput(
                reserveIn, reserveOut, fee.numerator(), fee.denominator(), victimIn, victimMinOut.max(BigInteger.ONE));
    }
}
