package io.mevkit.core.sandwich.internal;

import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.ADDRESS_ARRAY;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.BYTES;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.BYTES_ARRAY;
import static io.mevkit.core.sandwich.internal.AbiArgs.Kind.UINT;

import io.mevkit.core.Address;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.DecodeResult.NotUnderstood;
import io.mevkit.core.sandwich.DecodeResult.Reason;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.VictimDecoder;
import io.mevkit.core.sandwich.VictimTx;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Uniswap's Universal Router: {@code execute(bytes commands, bytes[] inputs[, uint256 deadline])}, one input per
 * command byte (flag {@code 0x80} allows the command to revert; {@code 0x3f} masks the type). Decodes
 * {@code V2_SWAP_EXACT_IN} (0x08) and {@code V2_SWAP_EXACT_OUT} (0x09) and follows the payment commands around them
 * ({@code WRAP_ETH}, {@code UNWRAP_WETH}, {@code SWEEP}, {@code PAY_PORTION}, {@code TRANSFER},
 * {@code PERMIT2_TRANSFER_FROM}, {@code BALANCE_CHECK_ERC20}); permits are neutral; V3 swaps (0x00, 0x01) are treated
 * as moving unknown router balances; any other command makes a V2-swapping call not understood (command numbers above
 * 0x0f differ between router versions and include sub-plans that may swap anywhere). Recipients 1 and 2 stand for the
 * sender and the router; an input of {@code 1 << 255} is the router's balance, {@code 0} means already paid. Immutable
 * and thread-safe.
 */
public final class UniversalRouterDecoder implements VictimDecoder {
    static final int EXECUTE_WITH_DEADLINE = Selectors.of("execute(bytes,bytes[],uint256)");
    static final int EXECUTE = Selectors.of("execute(bytes,bytes[])");

    private static final int V3_SWAP_EXACT_IN = 0x00;
    private static final int V3_SWAP_EXACT_OUT = 0x01;
    private static final int PERMIT2_TRANSFER_FROM = 0x02;
    private static final int PERMIT2_PERMIT_BATCH = 0x03;
    private static final int SWEEP = 0x04;
    private static final int TRANSFER = 0x05;
    private static final int PAY_PORTION = 0x06;
    private static final int V2_SWAP_EXACT_IN = 0x08;
    private static final int V2_SWAP_EXACT_OUT = 0x09;
    private static final int PERMIT2_PERMIT = 0x0a;
    private static final int WRAP_ETH = 0x0b;
    private static final int UNWRAP_WETH = 0x0c;
    private static final int PERMIT2_TRANSFER_FROM_BATCH = 0x0d;
    private static final int BALANCE_CHECK_ERC20 = 0x0e;
    private static final int COMMAND_TYPE_MASK = 0x3f;

    /** {@code 1 << 255}: use the router's whole balance. */
    static final BigInteger CONTRACT_BALANCE = BigInteger.ONE.shiftLeft(255);
    /** {@code 0}: the pair was already paid by an earlier command. */
    static final BigInteger ALREADY_PAID = BigInteger.ZERO;

    private final Address wrappedNative;

    public UniversalRouterDecoder(Address wrappedNative) {
        this.wrappedNative = wrappedNative;
    }

    public static boolean knows(int selector) {
        return selector == EXECUTE_WITH_DEADLINE || selector == EXECUTE;
    }

    @Override
    public DecodeResult decode(VictimTx tx) {
        byte[] input = tx.input();
        if (input.length < 4) {
            return new NotUnderstood(Reason.EMPTY_CALLDATA, "calldata has " + input.length + " bytes");
        }
        int selector = Selectors.read(input);
        if (!knows(selector)) {
            return new NotUnderstood(Reason.UNKNOWN_SELECTOR, "not a Universal Router execute");
        }
        boolean withDeadline = selector == EXECUTE_WITH_DEADLINE;
        AbiArgs args;
        try {
            args = AbiArgs.decode(
                    input, 4, withDeadline ? List.of(BYTES, BYTES_ARRAY, UINT) : List.of(BYTES, BYTES_ARRAY));
        } catch (AbiArgs.Malformed e) {
            return new NotUnderstood(Reason.MALFORMED_CALLDATA, "execute: " + e.getMessage());
        }
        byte[] commands = args.bytes(0);
        List<byte[]> inputs = args.bytesList(1);
        if (commands.length != inputs.size()) {
            return new NotUnderstood(
                    Reason.MALFORMED_CALLDATA,
                    "execute: " + commands.length + " commands but " + inputs.size() + " inputs (LengthMismatch)");
        }
        RouterLedger ledger = new RouterLedger(
                RouterDialect.UNIVERSAL_ROUTER,
                tx.to(),
                tx.from(),
                wrappedNative,
                tx.value(),
                withDeadline ? Optional.of(args.uint(2)) : Optional.empty());
        for (int i = 0; i < commands.length && !ledger.failed(); i++) {
            int command = commands[i] & COMMAND_TYPE_MASK;
            try {
                apply(ledger, command, inputs.get(i));
            } catch (AbiArgs.Malformed e) {
                return new NotUnderstood(
                        Reason.MALFORMED_CALLDATA,
                        "command " + i + " (0x" + Integer.toHexString(command) + "): " + e.getMessage());
            }
        }
        return ledger.result();
    }

