package io.mevkit.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block builder on a local anvil node started with {@code --no-mining --order fifo}, for tests and demos: it takes
 * bundles for target blocks like a remote builder ({@link BundleSubmitter}) and, on {@link #buildBlock()}, simulates
 * the bundles aimed at the next block, picks the one paying the coinbase most among those that run cleanly, drops
 * the whole pool, sends the bundle's transactions in order (a victim's original raw bytes keep their hash), sends the
 * rest of the pool again, and mines the block one second after its parent (the time it simulated at). Anvil's FIFO order makes the arrival order the block order, so this is the only
 * component that decides the order of a block. One bundle per block. Thread-safe (building is serialised); the
 * {@link RpcClient} belongs to the caller.
 */
public final class LocalBuilder implements BundleSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(LocalBuilder.class);

    private final RpcClient rpc;
    private final BundleSimulator simulator;
    private final Map<String, Bundle> bundles = new LinkedHashMap<>();

    private LocalBuilder(RpcClient rpc, BundleSimulator simulator) {
        this.rpc = rpc;
        this.simulator = simulator;
    }

    /** A local builder over {@code rpc} (an anvil node without automining, FIFO order). */
    public static LocalBuilder create(RpcClient rpc) {
        return create(rpc, BundleSimulator.of(rpc));
    }

    /** A local builder over {@code rpc} that checks bundles with {@code simulator}. */
    public static LocalBuilder create(RpcClient rpc, BundleSimulator simulator) {
        return new LocalBuilder(Objects.requireNonNull(rpc, "rpc"), Objects.requireNonNull(simulator, "simulator"));
    }

    @Override
    public String name() {
        return "local";
    }

    /**
     * Takes {@code bundle} for its target block (any block, when it has none). A bundle with the replacement id of
     * an earlier one replaces it; an empty replacement is not possible here (use {@link #cancel(String)}).
     *
     * @return the bundle hash
     */
    public synchronized Hash sendBundle(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        Hash hash = bundle.bundleHash();
        bundles.remove(key(bundle));
        bundles.put(key(bundle), bundle);
        LOG.debug("bundle {} for block {} taken", hash, bundle.blockNumber());
        return hash;
    }

    @Override
    public CompletableFuture<Hash> sendBundleAsync(Bundle bundle) {
        try {
            return CompletableFuture.completedFuture(sendBundle(bundle));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public synchronized void cancel(String replacementId) {
        Objects.requireNonNull(replacementId, "replacementId");
        if (replacementId.isBlank()) {
            throw new ValidationException("replacementId", replacementId, "must not be blank");
        }
        bundles.remove("id:" + replacementId);
    }

    /** The bundles waiting, in the order they were taken. */
    public synchronized List<Bundle> pending() {
        return List.copyOf(bundles.values());
    }

    /**
     * Builds and mines the next block: the best clean bundle for it first, then the rest of the pool. Bundles for
     * earlier blocks are discarded; the chosen one is consumed, the others for this block are reported as rejected.
     */
    public synchronized BuiltBlock buildBlock() {
        Block parent = rpc.getBlockByNumber(BlockTag.LATEST, false)
                .orElseThrow(() -> RpcException.of(
                        RpcException.Kind.MALFORMED_RESPONSE, "eth_getBlockByNumber", name(), "no latest block", null));
        long head = parent.number();
        long target = head + 1;
        // the block is mined one second after its parent, the time it was simulated at: gas depends on it (a V2 pair
        // writes its price accumulators only when the timestamp moved)
        long timestamp = parent.timestamp() + 1;
        List<Bundle> candidates = new ArrayList<>();
        for (Iterator<Bundle> it = bundles.values().iterator(); it.hasNext(); ) {
            Bundle b = it.next();
            long block = b.blockNumber().orElse(target);
            if (block < target) {
                it.remove();
            } else if (block == target) {
                candidates.add(b);
                it.remove();
            }
        }
        List<BuiltBlock.Rejection> rejected = new ArrayList<>();
        Bundle best = null;
        BigInteger bestPayment = BigInteger.ONE.negate();
        for (Bundle b : candidates) {
            BundleSimulation sim;
            try {
                sim = simulator.simulate(SimulationRequest.builder(b)
                        .stateBlock(BlockTag.number(head))
                        .blockNumber(target)
                        .timestamp(timestamp)
                        .build());
            } catch (RpcException | ValidationException e) {
                rejected.add(new BuiltBlock.Rejection(b.bundleHash(), "simulation failed: " + e.getMessage()));
                continue;
            }
            Optional<BundleSimulation.TxSimulation> revert = sim.txs().stream()
                    .filter(t -> !t.success() && !b.revertingTxHashes().contains(t.hash()))
                    .findFirst();
            if (revert.isPresent()) {
                rejected.add(new BuiltBlock.Rejection(
                        b.bundleHash(),
                        "tx " + revert.get().hash() + " reverts: "
                                + revert.get().revertReason().orElse("reverted")));
                continue;
            }
            if (sim.coinbaseDiff().compareTo(bestPayment) > 0) {
                if (best != null) {
                    rejected.add(new BuiltBlock.Rejection(best.bundleHash(), "outbid"));
                }
                best = b;
                bestPayment = sim.coinbaseDiff();
            } else {
                rejected.add(new BuiltBlock.Rejection(b.bundleHash(), "outbid"));
            }
        }

        List<String> pool = new ArrayList<>();
        for (Hash h : poolHashes()) {
            String raw = rpc.call("eth_getRawTransactionByHash", List.of(h.hex()), String.class);
            if (raw != null) {
                pool.add(raw);
            }
        }
        Set<Hash> sent = new HashSet<>();
        rpc.call("anvil_dropAllTransactions", List.of(), JsonNode.class);
        if (best != null) {
            for (String raw : best.txs()) {
                try {
                    sent.add(rpc.sendRawTransaction(Hex.decode(raw)));
                } catch (RpcException e) {
                    // the pool was already dropped: keep going so that the rest of it is sent again
                    rejected.add(new BuiltBlock.Rejection(best.bundleHash(), "not admitted: " + e.getMessage()));
                    best = null;
                    break;
                }
            }
        }
        int dropped = 0;
        for (String raw : pool) {
            if (sent.contains(Hash.keccak256(Hex.decode(raw)))) {
                continue;
            }
            try {
                rpc.sendRawTransaction(Hex.decode(raw));
            } catch (RpcException e) {
                dropped++;
                LOG.debug("pool tx {} not re-admitted: {}", Hash.keccak256(Hex.decode(raw)), e.getMessage());
            }
        }
        rpc.call("evm_setNextBlockTimestamp", List.of(timestamp), JsonNode.class);
        rpc.call("evm_mine", List.of(), JsonNode.class);
        Block mined = rpc.getBlockByNumber(BlockTag.number(target), false)
                .orElseThrow(() -> RpcException.of(
                        RpcException.Kind.MALFORMED_RESPONSE,
                        "eth_getBlockByNumber",
                        name(),
                        "mined block missing",
                        null));
        BuiltBlock built = new BuiltBlock(
                mined.number(),
                mined.hash().orElseThrow(),
                mined.transactionHashes(),
                Optional.ofNullable(best).map(Bundle::bundleHash),
                rejected,
                dropped);
        LOG.debug(
                "block {} built with {} txs, bundle {}",
                target,
                built.txHashes().size(),
                built.included());
        return built;
    }

    /** The pool's pending transactions, per sender by nonce, in the order the node lists senders. */
    private List<Hash> poolHashes() {
        JsonNode content = rpc.call("txpool_content", List.of(), JsonNode.class);
        List<Hash> out = new ArrayList<>();
        if (content == null) {
            return out;
        }
        for (JsonNode bySender : content.path("pending")) {
            List<Map.Entry<Long, Hash>> txs = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : bySender.properties()) {
                txs.add(Map.entry(
                        Long.parseLong(e.getKey()),
                        Hash.of(e.getValue().path("hash").asText())));
            }
            txs.sort(Comparator.comparingLong(Map.Entry::getKey));
            txs.forEach(e -> out.add(e.getValue()));
        }
        return out;
    }

    private static String key(Bundle b) {
        return b.replacementUuid()
                .map(id -> "id:" + id)
                .orElseGet(() -> "hash:" + b.bundleHash().hex());
    }

    @Override
    public String toString() {
        return "LocalBuilder[" + bundles.size() + " bundles]";
    }
}
