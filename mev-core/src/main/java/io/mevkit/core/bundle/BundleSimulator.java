package io.mevkit.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.DecodedTx;
import io.mevkit.core.bundle.internal.RevertReasons;
import io.mevkit.core.gas.BaseFeeRule;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.internal.JsonRpcMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * Runs a bundle and returns a typed {@link BundleSimulation}, from one of two sources.
 *
 * <p>{@link #of(RpcClient)}: a node's {@code eth_simulateV1} (geth, reth, anvil): the signed transactions in order, in
 * one simulated block whose number, timestamp, base fee and fee recipient are those of the target block, with fees
 * charged as on chain ({@code validation: true}). The mempool and the chain are untouched. Balances are read inside
 * the same simulated block, before the first and after the last transaction, by calls from a throwaway account that
 * pays no priority fee (so they change no followed balance, the coinbase's included).
 *
 * <p>{@link #callBundle(BuilderClient)}: a builder's {@code eth_callBundle}, for the request's target block on its
 * state block (and timestamp, when set): per transaction gas used, success or revert and return data, and the
 * coinbase difference. It cannot follow balances, report logs, or set the block's base fee or fee recipient: a request
 * asking for those is refused with a {@link io.mevkit.core.ValidationException}, and the simulation reports them as
 * absent (see {@link BundleSimulation.Source}).
 *
 * <p>Thread-safe; the {@link RpcClient} and the {@link BuilderClient} belong to the caller.
 */
public final class BundleSimulator {
    private static final ObjectMapper MAPPER = JsonRpcMapper.shared();
    /** The throwaway caller of the balance reads, funded by a state override (an address no key can sign for). */
    private static final Address PROBE_CALLER = Address.of("0x"
            + Hash.keccak256("mevkit.probe.caller".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .hex()
                    .substring(26));
    /** A contract placed by a state override: returns {@code BALANCE(calldata[0:32])}. */
    private static final Address BALANCE_READER = Address.of("0x"
            + Hash.keccak256("mevkit.probe.balance".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .hex()
                    .substring(26));
    // PUSH1 0 CALLDATALOAD BALANCE PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
    private static final String BALANCE_READER_CODE = "0x6000353160005260206000f3";
    private static final long PROBE_GAS = 100_000;

    private final @Nullable RpcClient rpc;
    private final FeeMarket.Eip1559 feeRule;
    private final @Nullable BuilderClient builder;

    private BundleSimulator(@Nullable RpcClient rpc, FeeMarket.Eip1559 feeRule, @Nullable BuilderClient builder) {
        this.rpc = rpc;
        this.feeRule = feeRule;
        this.builder = builder;
    }

    /** A simulator asking {@code builder}'s {@code eth_callBundle}. */
    public static BundleSimulator callBundle(BuilderClient builder) {
        return new BundleSimulator(null, FeeMarket.eip1559(2, 8), Objects.requireNonNull(builder, "builder"));
    }

    /** Which source this simulator asks. */
    public BundleSimulation.Source source() {
        return builder == null ? BundleSimulation.Source.NODE_SIMULATE_V1 : BundleSimulation.Source.BUILDER_CALL_BUNDLE;
    }

    /** A simulator over {@code rpc}, predicting unset base fees with Ethereum's EIP-1559 rule (2, 8). */
    public static BundleSimulator of(RpcClient rpc) {
        return of(rpc, FeeMarket.eip1559(2, 8));
    }

    /** A simulator over {@code rpc}, predicting unset base fees with {@code feeRule}. */
    public static BundleSimulator of(RpcClient rpc, FeeMarket.Eip1559 feeRule) {
        return new BundleSimulator(
                Objects.requireNonNull(rpc, "rpc"), Objects.requireNonNull(feeRule, "feeRule"), null);
    }

    /**
     * Simulates {@code request}.
     *
     * @return every transaction's result; a reverting transaction is a result, not an exception
     * @throws RpcException when the node or builder refuses the simulation (e.g. a nonce or balance the block would
     *     refuse; a JSON-RPC error has kind {@link RpcException.Kind#RPC_ERROR} with its code and message) or answers
     *     something malformed or inconsistent with the bundle
     * @throws io.mevkit.core.ValidationException when a transaction is not a signed legacy or EIP-1559 one, or the
     *     request asks {@code eth_callBundle} for what it cannot do
     * @see #outcome(SimulationRequest)
     */
    public BundleSimulation simulate(SimulationRequest request) {
        SimulationOutcome outcome = outcome(request);
        if (outcome instanceof SimulationOutcome.Refused refused) {
            throw RpcException.rpcError(
                    refused.method(),
                    source().name(),
                    refused.code(),
                    refused.message(),
                    refused.dataJson().orElse(null));
        }
        return ((SimulationOutcome.Simulated) outcome).simulation();
    }

    /**
     * Simulates {@code request}; a top-level JSON-RPC error (the node or builder refusing the whole bundle) is a
     * {@link SimulationOutcome.Refused}, a reverting transaction part of a {@link SimulationOutcome.Simulated}.
     *
     * @throws RpcException when the exchange failed or the answer is malformed or inconsistent with the bundle
     */
    public SimulationOutcome outcome(SimulationRequest request) {
        Objects.requireNonNull(request, "request");
        List<DecodedTx> txs = new ArrayList<>();
        for (int i = 0; i < request.bundle().txs().size(); i++) {
            txs.add(DecodedTx.decode("txs[" + i + "]", request.bundle().txs().get(i)));
        }
        if (builder != null) {
            return viaCallBundle(builder, request, txs);
        }
        try {
            return new SimulationOutcome.Simulated(viaNode(Objects.requireNonNull(rpc), request, txs));
        } catch (RpcException e) {
            if (e.kind() == RpcException.Kind.RPC_ERROR) {
                return new SimulationOutcome.Refused(
                        e.method(), e.code().orElse(0), e.rpcMessage().orElse(""), e.dataJson());
            }
            throw e;
        }
    }

    private static SimulationOutcome viaCallBundle(
            BuilderClient builder, SimulationRequest request, List<DecodedTx> txs) {
        if (!request.accounts().isEmpty() || !request.tokens().isEmpty()) {
            throw new ValidationException(
                    "follow", request.accounts() + "/" + request.tokens(), "eth_callBundle cannot follow balances");
        }
        if (request.baseFee().isPresent()) {
            throw new ValidationException("baseFee", request.baseFee().get(), "eth_callBundle cannot set it");
        }
        if (request.coinbase().isPresent()) {
            throw new ValidationException("coinbase", request.coinbase().get(), "eth_callBundle cannot set it");
        }
        long target = request.blockNumber()
                .orElseThrow(() -> new ValidationException("blockNumber", "(unset)", "eth_callBundle needs a target"));
        Bundle bundle = request.bundle().toBuilder().blockNumber(target).build();
        CallBundleOutcome answer = builder.callBundle(bundle, request.stateBlock(), request.timestamp());
        CallBundleResult result;
        if (answer instanceof CallBundleOutcome.Failed failed) {
            return new SimulationOutcome.Refused(
                    "eth_callBundle", failed.code(), failed.message(), Optional.ofNullable(failed.dataJson()));
        } else if (answer instanceof CallBundleOutcome.Reverted reverted) {
            result = reverted.result();
        } else {
            result = ((CallBundleOutcome.Simulated) answer).result();
        }
        if (result.results().size() != txs.size()) {
            throw malformed(
                    builder.name(),
                    "expected " + txs.size() + " results, got "
                            + result.results().size());
        }
        List<BundleSimulation.TxSimulation> out = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            CallBundleResult.TxResult r = result.results().get(i);
            DecodedTx sent = txs.get(i);
            if (!r.txHash().equals(sent.hash()) || !r.from().equals(sent.from())) {
                throw malformed(
                        builder.name(),
                        "result " + i + " is for " + r.txHash() + " from " + r.from() + ", not the bundle's "
                                + sent.hash() + " from " + sent.from());
            }
            Optional<String> reason = Optional.empty();
            if (r.failed()) {
                reason = r.revert()
                        .map(v -> v.startsWith("0x") ? RevertReasons.decode(v).orElse(v) : v)
                        .or(() -> r.error())
                        .or(() -> Optional.of("reverted"));
            }
            out.add(new BundleSimulation.TxSimulation(
                    sent.hash(),
                    sent.from(),
                    r.gasUsed(),
                    !r.failed(),
                    r.failed() && r.revert().filter(v -> v.startsWith("0x")).isPresent()
                            ? r.revert().get()
                            : r.returnData(),
                    reason,
                    List.of()));
        }
        return new SimulationOutcome.Simulated(new BundleSimulation(
                BundleSimulation.Source.BUILDER_CALL_BUNDLE,
                result.stateBlockNumber(),
                target,
                request.timestamp(),
                Optional.empty(),
                Optional.empty(),
                out,
                result.coinbaseDiff(),
                List.of()));
    }

    private BundleSimulation viaNode(RpcClient rpc, SimulationRequest request, List<DecodedTx> txs) {
        Block parent = rpc.getBlockByNumber(request.stateBlock(), false)
                .orElseThrow(() -> RpcException.of(
                        RpcException.Kind.MALFORMED_RESPONSE,
                        "eth_getBlockByNumber",
                        request.stateBlock().value(),
                        "no such state block",
                        null));
        long number = request.blockNumber().orElse(parent.number() + 1);
        long timestamp = request.timestamp().orElse(parent.timestamp() + 1);
        BigInteger baseFee = request.baseFee().orElseGet(() -> BaseFeeRule.next(
                        feeRule, parent.baseFeePerGas().orElse(BigInteger.ZERO), parent.gasUsed(), parent.gasLimit())
                .baseFee());
        Address coinbase = request.coinbase().orElse(parent.miner().orElse(Address.ZERO));

        List<Probe> probes = new ArrayList<>();
        List<Address> accounts = new ArrayList<>();
        accounts.add(coinbase);
        for (Address a : request.accounts()) {
            if (!accounts.contains(a)) {
                accounts.add(a);
            }
        }
        for (Address a : accounts) {
            probes.add(new Probe(a, Optional.empty()));
        }
        for (Address token : request.tokens()) {
            for (Address a : request.accounts()) {
                probes.add(new Probe(a, Optional.of(token)));
            }
        }

        ArrayNode calls = MAPPER.createArrayNode();
        probes.forEach(p -> calls.add(probeCall(p, baseFee)));
        txs.forEach(t -> calls.add(txCall(t)));
        probes.forEach(p -> calls.add(probeCall(p, baseFee)));

        ObjectNode block = MAPPER.createObjectNode();
        block.putObject("blockOverrides")
                .put("number", Hex.quantity(number))
                .put("time", Hex.quantity(timestamp))
                .put("baseFeePerGas", Hex.quantity(baseFee))
                .put("feeRecipient", coinbase.hex());
        ObjectNode overrides = block.putObject("stateOverrides");
        overrides.putObject(PROBE_CALLER.hex()).put("balance", Hex.quantity(BigInteger.ONE.shiftLeft(128)));
        overrides.putObject(BALANCE_READER.hex()).put("code", BALANCE_READER_CODE);
        block.set("calls", calls);
        ObjectNode payload = MAPPER.createObjectNode();
        payload.putArray("blockStateCalls").add(block);
        payload.put("validation", true);
        payload.put("returnFullTransactions", false);

        JsonNode result = rpc.call(
                "eth_simulateV1",
                List.of(payload, BlockTag.number(parent.number()).value()),
                JsonNode.class);
        return decode(result, parent.number(), txs, probes, coinbase, request);
    }

    private BundleSimulation decode(
            JsonNode result,
            long stateBlock,
            List<DecodedTx> txs,
            List<Probe> probes,
            Address coinbase,
            SimulationRequest request) {
        if (result == null || !result.isArray() || result.size() != 1) {
            throw malformed("expected one simulated block");
        }
        JsonNode block = result.get(0);
        JsonNode calls = block.path("calls");
        int k = probes.size();
        if (!calls.isArray() || calls.size() != txs.size() + 2 * k) {
            throw malformed("expected " + (txs.size() + 2 * k) + " call results");
        }
        List<BigInteger> before = new ArrayList<>();
        List<BigInteger> after = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            before.add(probeValue(calls.get(i), probes.get(i)));
            after.add(probeValue(calls.get(k + txs.size() + i), probes.get(i)));
        }
        List<BundleSimulation.TxSimulation> out = new ArrayList<>();
        for (int i = 0; i < txs.size(); i++) {
            JsonNode c = calls.get(k + i);
            boolean success = "0x1".equals(c.path("status").asText());
            String returnData = c.path("returnData").asText("0x");
            Optional<String> reason = Optional.empty();
            if (!success) {
                reason = RevertReasons.decode(returnData)
                        .or(() -> Optional.ofNullable(
                                c.path("error").path("message").asText(null)))
                        .or(() -> Optional.of("reverted"));
            }
            List<Log> logs = new ArrayList<>();
            for (JsonNode l : c.path("logs")) {
                ObjectNode copy = ((ObjectNode) l.deepCopy());
                // the node reports its unsigned stand-in's hash; the signed transaction's is the one that matters
                copy.put("transactionHash", txs.get(i).hash().hex());
                try {
                    logs.add(MAPPER.treeToValue(copy, Log.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    throw malformed("log of call " + i + ": " + e.getMessage());
                }
            }
            out.add(new BundleSimulation.TxSimulation(
                    txs.get(i).hash(),
                    txs.get(i).from(),
                    Hex.toLong(c.path("gasUsed").asText()),
                    success,
                    returnData,
                    reason,
                    logs));
        }
        List<BundleSimulation.BalanceChange> balances = new ArrayList<>();
        BigInteger coinbaseDiff = after.get(0).subtract(before.get(0));
        for (int i = 0; i < k; i++) {
            Probe p = probes.get(i);
            if (i == 0 && !request.accounts().contains(coinbase)) {
                continue;
            }
            balances.add(new BundleSimulation.BalanceChange(p.account(), p.token(), before.get(i), after.get(i)));
        }
        return new BundleSimulation(
                BundleSimulation.Source.NODE_SIMULATE_V1,
                stateBlock,
                Hex.toLong(block.path("number").asText()),
                OptionalLong.of(Hex.toLong(block.path("timestamp").asText())),
                Optional.of(Hex.toBigInteger(block.path("baseFeePerGas").asText())),
                Optional.of(coinbase),
                out,
                coinbaseDiff,
                balances);
    }

    private static BigInteger probeValue(JsonNode call, Probe probe) {
        String data = call.path("returnData").asText("");
        if (!"0x1".equals(call.path("status").asText()) || data.length() != 66) {
            throw malformed("balance read of " + probe + " failed: " + call);
        }
        return new BigInteger(1, Hex.decode("returnData", data));
    }

    private static ObjectNode probeCall(Probe p, BigInteger baseFee) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("from", PROBE_CALLER.hex());
        byte[] word = new byte[32];
        System.arraycopy(p.account().bytes(), 0, word, 12, 20);
        if (p.token().isPresent()) {
            c.put("to", p.token().get().hex());
            c.put("input", balanceOf(p.account()));
        } else {
            c.put("to", BALANCE_READER.hex());
            c.put("input", Hex.encode(word));
        }
        c.put("gas", Hex.quantity(PROBE_GAS));
        c.put("maxFeePerGas", Hex.quantity(baseFee));
        c.put("maxPriorityFeePerGas", "0x0");
        return c;
    }

    @SuppressWarnings("rawtypes")
    private static String balanceOf(Address account) {
        List<Type> args = List.of(new org.web3j.abi.datatypes.Address(account.hex()));
        return FunctionEncoder.encode(new Function("balanceOf", args, List.of()));
    }

    private static ObjectNode txCall(DecodedTx t) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("from", t.from().hex());
        t.to().ifPresent(to -> c.put("to", to.hex()));
        c.put("value", Hex.quantity(t.value()));
        c.put("input", t.input());
        c.put("gas", Hex.quantity(t.gasLimit()));
        c.put("nonce", Hex.quantity(t.nonce()));
        t.gasPrice().ifPresent(v -> c.put("gasPrice", Hex.quantity(v)));
        t.maxFeePerGas().ifPresent(v -> c.put("maxFeePerGas", Hex.quantity(v)));
        t.maxPriorityFeePerGas().ifPresent(v -> c.put("maxPriorityFeePerGas", Hex.quantity(v)));
        return c;
    }

    private static RpcException malformed(String why) {
        return RpcException.of(RpcException.Kind.MALFORMED_RESPONSE, "eth_simulateV1", "node", why, null);
    }

    private static RpcException malformed(String builder, String why) {
        return RpcException.of(RpcException.Kind.MALFORMED_RESPONSE, "eth_callBundle", builder, why, null);
    }

    private record Probe(Address account, Optional<Address> token) {}
}
