package io.mevkit.core.amm;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;

/**
 * A Uniswap V2-style pair as read at one block: its address, its two tokens in the pair's own order ({@code token0}
 * sorts below {@code token1}, as the factory creates them), the reserves {@code getReserves()} returned, the fee, and
 * the block the reserves are from (sizing refuses state older than it is configured to accept). Reserves are uint112,
 * as the pair stores them. Immutable and thread-safe.
 */
public record V2Pool(
        Address address,
        Address token0,
        Address token1,
        BigInteger reserve0,
        BigInteger reserve1,
        V2Fee fee,
        long blockNumber) {

    public V2Pool {
        Checks.requireNonNull("pool.address", address);
        Checks.requireNonNull("pool.token0", token0);
        Checks.requireNonNull("pool.token1", token1);
        if (token0.compareTo(token1) >= 0) {
            throw new ValidationException(
                    "pool.token0", token0, "must sort below token1=" + token1 + " (the pair's own order)");
        }
        Checks.requireUint("pool.reserve0", reserve0, 112);
        Checks.requireUint("pool.reserve1", reserve1, 112);
        Checks.requireNonNull("pool.fee", fee);
        Checks.requireNonNegative("pool.blockNumber", blockNumber);
    }

    /** A pool from two tokens in either order; the reserves are given in the same order as the tokens. */
    public static V2Pool of(
            Address address,
            Address tokenA,
            BigInteger reserveA,
            Address tokenB,
            BigInteger reserveB,
            V2Fee fee,
            long blockNumber) {
        Checks.requireNonNull("tokenA", tokenA);
        Checks.requireNonNull("tokenB", tokenB);
        return tokenA.compareTo(tokenB) < 0
                ? new V2Pool(address, tokenA, tokenB, reserveA, reserveB, fee, blockNumber)
                : new V2Pool(address, tokenB, tokenA, reserveB, reserveA, fee, blockNumber);
    }

    public boolean contains(Address token) {
        return token0.equals(token) || token1.equals(token);
    }

    /** The reserve of {@code token}, which must be one of the pair's two tokens. */
    public BigInteger reserveOf(Address token) {
        return token0.equals(requireToken(token)) ? reserve0 : reserve1;
    }

    /** The pair's other token. */
    public Address otherToken(Address token) {
        return token0.equals(requireToken(token)) ? token1 : token0;
    }

    /** The exact output of selling {@code amountIn} of {@code tokenIn} here ({@code UniswapV2Library.getAmountOut}). */
    public BigInteger amountOut(Address tokenIn, BigInteger amountIn) {
        return V2Math.getAmountOut(amountIn, reserveOf(tokenIn), reserveOf(otherToken(tokenIn)), fee);
    }

    /** The input a router asks for to buy {@code amountOut} of {@code tokenOut} here ({@code getAmountIn}). */
    public BigInteger amountIn(Address tokenOut, BigInteger amountOut) {
        return V2Math.getAmountIn(amountOut, reserveOf(otherToken(tokenOut)), reserveOf(tokenOut), fee);
    }

    /**
     * The pool after a swap that paid {@code amountIn} of {@code tokenIn} and took {@code amountOut} of the other
     * token, as the pair's {@code _update} records it; the block number is kept.
     */
    public V2Pool afterSwap(Address tokenIn, BigInteger amountIn, BigInteger amountOut) {
        Checks.requireNonNegative("amountIn", amountIn);
        Checks.requireNonNegative("amountOut", amountOut);
        Address tokenOut = otherToken(tokenIn);
        BigInteger in = reserveOf(tokenIn).add(amountIn);
        BigInteger out = reserveOf(tokenOut).subtract(amountOut);
        if (out.signum() < 0) {
            throw new ValidationException("amountOut", amountOut, "must not exceed the reserve " + reserveOf(tokenOut));
        }
        return token0.equals(tokenIn)
                ? new V2Pool(address, token0, token1, in, out, fee, blockNumber)
                : new V2Pool(address, token0, token1, out, in, fee, blockNumber);
    }

    private Address requireToken(Address token) {
        if (!contains(token)) {
            throw new ValidationException("token", token, "is not a token of pool " + address);
        }
        return token;
    }
}
