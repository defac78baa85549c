package io.mevkit.examples.wallet;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.Receipt;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.web3j.abi.FunctionEncoder;

/**
 * The wallet-monitor example end to end: a manual-mining anvil, two tokens, a generator of random transfers (token
 * transfers and native ETH, some touching the watched addresses, some not) that keeps the ground truth, the
 * {@link WalletMonitor} on both paths, and, halfway, an anvil stop and restart from its dumped state with blocks mined
 * right after it (so the WebSocket path must backfill them). The report compares each path with the ground truth.
 */
public final class WalletMonitorRun {
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** Options: seed, number of blocks, whether to restart anvil halfway, the polling interval. */
    public record Options(long seed, int blocks, boolean restart, Duration pollInterval) {
        public Options {
            if (blocks < 2) {
                throw new io.mevkit.core.ValidationException("blocks", blocks, "must be >= 2");
            }
        }
    }

    /** One path's figures against the ground truth. */
    public record PathReport(
            String path,
            int detected,
            int missed,
            long duplicated,
            long p50Blocks,
            long p99Blocks,
            double p50Ms,
            double p99Ms,
            long requests,
            long reconnects,
            List<Transfer.Key> missedKeys) {}

    /** The run's result: the ground truth's size and one report per path. */
    public record Report(int transfers, int nativeTransfers, int blocks, boolean restarted, List<PathReport> paths) {}

    private record Truth(Transfer transfer, long minedNanos) {}

    private WalletMonitorRun() {}

    public static Report run(Options options, Path workDir) {
        try (Anvil anvil = Anvil.builder()
                .noMining()
                .dumpState(workDir.resolve("wallet-monitor-state.json"))
                .start()) {
            return runOn(anvil, options);
        }
    }

    private static Report runOn(Anvil anvil, Options options) {
        SplittableRandom random = new SplittableRandom(options.seed());
        TestTokens tokens = new TestTokens(anvil);
        List<String> tokenAddresses = List.of(tokens.deploy("Token A", "TKA", 18), tokens.deploy("Token B", "TKB", 6));
        List<String> accounts = anvil.accounts();
        List<String> senders = accounts.subList(0, 4);
        Set<String> watched = Set.of(accounts.get(1), accounts.get(5), accounts.get(6));
        List<String> recipients = accounts.subList(4, 9);
        for (String token : tokenAddresses) {
            for (String s : senders) {
                tokens.mint(token, s, BigInteger.TEN.pow(30));
            }
        }
        List<Truth> truth = new ArrayList<>();
        TreeMap<Long, Long> minedAt = new TreeMap<>();
        try (WalletMonitor monitor = WalletMonitor.builder()
                .watch(watched.stream().map(Address::of).collect(Collectors.toSet()))
                .tokens(tokenAddresses.stream().map(Address::of).toList())
                .node(anvil.rpcUrl(), anvil.wsUrl())
                .pollInterval(options.pollInterval())
                .random(new SplittableRandom(options.seed()))
                .build()) {
            monitor.awaitConnected(Duration.ofSeconds(15));
            boolean restarted = false;
            for (int b = 0; b < options.blocks(); b++) {
                if (options.restart() && b == options.blocks() / 2) {
                    anvil.stop();
                    awaitDrop(monitor);
                    anvil.restart();
                    restarted = true;
                }
                List<String> hashes = new ArrayList<>();
                int txs = 1 + random.nextInt(3);
                for (int i = 0; i < txs; i++) {
                    String from = senders.get(random.nextInt(senders.size()));
                    String to = recipients.get(random.nextInt(recipients.size()));
                    if (random.nextInt(4) == 0) {
                        hashes.add(anvil.sendTransaction(
                                Tx.transfer(from, to, BigInteger.valueOf(1 + random.nextInt(1_000_000)))
                                        .withGas(21_000)));
                    } else {
                        String token = tokenAddresses.get(random.nextInt(tokenAddresses.size()));
                        String data = FunctionEncoder.encode(
                                Abi.fn("transfer", Abi.address(to), Abi.uint(1 + random.nextInt(1_000_000))));
                        hashes.add(
                                anvil.sendTransaction(Tx.call(from, token, data).withGas(100_000)));
                    }
                }
                long nanos = System.nanoTime();
                anvil.mine();
                long number = anvil.blockNumber();
                minedAt.put(number, nanos);
                for (String hash : hashes) {
                    Receipt receipt = anvil.awaitReceipt(hash, Duration.ofSeconds(30));
                    truth.addAll(truthOf(anvil, receipt, watched, nanos));
                }
            }
            // each path gets a bounded time to deliver what it has not yet: what is still missing then is missed
            long last = anvil.blockNumber();
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (System.nanoTime() < deadline
                    && (monitor.processedThrough()[0] < last
                            || monitor.processedThrough()[1] < last
                            || !allSeen(monitor.wsPath(), truth)
                            || !allSeen(monitor.pollPath(), truth))) {
                sleep(20);
            }
            List<PathReport> paths = List.of(
                    report(monitor.wsPath(), truth, minedAt, monitor.wsPath().requests() + monitor.wsSocketRequests()),
                    report(
                            monitor.pollPath(),
                            truth,
                            minedAt,
                            monitor.pollPath().requests()));
            int natives = (int)
                    truth.stream().filter(t -> t.transfer().token().isEmpty()).count();
            return new Report(truth.size(), natives, options.blocks(), restarted, paths);
        }
    }

