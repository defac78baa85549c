package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Checks;
import io.mevkit.core.ValidationException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * One V2 swap a pending transaction will make, as its router will execute it.
 *
 * <p>For {@link SwapKind#EXACT_INPUT} {@code amountIn} is the exact input and {@code amountOut} the least final output
 * the transaction accepts; for {@link SwapKind#EXACT_OUTPUT} {@code amountOut} is the exact output and {@code amountIn}
 * the most it pays. Where the router enforces the bound after the swap (an unwrap or sweep with a minimum, fees taken
 * on the way), the bound here is already translated back to the swap's own output, exactly. {@code recipient} is the
 * resolved receiver ({@code MSG_SENDER}/{@code ADDRESS_THIS} placeholders replaced). {@code feeOnTransferVariant} marks
 * the Router02 functions for fee-on-transfer tokens, whose amounts the pair math cannot predict. Immutable and
 * thread-safe.
 */
public record VictimSwap(
        RouterDialect dialect,
        Address router,
        String function,
        SwapKind kind,
        List<Address> path,
        BigInteger amountIn,
        BigInteger amountOut,
        Address recipient,
        Optional<BigInteger> deadline,
        boolean feeOnTransferVariant,
        boolean nativeIn,
        boolean nativeOut) {

    public VictimSwap {
        Checks.requireNonNull("dialect", dialect);
        Checks.requireNonNull("router", router);
        Checks.requireNonNull("function", function);
        Checks.requireNonNull("kind", kind);
        path = List.copyOf(Checks.requireNonNull("path", path));
        if (path.size() < 2) {
            throw new ValidationException("path", path, "must have at least two tokens");
        }
        for (int i = 0; i + 1 < path.size(); i++) {
            if (path.get(i).equals(path.get(i + 1))) {
                throw new ValidationException("path", path, "must not swap a token for itself at hop " + i);
            }
        }
        Checks.requireUint256("amountIn", amountIn);
        Checks.requireUint256("amountOut", amountOut);
        Checks.requireNonNull("recipient", recipient);
        Checks.requireNonNull("deadline", deadline);
        deadline.ifPresent(value -> Checks.requireUint256("deadline", value));
    }

    public Address tokenIn() {
        return path.get(0);
    }

    public Address tokenOut() {
        return path.get(path.size() - 1);
    }

    /** The number of pairs the swap goes through. */
    public int hops() {
        return path.size() - 1;
    }

    /** The amount the trader fixed: the input for exact input, the output for exact output. */
    public BigInteger exactAmount() {
        return kind == SwapKind.EXACT_INPUT ? amountIn : amountOut;
    }

    /** The slippage bound: the least output for exact input, the most input for exact output. */
    public BigInteger limitAmount() {
        return kind == SwapKind.EXACT_INPUT ? amountOut : amountIn;
    }
}
