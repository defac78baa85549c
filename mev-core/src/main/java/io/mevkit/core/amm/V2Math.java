package io.mevkit.core.amm;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.internal.V2Arithmetic;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Uniswap V2 swap amounts exactly as {@code UniswapV2Library} computes them (Uniswap/v2-periphery), with the fee as a
 * pool parameter: single-hop {@code getAmountOut}/{@code getAmountIn} and the router's multi-hop
 * {@code getAmountsOut}/{@code getAmountsIn}. Where the library reverts, these throw a {@link ValidationException}
 * naming the operand and the library's reason. Stateless and thread-safe.
 */
public final class V2Math {
    private V2Math() {}

    /**
     * The output of selling {@code amountIn} into reserves {@code (reserveIn, reserveOut)}: {@code amountIn·f·rOut /
     * (rIn·d + amountIn·f)}, floored. This is the largest output the pair's K check accepts for that input.
     */
    public static BigInteger getAmountOut(BigInteger amountIn, BigInteger reserveIn, BigInteger reserveOut, V2Fee fee) {
        Checks.requireNonNull("fee", fee);
        requireUint256("amountIn", amountIn);
        if (amountIn.signum() == 0) {
            throw new ValidationException("amountIn", amountIn, "must be positive (INSUFFICIENT_INPUT_AMOUNT)");
        }
        requireReserves(reserveIn, reserveOut);
        BigInteger numerator =
                amountIn.multiply(BigInteger.valueOf(fee.numerator())).multiply(reserveOut);
        if (numerator.bitLength() > 256) {
            throw new ValidationException("amountIn", amountIn, "overflows amountIn·fee·reserveOut (SafeMath reverts)");
        }
        return V2Arithmetic.amountOut(amountIn, reserveIn, reserveOut, fee.numerator(), fee.denominator());
    }

    /**
     * The input a router charges to buy {@code amountOut}: {@code rIn·amountOut·d / ((rOut − amountOut)·f) + 1}. The
     * {@code + 1} is unconditional, so when the division is exact this is one more than the smallest sufficient input.
     */
    public static BigInteger getAmountIn(BigInteger amountOut, BigInteger reserveIn, BigInteger reserveOut, V2Fee fee) {
        Checks.requireNonNull("fee", fee);
        requireUint256("amountOut", amountOut);
        if (amountOut.signum() == 0) {
            throw new ValidationException("amountOut", amountOut, "must be positive (INSUFFICIENT_OUTPUT_AMOUNT)");
        }
        requireReserves(reserveIn, reserveOut);
        if (amountOut.compareTo(reserveOut) >= 0) {
            throw new ValidationException(
                    "amountOut", amountOut, "must be below reserveOut=" + reserveOut + " (the library reverts)");
        }
        if (reserveIn
                        .multiply(amountOut)
                        .multiply(BigInteger.valueOf(fee.denominator()))
                        .bitLength()
                > 256) {
            throw new ValidationException(
                    "amountOut", amountOut, "overflows reserveIn·amountOut·fee (SafeMath reverts)");
        }
        return V2Arithmetic.amountIn(amountOut, reserveIn, reserveOut, fee.numerator(), fee.denominator());
    }

    /**
     * The router's {@code getAmountsOut}: element 0 is {@code amountIn}, element i+1 the output of hop i through
     * {@code pools.get(i)} from {@code path.get(i)} to {@code path.get(i + 1)}.
     */
    public static List<BigInteger> getAmountsOut(BigInteger amountIn, List<Address> path, List<V2Pool> pools) {
        requireRoute(path, pools);
        List<BigInteger> amounts = new ArrayList<>(path.size());
        amounts.add(amountIn);
        BigInteger amount = amountIn;
        for (int i = 0; i < pools.size(); i++) {
            amount = pools.get(i).amountOut(path.get(i), amount);
            amounts.add(amount);
        }
        return List.copyOf(amounts);
    }

    /**
     * The router's {@code getAmountsIn}: the last element is {@code amountOut}, element i the input hop i needs, each
     * computed backwards with {@link #getAmountIn} (including its {@code + 1}).
     */
    public static List<BigInteger> getAmountsIn(BigInteger amountOut, List<Address> path, List<V2Pool> pools) {
        requireRoute(path, pools);
        BigInteger[] amounts = new BigInteger[path.size()];
        amounts[amounts.length - 1] = amountOut;
        for (int i = pools.size() - 1; i >= 0; i--) {
            amounts[i] = pools.get(i).amountIn(path.get(i + 1), amounts[i + 1]);
        }
        return List.of(amounts);
    }

    /** Checks that {@code pools.get(i)} holds {@code path.get(i)} and {@code path.get(i + 1)} for every hop. */
    public static void requireRoute(List<Address> path, List<V2Pool> pools) {
        Checks.requireNonNull("path", path);
        Checks.requireNonNull("pools", pools);
        if (path.size() < 2) {
            throw new ValidationException("path", path, "must have at least two tokens (INVALID_PATH)");
        }
        if (pools.size() != path.size() - 1) {
            throw new ValidationException("pools", pools.size(), "must number path.size() - 1 = " + (path.size() - 1));
        }
        for (int i = 0; i < pools.size(); i++) {
            V2Pool pool = Checks.requireNonNull("pools[" + i + "]", pools.get(i));
            Address in = Checks.requireNonNull("path[" + i + "]", path.get(i));
            Address out = Checks.requireNonNull("path[" + (i + 1) + "]", path.get(i + 1));
            if (in.equals(out) || !pool.contains(in) || !pool.contains(out)) {
                throw new ValidationException(
                        "pools[" + i + "]", pool.address(), "must be the pair of " + in + " and " + out);
            }
        }
    }

    private static void requireReserves(BigInteger reserveIn, BigInteger reserveOut) {
        Checks.requireUint("reserveIn", reserveIn, 112);
        Checks.requireUint("reserveOut", reserveOut, 112);
        if (reserveIn.signum() == 0) {
            throw new ValidationException("reserveIn", reserveIn, "must be positive (INSUFFICIENT_LIQUIDITY)");
        }
        if (reserveOut.signum() == 0) {
            throw new ValidationException("reserveOut", reserveOut, "must be positive (INSUFFICIENT_LIQUIDITY)");
        }
    }

    private static void requireUint256(String field, BigInteger value) {
        Checks.requireUint256(field, value);
    }
}