    /** The watched transfers a mined transaction made, from its receipt and the transaction itself. */
    private static List<Truth> truthOf(Anvil anvil, Receipt receipt, Set<String> watched, long nanos) {
        List<Truth> out = new ArrayList<>();
        var tx = anvil.rpc("eth_getTransactionByHash", receipt.txHash());
        BigInteger value = io.mevkit.core.Hex.toBigInteger(tx.get("value").asText());
        String from = tx.get("from").asText();
        String to = tx.path("to").asText("");
        if (receipt.success() && value.signum() > 0 && (contains(watched, from) || contains(watched, to))) {
            out.add(new Truth(
                    new Transfer(
                            Hash.of(receipt.txHash()),
                            -1,
                            receipt.blockNumber(),
                            Optional.empty(),
                            Address.of(from),
                            Address.of(to),
                            value),
                    nanos));
        }
        for (Receipt.Log l : receipt.logs()) {
            if (l.topics().size() == 3 && l.topics().get(0).equalsIgnoreCase(WalletMonitor.TRANSFER.hex())) {
                String src = "0x" + l.topics().get(1).substring(26);
                String dst = "0x" + l.topics().get(2).substring(26);
                if (contains(watched, src) || contains(watched, dst)) {
                    out.add(new Truth(
                            new Transfer(
                                    Hash.of(receipt.txHash()),
                                    l.logIndex(),
                                    receipt.blockNumber(),
                                    Optional.of(Address.of(l.address())),
                                    Address.of(src),
                                    Address.of(dst),
                                    io.mevkit.core.Hex.toBigInteger(l.data())),
                            nanos));
                }
            }
        }
        return out;
    }

    private static boolean allSeen(DetectionPath path, List<Truth> truth) {
        return truth.stream().allMatch(t -> path.has(t.transfer().key()));
    }

    private static boolean contains(Set<String> watched, String address) {
        return watched.stream().anyMatch(w -> w.equalsIgnoreCase(address));
    }

    private static PathReport report(
            DetectionPath path, List<Truth> truth, TreeMap<Long, Long> minedAt, long requests) {
        Map<Transfer.Key, Long> seen = path.snapshot();
        List<Long> blocks = new ArrayList<>();
        List<Long> nanos = new ArrayList<>();
        List<Transfer.Key> missed = new ArrayList<>();
        for (Truth t : truth) {
            Long at = seen.get(t.transfer().key());
            if (at == null) {
                missed.add(t.transfer().key());
                continue;
            }
            nanos.add(Math.max(0, at - t.minedNanos()));
            // blocks mined after the transfer's block before it was detected
            Map.Entry<Long, Long> latest = null;
            for (Map.Entry<Long, Long> e : minedAt.entrySet()) {
                if (e.getValue() <= at) {
                    latest = e;
                }
            }
            blocks.add(
                    latest == null
                            ? 0
                            : Math.max(0, latest.getKey() - t.transfer().block()));
        }
        return new PathReport(
                path.name(),
                truth.size() - missed.size(),
                missed.size(),
                path.duplicates(),
                percentile(blocks, 50),
                percentile(blocks, 99),
                percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6,
                requests,
                path.reconnects(),
                missed);
    }

    /** Nearest-rank percentile; 0 for no values. */
    static long percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static void awaitDrop(WalletMonitor monitor) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (monitor.wsState() == io.mevkit.ws.ConnectionState.CONNECTED && System.nanoTime() < deadline) {
            sleep(10);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
