package io.mevkit.core.bundle.internal;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;

/** Router calldata for sandwich legs, encoded with web3j's ABI encoder. */
@SuppressWarnings("rawtypes")
public final class LegCalldata {
    private LegCalldata() {}

    /** Router02 {@code swapExactTokensForTokens(amountIn, amountOutMin, [tokenIn, tokenOut], to, deadline)}. */
    public static byte[] v2ExactTokensForTokens(
            BigInteger amountIn,
            BigInteger amountOutMin,
            Address tokenIn,
            Address tokenOut,
            Address to,
            BigInteger deadline) {
        List<Type> args = List.of(
                new Uint256(amountIn),
                new Uint256(amountOutMin),
                new DynamicArray<>(org.web3j.abi.datatypes.Address.class, List.of(address(tokenIn), address(tokenOut))),
                address(to),
                new Uint256(deadline));
        return Hex.decode(FunctionEncoder.encode(new Function("swapExactTokensForTokens", args, List.of())));
    }

    /**
     * SwapRouter (v3-periphery) {@code exactInputSingle((tokenIn, tokenOut, fee, recipient, deadline, amountIn,
     * amountOutMinimum, sqrtPriceLimitX96))} with no price limit.
     */
    public static byte[] v3ExactInputSingle(
            Address tokenIn,
            Address tokenOut,
            int fee,
            Address recipient,
            BigInteger deadline,
            BigInteger amountIn,
            BigInteger amountOutMinimum) {
        StaticStruct params = new StaticStruct(
                address(tokenIn),
                address(tokenOut),
                new Uint24(fee),
                address(recipient),
                new Uint256(deadline),
                new Uint256(amountIn),
                new Uint256(amountOutMinimum),
                new Uint160(BigInteger.ZERO));
        List<Type> args = List.of(params);
        return Hex.decode(FunctionEncoder.encode(new Function("exactInputSingle", args, List.of())));
    }

    private static org.web3j.abi.datatypes.Address address(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }
}
