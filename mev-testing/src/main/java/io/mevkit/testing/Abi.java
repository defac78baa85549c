package io.mevkit.testing;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/** Shorthands for the ABI values tests pass around. */
public final class Abi {
    private Abi() {}

    public static Address address(String hex) {
        return new Address(hex);
    }

    public static Uint256 uint(BigInteger value) {
        return new Uint256(value);
    }

    public static Uint256 uint(long value) {
        return new Uint256(value);
    }

    /** A function call with no declared outputs. */
    public static Function fn(String name, Type<?>... inputs) {
        return new Function(name, Arrays.asList(inputs), List.of());
    }

    /** A function call with declared outputs, for {@link Anvil#call}. */
    @SuppressWarnings("rawtypes") // web3j's Function takes raw Type lists
    public static Function fn(String name, List<Type> inputs, List<TypeReference<?>> outputs) {
        return new Function(name, inputs, outputs);
    }

    /** A router swap path: an {@code address[]} of token addresses. */
    public static DynamicArray<Address> path(String... tokens) {
        return new DynamicArray<>(
                Address.class, Arrays.stream(tokens).map(Address::new).toList());
    }

    /** {@code 2^32}: a deadline no test reaches. */
    public static Uint256 farDeadline() {
        return new Uint256(BigInteger.ONE.shiftLeft(32));
    }
}