    private void apply(RouterLedger ledger, int command, byte[] input) throws AbiArgs.Malformed {
        switch (command) {
            case V2_SWAP_EXACT_IN -> {
                // (address recipient, uint256 amountIn, uint256 amountOutMin, address[] path, bool payerIsUser)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, UINT, UINT, ADDRESS_ARRAY, UINT));
                Address recipient = ledger.recipient(a.address(0));
                BigInteger amountIn = a.uint(1);
                List<Address> path = a.addresses(3);
                boolean payerIsUser = a.flag(4);
                if (path.isEmpty()) {
                    ledger.fail(Reason.INVALID_PATH, "V2_SWAP_EXACT_IN: empty path");
                    return;
                }
                Address tokenIn = path.get(0);
                if (amountIn.equals(ALREADY_PAID)) {
                    ledger.fail(Reason.UNKNOWN_AMOUNT, "V2_SWAP_EXACT_IN: the pair was paid by an earlier command");
                    return;
                }
                if (amountIn.equals(CONTRACT_BALANCE)) {
                    if (payerIsUser) {
                        ledger.fail(
                                Reason.UNKNOWN_AMOUNT, "V2_SWAP_EXACT_IN: a contract-balance input paid by the user");
                        return;
                    }
                    amountIn = ledger.takeAll(tokenIn, "V2_SWAP_EXACT_IN");
                    if (amountIn == null) {
                        return;
                    }
                    if (amountIn.signum() == 0) {
                        ledger.fail(Reason.UNKNOWN_AMOUNT, "V2_SWAP_EXACT_IN: the router's balance is zero");
                        return;
                    }
                } else if (!payerIsUser) {
                    ledger.take(tokenIn, amountIn, "V2_SWAP_EXACT_IN");
                }
                boolean nativeIn = !payerIsUser && tokenIn.equals(wrappedNative);
                ledger.swap("V2_SWAP_EXACT_IN", SwapKind.EXACT_INPUT, path, amountIn, a.uint(2), recipient, nativeIn);
            }
            case V2_SWAP_EXACT_OUT -> {
                // (address recipient, uint256 amountOut, uint256 amountInMax, address[] path, bool payerIsUser)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, UINT, UINT, ADDRESS_ARRAY, UINT));
                Address recipient = ledger.recipient(a.address(0));
                List<Address> path = a.addresses(3);
                boolean payerIsUser = a.flag(4);
                if (path.isEmpty()) {
                    ledger.fail(Reason.INVALID_PATH, "V2_SWAP_EXACT_OUT: empty path");
                    return;
                }
                BigInteger amountInMax = a.uint(2);
                if (!payerIsUser) {
                    // the router pays from its balance: it can pay no more than it holds
                    BigInteger balance = ledger.spendSome(path.get(0), "V2_SWAP_EXACT_OUT");
                    if (balance == null) {
                        return;
                    }
                    amountInMax = amountInMax.min(balance);
                }
                boolean nativeIn = !payerIsUser && path.get(0).equals(wrappedNative);
                ledger.swap(
                        "V2_SWAP_EXACT_OUT", SwapKind.EXACT_OUTPUT, path, amountInMax, a.uint(1), recipient, nativeIn);
            }
            case WRAP_ETH -> {
                // (address recipient, uint256 amountMin)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, UINT));
                BigInteger amount = a.uint(1).equals(CONTRACT_BALANCE) ? ledger.ethBalance() : a.uint(1);
                if (ledger.spendEth(amount) && ledger.isRouter(ledger.recipient(a.address(0)))) {
                    ledger.deposit(wrappedNative, amount);
                }
            }
            case UNWRAP_WETH -> {
                // (address recipient, uint256 amountMin)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, UINT));
                ledger.payOut(wrappedNative, a.uint(1), ledger.recipient(a.address(0)), true);
            }
            case SWEEP -> {
                // (address token, address recipient, uint256 amountMin)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, ADDRESS, UINT));
                ledger.payOut(a.address(0), a.uint(2), ledger.recipient(a.address(1)), false);
            }
            case PAY_PORTION -> {
                // (address token, address recipient, uint256 bips)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, ADDRESS, UINT));
                ledger.payPortion(a.address(0), a.uint(2));
            }
            case TRANSFER -> {
                // (address token, address recipient, uint256 value); CONTRACT_BALANCE pays out everything
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, ADDRESS, UINT));
                if (a.uint(2).equals(CONTRACT_BALANCE)) {
                    ledger.payOut(a.address(0), BigInteger.ZERO, ledger.recipient(a.address(1)), false);
                } else {
                    ledger.transfer(a.address(0), a.uint(2));
                }
            }
            case PERMIT2_TRANSFER_FROM -> {
                // (address token, address recipient, uint160 amount): from the user
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, ADDRESS, UINT));
                if (ledger.isRouter(ledger.recipient(a.address(1)))) {
                    ledger.deposit(a.address(0), a.uint(2));
                }
            }
            case PERMIT2_PERMIT, PERMIT2_PERMIT_BATCH -> {
                // approvals only: no balance moves
            }
            case BALANCE_CHECK_ERC20 -> {
                // (address owner, address token, uint256 minBalance)
                AbiArgs a = AbiArgs.decode(input, 0, List.of(ADDRESS, ADDRESS, UINT));
                ledger.balanceCheck(a.address(1));
            }
            case V3_SWAP_EXACT_IN, V3_SWAP_EXACT_OUT -> ledger.taint("a V3 swap");
            case PERMIT2_TRANSFER_FROM_BATCH -> ledger.taint("a batch permit transfer");
            default -> ledger.unsupported("command 0x" + Integer.toHexString(command) + " is not modelled");
        }
    }
}
