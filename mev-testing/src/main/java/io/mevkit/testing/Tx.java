package io.mevkit.testing;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A transaction for an unlocked dev account ({@code eth_sendTransaction}); {@code to} is null for a deployment.
 * Gas is estimated by the node unless set; set it to mine a transaction that reverts.
 */
public record Tx(String from, String to, String data, BigInteger value, Long gas, BigInteger maxPriorityFeePerGas) {
    public Tx {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("value must not be negative but was " + value);
        }
    }

    public static Tx call(String from, String to, String data) {
        return new Tx(from, Objects.requireNonNull(to, "to"), data, BigInteger.ZERO, null, null);
    }

    public static Tx transfer(String from, String to, BigInteger wei) {
        return new Tx(from, Objects.requireNonNull(to, "to"), "0x", wei, null, null);
    }

    public static Tx deploy(String from, String initCode) {
        return new Tx(from, null, initCode, BigInteger.ZERO, null, null);
    }

    public Tx withValue(BigInteger wei) {
        return new Tx(from, to, data, wei, gas, maxPriorityFeePerGas);
    }

    public Tx withGas(long gasLimit) {
        return new Tx(from, to, data, value, gasLimit, maxPriorityFeePerGas);
    }

    public Tx withPriorityFee(BigInteger wei) {
        return new Tx(from, to, data, value, gas, wei);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from);
        if (to != null) {
            json.put("to", to);
        }
        json.put("data", data);
        json.put("value", Hex.of(value));
        if (gas != null) {
            json.put("gas", Hex.of(gas));
        }
        if (maxPriorityFeePerGas != null) {
            json.put("maxPriorityFeePerGas", Hex.of(maxPriorityFeePerGas));
        }
        return json;
    }
}
