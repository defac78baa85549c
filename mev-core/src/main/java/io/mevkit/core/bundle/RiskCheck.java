package io.mevkit.core.bundle;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One bundle as {@link RiskPolicy} sees it before signing. Immutable.
 *
 * @param capitalToken the token the trade starts with
 * @param input the amount of {@code capitalToken} put in (the front-run's input)
 * @param tokens every token the trade touches
 * @param pools every pool the trade touches
 * @param maxFeePerGas the highest fee cap of its transactions in wei
 * @param maxGasAndBribeWei the most the bundle can cost in gas and builder payment, in wei
 * @param expectedProfitWei the expected net profit in wei (after gas and bribe)
 * @param worstCaseLossWei the most the bundle can lose if included, in wei (e.g. gas of a reverting leg)
 * @param priceConfidenceBps the confidence in the price used to value the profit, in basis points (10 000 = exact),
 *     when a non-native token is valued
 */
public record RiskCheck(
        Address capitalToken,
        BigInteger input,
        List<Address> tokens,
        List<Address> pools,
        BigInteger maxFeePerGas,
        BigInteger maxGasAndBribeWei,
        BigInteger expectedProfitWei,
        BigInteger worstCaseLossWei,
        OptionalInt priceConfidenceBps) {
    public RiskCheck {
        Objects.requireNonNull(capitalToken, "capitalToken");
        Checks.requireNonNegative("input", input);
        tokens = List.copyOf(tokens);
        pools = List.copyOf(pools);
        Checks.requireNonNegative("maxFeePerGas", maxFeePerGas);
        Checks.requireNonNegative("maxGasAndBribeWei", maxGasAndBribeWei);
        Objects.requireNonNull(expectedProfitWei, "expectedProfitWei");
        Checks.requireNonNegative("worstCaseLossWei", worstCaseLossWei);
        Objects.requireNonNull(priceConfidenceBps, "priceConfidenceBps");
        if (priceConfidenceBps.isPresent()
                && (priceConfidenceBps.getAsInt() < 0 || priceConfidenceBps.getAsInt() > 10_000)) {
            throw new io.mevkit.core.ValidationException(
                    "priceConfidenceBps", priceConfidenceBps.getAsInt(), "must be 0..10000");
        }
    }
}
