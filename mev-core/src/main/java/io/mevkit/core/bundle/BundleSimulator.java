package io.mevkit.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
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
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * Runs a bundle on a node's state through {@code eth_simulateV1} (geth, reth, anvil): the signed transactions in
 * order, in one simulated block whose number, timestamp, base fee and fee recipient are those of the target block,
 * with fees charged as on chain ({@code validation: true}). The mempool and the chain are untouched. Balances are
 * read inside the same simulated block, before the first and after the last transaction, by calls from a throwaway
 * account that pays no priority fee (so they change no followed balance, the coinbase's included). Thread-safe; the
 * {@link RpcClient} belongs to the caller.
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

    private final RpcClient rpc;
    private final FeeMarket.Eip1559 feeRule;

    private BundleSimulator(RpcClient rpc, FeeMarket.Eip1559 feeRule) {
        this.rpc = rpc;
        this.feeRule = feeRule;
    }

    /** A simulator over {@code rpc}, predicting unset base fees with Ethereum's EIP-1559 rule (2, 8). */
    public static BundleSimulator of(RpcClient rpc) {
        return of(rpc, FeeMarket.eip1559(2, 8));
    }

    /** A simulator over {@code rpc}, predicting unset base fees with {@code feeRule}. */
    public static BundleSimulator of(RpcClient rpc, FeeMarket.Eip1559 feeRule) {
        return new BundleSimulator(Objects.requireNonNull(rpc, "rpc"), Objects.requireNonNull(feeRule, "feeRule"));
    }

    /**
     * Simulates {@code request}.
     *
     * @return every transaction's result; a reverting transaction is a result, not an exception
     * @throws RpcException when the node refuses the simulation (e.g. a nonce or balance the block would refuse) or
     *     answers something malformed
     * @throws io.mevkit.core.ValidationException when a transaction is not a signed legacy or EIP-1559 one
     */
    public BundleSimulation simulate(SimulationRequest request) {
        Objects.requireNonNull(request, "request");
        List<DecodedTx> txs = new ArrayList<>();
        for (int i = 0; i < request.bundle().txs().size(); i++) {
            txs.add(DecodedTx.decode("txs[" + i + "]", request.bundle().txs().get(i)));
        }
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
                stateBlock,
                Hex.toLong(block.path("number").asText()),
                Hex.toLong(block.path("timestamp").asText()),
                Hex.toBigInteger(block.path("baseFeePerGas").asText()),
                coinbase,
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

    private record Probe(Address account, Optional<Address> token) {}
}
