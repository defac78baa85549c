package io.mevkit.examples.demo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.examples.demo.BundleSteps;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's block builder on an anvil node started with {@code --no-mining}: the only component that orders
 * transactions. {@link #mineNext()} takes the bundles submitted for the next block, puts their transactions first and
 * in their order (the victim, already in the mempool, moves between the front-run and the back-run), then the rest of
 * the mempool (by sender and nonce), and mines the block with {@code evm_mine}. {@link #simulate} runs calls through
 * {@code eth_simulateV1} with validation on the head's state. A minimal stand-in for the core's bundle builder;
 * thread-safe (submissions and mining are serialized).
 */
public final class DemoLocalBuilder implements BundleSteps {
    /** A mined block: its number, the bundles that landed whole and in order, and those that did not. */
    public record Mined(long number, List<Hash> landed, List<Hash> missed) {}

    private final RpcClient rpc;
    private final Map<Long, List<Bundle>> submitted = new TreeMap<>();

    /** Seconds between blocks: the builder stamps each block {@code parent + SLOT_SECONDS}, as a slot clock would. */
    public static final long SLOT_SECONDS = 12;

    public DemoLocalBuilder(RpcClient rpc) {
        this.rpc = rpc;
    }

    @Override
    public List<CallResult> simulate(List<SimCall> calls, long blockNumber, long timestamp) {
        List<Map<String, Object>> json = new ArrayList<>();
        for (SimCall c : calls) {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("from", c.from().hex());
            call.put("to", c.to().hex());
            call.put("value", Hex.quantity(c.value()));
            call.put("input", Hex.encode(c.data()));
            call.put("gas", Hex.quantity(c.gas()));
            call.put("maxFeePerGas", Hex.quantity(c.maxFeePerGas()));
            call.put("maxPriorityFeePerGas", Hex.quantity(c.maxPriorityFeePerGas()));
            call.put("nonce", Hex.quantity(c.nonce()));
            json.add(call);
        }
        Map<String, Object> block = Map.of(
                "blockOverrides",
                Map.of("number", Hex.quantity(blockNumber), "time", Hex.quantity(timestamp)),
                "calls",
                json);
        Map<String, Object> payload = Map.of("blockStateCalls", List.of(block), "validation", true);
        JsonNode result = rpc.call("eth_simulateV1", List.of(payload, "latest"), JsonNode.class);
        if (result == null || !result.isArray() || result.isEmpty()) {
            throw new IllegalStateException("eth_simulateV1 returned no block");
        }
        List<CallResult> out = new ArrayList<>();
        for (JsonNode call : result.get(0).path("calls")) {
            boolean ok = "0x1".equals(call.path("status").asText());
            long gas = Hex.toLong(call.path("gasUsed").asText("0x0"));
            Optional<String> error = call.hasNonNull("error")
                    ? Optional.of(call.get("error")
                            .path("message")
                            .asText(call.get("error").toString()))
                    : Optional.empty();
            out.add(new CallResult(ok, gas, error));
        }
        return out;
    }

    @Override
    public synchronized void submit(Bundle bundle, long blockNumber) {
        submitted.computeIfAbsent(blockNumber, b -> new ArrayList<>()).add(bundle);
    }

    /** Builds and mines the next block; bundles for earlier blocks are dropped unmined. */
    public synchronized Mined mineNext() {
        io.mevkit.core.rpc.Block parent =
                rpc.getBlockByNumber(io.mevkit.core.rpc.BlockTag.LATEST, false).orElseThrow();
        long number = parent.number() + 1;
        List<Bundle> bundles = new ArrayList<>();
        for (Iterator<Map.Entry<Long, List<Bundle>>> it = submitted.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Bundle>> e = it.next();
            if (e.getKey() <= number) {
                if (e.getKey() == number) {
                    bundles.addAll(e.getValue());
                }
                it.remove();
            }
        }
        Map<Hash, String> pool = pendingRaw();
        List<String> order = new ArrayList<>();
        Set<Hash> taken = new LinkedHashSet<>();
        List<Bundle> included = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.txHashes().stream().anyMatch(taken::contains)) {
                continue; // a bundle sharing a transaction with one already placed (two searchers, one victim)
            }
            order.addAll(bundle.txs());
            taken.addAll(bundle.txHashes());
            included.add(bundle);
        }
        pool.forEach((hash, raw) -> {
            if (taken.add(hash)) {
                order.add(raw);
            }
        });
        rpc.call("anvil_dropAllTransactions", List.of(), JsonNode.class);
        for (String raw : order) {
            rpc.call("eth_sendRawTransaction", List.of(raw), String.class);
        }
        rpc.call("evm_setNextBlockTimestamp", List.of(parent.timestamp() + SLOT_SECONDS), JsonNode.class);
        rpc.call("evm_mine", List.of(), JsonNode.class);
        List<Hash> inBlock = rpc.getBlockByNumber(io.mevkit.core.rpc.BlockTag.number(number), false)
                .orElseThrow(() -> new IllegalStateException("block " + number + " was not mined"))
                .transactionHashes();
        List<Hash> landed = new ArrayList<>();
        List<Hash> missed = new ArrayList<>();
        for (Bundle bundle : bundles) {
            List<Hash> hashes = bundle.txHashes();
            int at = inBlock.indexOf(hashes.get(0));
            boolean whole = included.contains(bundle)
                    && at >= 0
                    && at + hashes.size() <= inBlock.size()
                    && inBlock.subList(at, at + hashes.size()).equals(hashes);
            (whole ? landed : missed).add(bundle.bundleHash());
        }
        return new Mined(number, landed, missed);
    }

    /** The mempool's raw transactions, by sender and nonce. */
    private Map<Hash, String> pendingRaw() {
        JsonNode content = rpc.call("txpool_content", List.of(), JsonNode.class);
        Map<Hash, String> raws = new LinkedHashMap<>();
        if (content == null) {
            return raws;
        }
        for (String section : List.of("pending", "queued")) {
            JsonNode bySender = content.path(section);
            for (Iterator<String> senders = bySender.fieldNames(); senders.hasNext(); ) {
                JsonNode byNonce = bySender.get(senders.next());
                TreeMap<Long, String> hashes = new TreeMap<>();
                for (Iterator<String> nonces = byNonce.fieldNames(); nonces.hasNext(); ) {
                    String nonce = nonces.next();
                    hashes.put(
                            Long.parseLong(nonce),
                            byNonce.get(nonce).path("hash").asText());
                }
                for (String hash : hashes.values()) {
                    String raw = rpc.call("eth_getRawTransactionByHash", List.of(hash), String.class);
                    if (raw != null) {
                        raws.put(Hash.of(hash), raw);
                    }
                }
            }
        }
        return raws;
    }
}
