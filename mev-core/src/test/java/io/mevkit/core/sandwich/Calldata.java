package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/** Router calldata for tests, encoded with web3j's encoder (independent of the decoders under test). */
final class Calldata {
    static final Address MSG_SENDER = Address.fromBigInteger(BigInteger.ONE);
    static final Address ADDRESS_THIS = Address.fromBigInteger(BigInteger.TWO);
    static final BigInteger CONTRACT_BALANCE = BigInteger.ONE.shiftLeft(255);

    private Calldata() {}

    static org.web3j.abi.datatypes.Address addr(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }

    static Uint256 uint(BigInteger v) {
        return new Uint256(v);
    }

    static Uint256 uint(long v) {
        return new Uint256(v);
    }

    static DynamicArray<org.web3j.abi.datatypes.Address> path(Address... tokens) {
        return new DynamicArray<>(
                org.web3j.abi.datatypes.Address.class,
                Arrays.stream(tokens).map(Calldata::addr).toList());
    }

    /** A full call: selector of {@code name(types of args)} followed by the encoded arguments. */
    @SuppressWarnings("rawtypes")
    static byte[] call(String name, Type... args) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(name, List.<Type>of(args), List.of())));
    }

    /** The ABI encoding of a tuple, without selector (a Universal Router command input). */
    @SuppressWarnings("rawtypes")
    static byte[] tuple(Type... args) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.<Type>of(args)));
    }

    static DynamicArray<DynamicBytes> bytesArray(List<byte[]> items) {
        return new DynamicArray<>(
                DynamicBytes.class, items.stream().map(DynamicBytes::new).toList());
    }

    static byte[] execute(byte[] commands, List<byte[]> inputs, BigInteger deadline) {
        return deadline == null
                ? call("execute", new DynamicBytes(commands), bytesArray(inputs))
                : call("execute", new DynamicBytes(commands), bytesArray(inputs), uint(deadline));
    }

    static byte[] v2ExactIn(
            Address recipient, BigInteger amountIn, BigInteger min, boolean payerIsUser, Address... path) {
        return tuple(addr(recipient), uint(amountIn), uint(min), path(path), new Bool(payerIsUser));
    }

    static byte[] v2ExactOut(
            Address recipient, BigInteger amountOut, BigInteger max, boolean payerIsUser, Address... path) {
        return tuple(addr(recipient), uint(amountOut), uint(max), path(path), new Bool(payerIsUser));
    }

    static byte[] multicall(BigInteger deadline, List<byte[]> calls) {
        return call("multicall", uint(deadline), bytesArray(calls));
    }

    static byte[] multicall(List<byte[]> calls) {
        return call("multicall", bytesArray(calls));
    }

    static byte[] multicall(byte[] previousBlockhash, List<byte[]> calls) {
        return call("multicall", new Bytes32(previousBlockhash), bytesArray(calls));
    }
}
