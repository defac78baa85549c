package io.mevkit.core.sandwich;

import io.mevkit.core.Address;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.sandwich.V3Calldata.Malformed;
import io.mevkit.core.sandwich.V3NotUnderstood.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Decodes a transaction's calldata into the Uniswap V3 swap it makes: SwapRouter's {@code exactInputSingle},
 * {@code exactInput}, {@code exactOutputSingle} and {@code exactOutput}, SwapRouter02's forms without a deadline (also
 * inside {@code multicall}, with or without a deadline), and Universal Router {@code execute} with a
 * {@code V3_SWAP_EXACT_IN} or {@code V3_SWAP_EXACT_OUT} command (packed paths; 5-word inputs and 2.1's 6-word inputs
 * with per-hop minimum prices).
 *
 * <p>Anything else, or anything that would not decode in the router, is a {@link V3NotUnderstood} with a reason:
 * {@link #decode} never throws on calldata. Stateless and thread-safe.
 */
public final class V3SwapDecoder {
    // v3-periphery SwapRouter
    static final int EXACT_INPUT_SINGLE =
            selector("exactInputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))");
    static final int EXACT_INPUT = selector("exactInput((bytes,address,uint256,uint256,uint256))");
    static final int EXACT_OUTPUT_SINGLE =
            selector("exactOutputSingle((address,address,uint24,address,uint256,uint256,uint256,uint160))");
    static final int EXACT_OUTPUT = selector("exactOutput((bytes,address,uint256,uint256,uint256))");
    // swap-router-contracts SwapRouter02 (IV3SwapRouter: no deadline)
    static final int EXACT_INPUT_SINGLE_02 =
            selector("exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))");
    static final int EXACT_INPUT_02 = selector("exactInput((bytes,address,uint256,uint256))");
    static final int EXACT_OUTPUT_SINGLE_02 =
            selector("exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))");
    static final int EXACT_OUTPUT_02 = selector("exactOutput((bytes,address,uint256,uint256))");
    // SwapRouter02's V2 swaps: swaps this decoder does not model, counted so that a mixed batch is refused
    static final int V2_EXACT_IN_02 = selector("swapExactTokensForTokens(uint256,uint256,address[],address)");
    static final int V2_EXACT_OUT_02 = selector("swapTokensForExactTokens(uint256,uint256,address[],address)");
    // Multicall / MulticallExtended
    static final int MULTICALL = selector("multicall(bytes[])");
    static final int MULTICALL_DEADLINE = selector("multicall(uint256,bytes[])");
    static final int MULTICALL_BLOCKHASH = selector("multicall(bytes32,bytes[])");
    // Universal Router
    static final int EXECUTE_DEADLINE = selector("execute(bytes,bytes[],uint256)");
    static final int EXECUTE = selector("execute(bytes,bytes[])");

    static final int V3_SWAP_EXACT_IN = 0x00;
    static final int V3_SWAP_EXACT_OUT = 0x01;
    private static final int COMMAND_TYPE_MASK = 0x7f;
    private static final int V2_SWAP_EXACT_IN = 0x08;
    private static final int V2_SWAP_EXACT_OUT = 0x09;
    private static final int V4_SWAP = 0x10;
    private static final int EXECUTE_SUB_PLAN = 0x21;

    /** Universal Router's {@code ActionConstants.CONTRACT_BALANCE}: swap the router's whole balance. */
    static final BigInteger UR_CONTRACT_BALANCE = BigInteger.ONE.shiftLeft(255);

    private static final int ADDRESS_BYTES = 20;
    private static final int HOP_BYTES = 23;

    private V3SwapDecoder() {}

    /** Decodes hex calldata ({@code 0x}-prefixed); text that is not hex is {@link Reason#MALFORMED}. */
    public static V3DecodeResult decode(String calldataHex) {
        if (calldataHex == null) {
            return new V3NotUnderstood(Reason.NO_SELECTOR, "no calldata");
        }
        byte[] data;
        try {
            data = Hex.decode("calldata", calldataHex);
        } catch (ValidationException e) {
            return new V3NotUnderstood(Reason.MALFORMED, "calldata is not hex: " + e.rule());
        }
        return decode(data);
    }

    /** Decodes calldata bytes. */
    public static V3DecodeResult decode(byte[] calldata) {
        if (calldata == null || calldata.length < 4) {
            return new V3NotUnderstood(
                    Reason.NO_SELECTOR, "calldata has " + (calldata == null ? 0 : calldata.length) + " bytes");
        }
        try {
            return decodeCall(calldata, true);
        } catch (Malformed e) {
            return new V3NotUnderstood(Reason.MALFORMED, e.getMessage());
        } catch (ValidationException e) {
            // a decoded value a record rejects (e.g. a path that does not chain): the router would not swap it
            return new V3NotUnderstood(Reason.MALFORMED, e.getMessage());
        }
    }

    private static V3DecodeResult decodeCall(byte[] data, boolean allowBatch) throws Malformed {
        if (data.length < 4) {
            return new V3NotUnderstood(Reason.NO_SELECTOR, "inner call has " + data.length + " bytes");
        }
        int selector = ((data[0] & 0xff) << 24) | ((data[1] & 0xff) << 16) | ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        V3Calldata args = new V3Calldata(data, 4);
        if (selector == EXACT_INPUT_SINGLE) {
            return single(args, V3Router.SWAP_ROUTER, "exactInputSingle", true, true);
        } else if (selector == EXACT_OUTPUT_SINGLE) {
            return single(args, V3Router.SWAP_ROUTER, "exactOutputSingle", false, true);
        } else if (selector == EXACT_INPUT) {
            return multiHop(args.tuple(0), V3Router.SWAP_ROUTER, "exactInput", true, true);
        } else if (selector == EXACT_OUTPUT) {
            return multiHop(args.tuple(0), V3Router.SWAP_ROUTER, "exactOutput", false, true);
        } else if (selector == EXACT_INPUT_SINGLE_02) {
            return single(args, V3Router.SWAP_ROUTER_02, "exactInputSingle", true, false);
        } else if (selector == EXACT_OUTPUT_SINGLE_02) {
            return single(args, V3Router.SWAP_ROUTER_02, "exactOutputSingle", false, false);
        } else if (selector == EXACT_INPUT_02) {
            return multiHop(args.tuple(0), V3Router.SWAP_ROUTER_02, "exactInput", true, false);
        } else if (selector == EXACT_OUTPUT_02) {
            return multiHop(args.tuple(0), V3Router.SWAP_ROUTER_02, "exactOutput", false, false);
        } else if (allowBatch && selector == MULTICALL) {
            return multicall(args.bytesArray(0), Optional.empty());
        } else if (allowBatch && selector == MULTICALL_DEADLINE) {
            return multicall(args.bytesArray(1), Optional.of(args.uint(0, 256)));
        } else if (allowBatch && selector == MULTICALL_BLOCKHASH) {
            return multicall(args.bytesArray(1), Optional.empty());
        } else if (allowBatch && selector == EXECUTE_DEADLINE) {
            return universalRouter(args.bytes(0), args.bytesArray(1), Optional.of(args.uint(2, 256)));
        } else if (allowBatch && selector == EXECUTE) {
            return universalRouter(args.bytes(0), args.bytesArray(1), Optional.empty());
        }
        return new V3NotUnderstood(Reason.UNKNOWN_SELECTOR, String.format("selector 0x%08x", selector));
    }

    private static V3DecodeResult single(
            V3Calldata p, V3Router router, String function, boolean exactInput, boolean withDeadline) throws Malformed {
        // (tokenIn, tokenOut, fee, recipient, [deadline,] amount, limitAmount, sqrtPriceLimitX96)
        int shift = withDeadline ? 1 : 0;
        Address tokenIn = p.address(0);
        Address tokenOut = p.address(1);
        int fee = p.uint(2, 24).intValue();
        Address recipient = p.address(3);
        Optional<BigInteger> deadline = withDeadline ? Optional.of(p.uint(4, 256)) : Optional.empty();
        BigInteger amount = p.uint(4 + shift, 256);
        BigInteger limitAmount = p.uint(5 + shift, 256);
        BigInteger sqrtPriceLimit = p.uint(6 + shift, 160);
        if (router == V3Router.SWAP_ROUTER_02 && exactInput && amount.signum() == 0) {
            return new V3NotUnderstood(Reason.AMOUNT_FROM_BALANCE, function + " with amountIn 0 (CONTRACT_BALANCE)");
        }
        return new V3VictimSwap(
                router,
                function,
                exactInput,
                List.of(new V3PathHop(tokenIn, fee, tokenOut)),
                recipient,
                amount,
                limitAmount,
                sqrtPriceLimit,
                deadline,
                List.of());
    }

    private static V3DecodeResult multiHop(
            V3Calldata p, V3Router router, String function, boolean exactInput, boolean withDeadline) throws Malformed {
        // (path, recipient, [deadline,] amount, limitAmount)
        int shift = withDeadline ? 1 : 0;
        List<V3PathHop> path = path(p.bytes(0), exactInput);
        Address recipient = p.address(1);
        Optional<BigInteger> deadline = withDeadline ? Optional.of(p.uint(2, 256)) : Optional.empty();
        BigInteger amount = p.uint(2 + shift, 256);
        BigInteger limitAmount = p.uint(3 + shift, 256);
        if (router == V3Router.SWAP_ROUTER_02 && exactInput && amount.signum() == 0) {
            return new V3NotUnderstood(Reason.AMOUNT_FROM_BALANCE, function + " with amountIn 0 (CONTRACT_BALANCE)");
        }
        return new V3VictimSwap(
                router,
                function,
                exactInput,
                path,
                recipient,
                amount,
                limitAmount,
                BigInteger.ZERO,
                deadline,
                List.of());
    }

    private static V3DecodeResult multicall(List<byte[]> calls, Optional<BigInteger> deadline) throws Malformed {
        V3VictimSwap found = null;
        int swaps = 0;
        for (byte[] call : calls) {
            V3DecodeResult inner = decodeCall(call, false);
            if (inner instanceof V3VictimSwap swap) {
                found = swap;
                swaps++;
            } else if (call.length >= 4) {
                int selector = ((call[0] & 0xff) << 24)
                        | ((call[1] & 0xff) << 16)
                        | ((call[2] & 0xff) << 8)
                        | (call[3] & 0xff);
                if (selector == V2_EXACT_IN_02 || selector == V2_EXACT_OUT_02) {
                    swaps++;
                } else if (inner instanceof V3NotUnderstood n && n.reason() == Reason.AMOUNT_FROM_BALANCE) {
                    return n;
                }
            }
            // other calls (refundETH, unwrapWETH9, sweepToken, selfPermit, ...) move no pool
        }
        if (swaps > 1) {
            return new V3NotUnderstood(Reason.MULTIPLE_SWAPS, "multicall with " + swaps + " swaps");
        }
        if (found == null) {
            return new V3NotUnderstood(Reason.NO_V3_SWAP, "multicall of " + calls.size() + " calls without a V3 swap");
        }
        return found.deadline().isPresent() || deadline.isEmpty() ? found : withDeadline(found, deadline);
    }

    private static V3DecodeResult universalRouter(byte[] commands, List<byte[]> inputs, Optional<BigInteger> deadline)
            throws Malformed {
        if (commands.length != inputs.size()) {
            throw new Malformed(commands.length + " commands but " + inputs.size() + " inputs (LengthMismatch)");
        }
        V3VictimSwap found = null;
        int swaps = 0;
        for (int i = 0; i < commands.length; i++) {
            int command = commands[i] & COMMAND_TYPE_MASK;
            if (command == V3_SWAP_EXACT_IN || command == V3_SWAP_EXACT_OUT) {
                V3DecodeResult swap = urV3Swap(inputs.get(i), command == V3_SWAP_EXACT_IN, deadline);
                if (swap instanceof V3NotUnderstood n) {
                    return n;
                }
                found = (V3VictimSwap) swap;
                swaps++;
            } else if (command == V2_SWAP_EXACT_IN
                    || command == V2_SWAP_EXACT_OUT
                    || command == V4_SWAP
                    || command == EXECUTE_SUB_PLAN) {
                swaps++;
            }
        }
        if (swaps > 1) {
            return new V3NotUnderstood(Reason.MULTIPLE_SWAPS, "Universal Router plan with " + swaps + " swaps");
        }
        if (found == null) {
            return new V3NotUnderstood(Reason.NO_V3_SWAP, "Universal Router plan without a V3 swap command");
        }
        return found;
    }

    private static V3DecodeResult urV3Swap(byte[] input, boolean exactInput, Optional<BigInteger> deadline)
            throws Malformed {
        // abi.encode(address recipient, uint256 amount, uint256 limitAmount, bytes path, bool payerIsUser
        //            [, uint256[] minHopPriceX36 since Universal Router 2.1])
        V3Calldata p = new V3Calldata(input, 0);
        Address recipient = p.address(0);
        BigInteger amount = p.uint(1, 256);
        BigInteger limitAmount = p.uint(2, 256);
        BigInteger pathOffset = p.word(3);
        List<V3PathHop> path = path(p.bytes(3), exactInput);
        p.bool(4);
        List<BigInteger> minHop = List.of();
        if (pathOffset.compareTo(BigInteger.valueOf(0xc0)) >= 0) {
            minHop = p.uintArray(5);
            if (!minHop.isEmpty() && minHop.size() != path.size()) {
                throw new Malformed(minHop.size() + " hop prices for " + path.size() + " pools");
            }
        }
        if (exactInput && amount.equals(UR_CONTRACT_BALANCE)) {
            return new V3NotUnderstood(Reason.AMOUNT_FROM_BALANCE, "V3_SWAP_EXACT_IN with amountIn CONTRACT_BALANCE");
        }
        return new V3VictimSwap(
                V3Router.UNIVERSAL_ROUTER,
                exactInput ? "V3_SWAP_EXACT_IN" : "V3_SWAP_EXACT_OUT",
                exactInput,
                path,
                recipient,
                amount,
                limitAmount,
                BigInteger.ZERO,
                deadline,
                minHop);
    }

    /**
     * A packed path {@code token(20) fee(3) token(20) ...} in trade order: as encoded for exact input, reversed for
     * exact output (whose path starts at the output token).
     */
    static List<V3PathHop> path(byte[] packed, boolean exactInput) throws Malformed {
        if (packed.length < ADDRESS_BYTES + HOP_BYTES || (packed.length - ADDRESS_BYTES) % HOP_BYTES != 0) {
            throw new Malformed("path of " + packed.length + " bytes is not token(20) (fee(3) token(20))+");
        }
        int hops = (packed.length - ADDRESS_BYTES) / HOP_BYTES;
        List<V3PathHop> path = new ArrayList<>(hops);
        for (int i = 0; i < hops; i++) {
            int at = i * HOP_BYTES;
            Address a = Address.fromBytes(Arrays.copyOfRange(packed, at, at + ADDRESS_BYTES));
            int fee = ((packed[at + 20] & 0xff) << 16) | ((packed[at + 21] & 0xff) << 8) | (packed[at + 22] & 0xff);
            Address b = Address.fromBytes(Arrays.copyOfRange(packed, at + HOP_BYTES, at + HOP_BYTES + ADDRESS_BYTES));
            path.add(exactInput ? new V3PathHop(a, fee, b) : new V3PathHop(b, fee, a));
        }
        if (!exactInput) {
            Collections.reverse(path);
        }
        return path;
    }

    private static V3VictimSwap withDeadline(V3VictimSwap s, Optional<BigInteger> deadline) {
        return new V3VictimSwap(
                s.router(),
                s.function(),
                s.exactInput(),
                s.path(),
                s.recipient(),
                s.amount(),
                s.limitAmount(),
                s.sqrtPriceLimitX96(),
                deadline,
                s.minHopPriceX36());
    }

    private static int selector(String signature) {
        return (int) Long.parseLong(Hash.sha3String(signature).substring(2, 10), 16);
    }
}
