package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pending Uniswap V3 swap as its router will execute it: the route in trade order, the exact amount and the bound
 * the router enforces ({@code amountOutMinimum} for exact input, {@code amountInMaximum} for exact output).
 *
 * @param router the router the calldata is for
 * @param function the router function or Universal Router command, e.g. {@code exactInputSingle} or
 *     {@code V3_SWAP_EXACT_IN}
 * @param exactInput true for an exact input (the amount is paid in), false for an exact output (the amount is received)
 * @param path the pools in the order the tokens flow (an exact-output path, encoded backwards, is reversed here)
 * @param recipient who receives the output as encoded (Universal Router and SwapRouter02 use {@code address(1)} for
 *     the sender and {@code address(2)} for the router)
 * @param amount the exact input or exact output
 * @param limitAmount {@code amountOutMinimum} (exact input) or {@code amountInMaximum} (exact output)
 * @param sqrtPriceLimitX96 the single-pool forms' price limit; zero when none (the router then uses the extremes)
 * @param deadline the deadline in the calldata (SwapRouter structs, {@code multicall(uint256,bytes[])}, Universal
 *     Router {@code execute(..., deadline)}), if any
 * @param minHopPriceX36 Universal Router 2.1's per-hop minimum prices, empty when absent
 */
public record V3VictimSwap(
        V3Router router,
        String function,
        boolean exactInput,
        List<V3PathHop> path,
        Address recipient,
        BigInteger amount,
        BigInteger limitAmount,
        BigInteger sqrtPriceLimitX96,
        Optional<BigInteger> deadline,
        List<BigInteger> minHopPriceX36)
        implements V3DecodeResult {
    public V3VictimSwap {
        Objects.requireNonNull(router, "router");
        Objects.requireNonNull(function, "function");
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new ValidationException("path", path, "must have at least one pool");
        }
        for (int i = 1; i < path.size(); i++) {
            if (!path.get(i - 1).tokenOut().equals(path.get(i).tokenIn())) {
                throw new ValidationException("path", path, "must chain each pool's output into the next pool's input");
            }
        }
        Objects.requireNonNull(recipient, "recipient");
        Checks.requireUint256("amount", amount);
        Checks.requireUint256("limitAmount", limitAmount);
        Checks.requireUint("sqrtPriceLimitX96", sqrtPriceLimitX96, 160);
        Objects.requireNonNull(deadline, "deadline");
        minHopPriceX36 = List.copyOf(minHopPriceX36);
    }

    /** The token the victim pays. */
    public Address tokenIn() {
        return path.get(0).tokenIn();
    }

    /** The token the victim receives. */
    public Address tokenOut() {
        return path.get(path.size() - 1).tokenOut();
    }

    /** Whether the route has one pool. */
    public boolean singleHop() {
        return path.size() == 1;
    }
}
