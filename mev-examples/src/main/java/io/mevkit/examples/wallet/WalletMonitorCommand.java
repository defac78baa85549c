package io.mevkit.examples.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit wallet-monitor}: watches three addresses for token and native transfers on a local anvil through a
 * WebSocket subscription and HTTP polling at the same time, against a ground truth of random transfers, with an anvil
 * restart halfway; prints, per path, what was detected, missed and duplicated, latency and cost. Exit code 0 when the
 * WebSocket path missed nothing.
 */
@Command(
        name = "wallet-monitor",
        mixinStandardHelpOptions = true,
        description =
                "Watch addresses' transfers over WebSocket and HTTP polling against a local chain's ground truth.")
public final class WalletMonitorCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the transfers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--blocks", defaultValue = "40", description = "Blocks to mine (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(
            names = "--no-restart",
            negatable = false,
            description = "Do not stop and restart anvil halfway (by default it does, to exercise backfill).")
    boolean noRestart;

    @Option(
            names = "--poll-ms",
            defaultValue = "100",
            description = "Polling interval of the HTTP path in ms (default: ${DEFAULT-VALUE}).")
    long pollMs;

    @Override
    public Integer call() {
        if (blocks < 2 || blocks > 10_000) {
            throw new ParameterException(spec.commandLine(), "--blocks must be between 2 and 10000 but was " + blocks);
        }
        if (pollMs < 1 || pollMs > 60_000) {
            throw new ParameterException(spec.commandLine(), "--poll-ms must be between 1 and 60000 but was " + pollMs);
        }
        Path work;
        try {
            work = Files.createTempDirectory("mevkit-wallet-monitor-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory", e);
        }
        WalletMonitorRun.Report report = WalletMonitorRun.run(
                new WalletMonitorRun.Options(seed, blocks, !noRestart, Duration.ofMillis(pollMs)), work);
        PrintWriter out = spec.commandLine().getOut();
        // --json belongs to the root command, which lends it to its subcommands
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        picocli.CommandLine.Model.OptionSpec jsonOption = spec.findOption("--json");
        boolean json = (parsed != null && parsed.hasMatchedOption("--json"))
                || (jsonOption != null && Boolean.TRUE.equals(jsonOption.getValue()));
        if (json) {
            out.println(toJson(report));
        } else {
            out.printf(
                    "%d blocks, %d watched transfers (%d native ETH), anvil restarted: %s%n",
                    report.blocks(), report.transfers(), report.nativeTransfers(), report.restarted() ? "yes" : "no");
            out.printf(
                    "%-5s %8s %6s %10s %9s %9s %9s %9s %8s %10s%n",
                    "path",
                    "detected",
                    "missed",
                    "duplicated",
                    "p50 blk",
                    "p99 blk",
                    "p50 ms",
                    "p99 ms",
                    "requests",
                    "reconnects");
            for (WalletMonitorRun.PathReport p : report.paths()) {
                out.printf(
                        "%-5s %8d %6d %10d %9d %9d %9.1f %9.1f %8d %10d%n",
                        p.path(),
                        p.detected(),
                        p.missed(),
                        p.duplicated(),
                        p.p50Blocks(),
                        p.p99Blocks(),
                        p.p50Ms(),
                        p.p99Ms(),
                        p.requests(),
                        p.reconnects());
            }
        }
        return report.paths().get(0).missed() == 0 ? 0 : 1;
    }

    private static String toJson(WalletMonitorRun.Report r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("blocks", r.blocks());
        root.put("transfers", r.transfers());
        root.put("nativeTransfers", r.nativeTransfers());
        root.put("restarted", r.restarted());
        ArrayNode paths = root.putArray("paths");
        for (WalletMonitorRun.PathReport p : r.paths()) {
            ObjectNode o = paths.addObject();
            o.put("path", p.path());
            o.put("detected", p.detected());
            o.put("missed", p.missed());
            o.put("duplicated", p.duplicated());
            o.put("p50Blocks", p.p50Blocks());
            o.put("p99Blocks", p.p99Blocks());
            o.put("p50Ms", p.p50Ms());
            o.put("p99Ms", p.p99Ms());
            o.put("requests", p.requests());
            o.put("reconnects", p.reconnects());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
