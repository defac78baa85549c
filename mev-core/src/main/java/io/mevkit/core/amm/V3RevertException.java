package io.mevkit.core.amm;

import io.mevkit.core.MevException;
import java.util.Objects;

/**
 * An input the Uniswap V3 contracts would revert on: the {@link Rule} names the {@code require} that fails and carries
 * the contract's revert string ({@link #code()}; empty where the contract's {@code require} has none).
 *
 * <p>Thrown by the V3 math and the swap simulator instead of returning a number the chain would never produce.
 */
public final class V3RevertException extends MevException {
    private static final long serialVersionUID = 1L;

    /** The {@code require} in v3-core that the input violates. */
    public enum Rule {
        /** {@code TickMath.getSqrtRatioAtTick}: {@code |tick| <= MAX_TICK}. */
        TICK_OUT_OF_RANGE("T", "the tick must be within [MIN_TICK, MAX_TICK] = [-887272, 887272]"),
        /** {@code TickMath.getTickAtSqrtRatio}: {@code MIN_SQRT_RATIO <= sqrtPriceX96 < MAX_SQRT_RATIO}. */
        SQRT_RATIO_OUT_OF_RANGE("R", "the sqrt price must be within [MIN_SQRT_RATIO, MAX_SQRT_RATIO)"),
        /** {@code UniswapV3Pool.swap}: {@code amountSpecified != 0}. */
        AMOUNT_SPECIFIED_ZERO("AS", "the swap amount must not be zero"),
        /** {@code UniswapV3Pool.swap}: the price limit must lie beyond the current price, inside the tick range. */
        PRICE_LIMIT(
                "SPL",
                "the price limit must be below the current price and above MIN_SQRT_RATIO (zeroForOne), or above"
                        + " the current price and below MAX_SQRT_RATIO (oneForZero)"),
        /** {@code LiquidityMath.addDelta}: subtracting liquidity must not underflow. */
        LIQUIDITY_SUB("LS", "the liquidity must not go below zero"),
        /** {@code LiquidityMath.addDelta}: adding liquidity must not overflow uint128. */
        LIQUIDITY_ADD("LA", "the liquidity must not exceed the uint128 range"),
        /** {@code Tick.update}: a tick's gross liquidity must not exceed {@code maxLiquidityPerTick}. */
        LIQUIDITY_PER_TICK("LO", "a tick's gross liquidity must not exceed maxLiquidityPerTick for the tick spacing"),
        /** {@code UniswapV3Pool.checkTicks}: {@code tickLower < tickUpper}. */
        TICK_LOWER_NOT_BELOW_UPPER("TLU", "a position's lower tick must be below its upper tick"),
        /** {@code UniswapV3Pool.checkTicks}: {@code tickLower >= MIN_TICK}. */
        TICK_LOWER_TOO_LOW("TLM", "a position's lower tick must be at least MIN_TICK"),
        /** {@code UniswapV3Pool.checkTicks}: {@code tickUpper <= MAX_TICK}. */
        TICK_UPPER_TOO_HIGH("TUM", "a position's upper tick must be at most MAX_TICK"),
        /** {@code FullMath.mulDiv}: the denominator must not be zero. */
        MUL_DIV_ZERO_DENOMINATOR("", "FullMath: the denominator must not be zero"),
        /** {@code FullMath.mulDiv}: the result must fit in 256 bits. */
        MUL_DIV_OVERFLOW("", "FullMath: the result must fit in 256 bits"),
        /** {@code FullMath.mulDivRoundingUp}: rounding up must not overflow 256 bits. */
        MUL_DIV_ROUNDING_UP_OVERFLOW("", "FullMath: the rounded-up result must fit in 256 bits"),
        /** A Solidity 0.7 division by zero (an invalid opcode on chain). */
        DIVISION_BY_ZERO("", "division by zero"),
        /** {@code SqrtPriceMath}: {@code sqrtPX96 > 0}. */
        ZERO_PRICE("", "SqrtPriceMath: the sqrt price must be positive"),
        /** {@code SqrtPriceMath}: {@code liquidity > 0}. */
        ZERO_LIQUIDITY("", "SqrtPriceMath: the liquidity must be positive"),
        /** {@code SqrtPriceMath}: the output must be less than the virtual reserve of that token. */
        OUTPUT_EXCEEDS_RESERVE("", "SqrtPriceMath: the output must be less than the virtual reserve"),
        /** {@code SqrtPriceMath}: {@code sqrtRatioAX96 > 0}. */
        ZERO_SQRT_RATIO("", "SqrtPriceMath: the lower sqrt price must be positive"),
        /** {@code SafeCast.toUint160}: the value must fit in 160 bits. */
        UINT160_OVERFLOW("", "SafeCast: the value must fit in uint160"),
        /** {@code SafeCast.toInt256}: the value must be below 2^255. */
        INT256_OVERFLOW("", "SafeCast: the value must be below 2^255"),
        /** {@code LowGasSafeMath}: an addition or subtraction must not overflow. */
        SAFE_MATH_OVERFLOW("", "LowGasSafeMath: the result must not overflow");

        private final String code;
        private final String description;

        Rule(String code, String description) {
            this.code = code;
            this.description = description;
        }

        /** The contract's revert string, e.g. {@code "SPL"}; empty where the {@code require} has no message. */
        public String code() {
            return code;
        }

        /** What the rule requires, in words. */
        public String description() {
            return description;
        }
    }

    private final Rule rule;

    /**
     * @param rule the violated rule
     * @param detail the offending values, e.g. {@code "tick=887273"}
     */
    public V3RevertException(Rule rule, String detail) {
        super(message(rule, detail));
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    private static String message(Rule rule, String detail) {
        String code = rule.code().isEmpty() ? "(no revert string)" : "'" + rule.code() + "'";
        return "Uniswap V3 reverts " + code + " " + rule.name() + ": " + rule.description() + " (" + detail + ")";
    }

    /** The violated rule. */
    public Rule rule() {
        return rule;
    }

    /** The contract's revert string for the rule ({@link Rule#code()}). */
    public String code() {
        return rule.code();
    }
}
