package io.mevkit.store;

import java.math.BigInteger;

/**
 * The numbers of a planned opportunity, in wei (or the token's smallest unit).
 *
 * @param amountIn the input of the first leg (uint256)
 * @param expectedProfit the expected profit after gas and bribe (int256: a plan may be recorded at a loss)
 * @param gasCost the expected gas cost (uint256)
 * @param bribe the payment to the builder (uint256)
 */
public record Plan(BigInteger amountIn, BigInteger expectedProfit, BigInteger gasCost, BigInteger bribe) {
    public Plan {
        Amounts.requireU256("amountIn", amountIn);
        Amounts.requireI256("expectedProfit", expectedProfit);
        Amounts.requireU256("gasCost", gasCost);
        Amounts.requireU256("bribe", bribe);
    }
}
