package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.Hex;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The parts of a pending transaction that decide which swap it makes: sender, router, ETH value and calldata.
 * Immutable (the calldata is copied in and out) and thread-safe.
 */
public record VictimTx(Address from, Address to, BigInteger value, byte[] input) {
    public VictimTx {
        Checks.requireNonNull("from", from);
        Checks.requireNonNull("to", to);
        Checks.requireUint256("value", value);
        input = Checks.requireNonNull("input", input).clone();
    }

    /** A transaction whose calldata is given as 0x-prefixed hex. */
    public static VictimTx of(Address from, Address to, BigInteger value, String inputHex) {
        return new VictimTx(from, to, value, Hex.decode("input", inputHex));
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    /** The calldata's length in bytes, without copying it. */
    public int inputLength() {
        return input.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VictimTx t
                && from.equals(t.from)
                && to.equals(t.to)
                && value.equals(t.value)
                && Arrays.equals(input, t.input);
    }

    @Override
    public int hashCode() {
        return ((from.hashCode() * 31 + to.hashCode()) * 31 + value.hashCode()) * 31 + Arrays.hashCode(input);
    }

    @Override
    public String toString() {
        return "VictimTx[from=" + from + ", to=" + to + ", value=" + value + ", input=" + input.length + " bytes]";
    }
}
