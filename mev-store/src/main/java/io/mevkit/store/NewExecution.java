package io.mevkit.store;

import io.mevkit.core.ValidationException;
import io.mevkit.store.internal.Validate;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * The on-chain outcome of a bundle. Recorded once per bundle; recording it again replaces it (a reorg can turn a
 * landing into a miss).
 *
 * @param bundleId the bundle
 * @param outcome what happened
 * @param blockNumber the block that included it; required unless {@code MISSED}
 * @param txHash the searcher's included transaction, if any
 * @param gasUsed gas used by the searcher's transactions (0 when missed)
 * @param gasCost what that gas cost, in wei (uint256)
 * @param realizedProfit the profit after gas and bribe, in wei; negative for a loss (int256)
 */
public record NewExecution(
        long bundleId,
        ExecutionOutcome outcome,
        @Nullable Long blockNumber,
        @Nullable String txHash,
        long gasUsed,
        BigInteger gasCost,
        BigInteger realizedProfit) {
    public NewExecution {
        Validate.positive("bundleId", bundleId);
        Validate.required("outcome", outcome);
        if (blockNumber == null && outcome != ExecutionOutcome.MISSED) {
            throw new ValidationException("blockNumber", null, "is required when the outcome is " + outcome);
        }
        if (blockNumber != null) {
            Validate.nonNegative("blockNumber", blockNumber);
        }
        txHash = Validate.optionalHash("txHash", txHash);
        Validate.nonNegative("gasUsed", gasUsed);
        Amounts.requireU256("gasCost", gasCost);
        Amounts.requireI256("realizedProfit", realizedProfit);
    }
}
