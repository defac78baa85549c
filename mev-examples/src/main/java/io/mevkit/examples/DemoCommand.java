package io.mevkit.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.examples.dashboard.DemoStream;
import io.mevkit.examples.demo.DemoRunner;
import io.mevkit.examples.demo.RiskSettings;
import io.mevkit.examples.demo.Searcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit demo}: a sandwich searcher, built from mevkit's public API, running end to end on a local anvil chain
 * against random victims' swaps (Uniswap V2 and V3), with a summary table at the end (or JSON). anvil stops on exit,
 * also on Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run a sandwich searcher end to end on a local anvil chain with random victims.")
public final class DemoCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "Seed of the victims' traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--victims",
            defaultValue = "40",
            description = "Victims to send, one per block (default: ${DEFAULT-VALUE}). The store is --db (a SQLite"
                    + " file; default a new temp file); --json prints the summary as JSON.")
    int victims;

    @Option(names = "--blocks", description = "Stop after this many blocks (short mode), if fewer than --victims.")
    Integer blocks;

    @Option(
            names = "--http-port",
            defaultValue = "0",
            description =
                    "Loopback port for /health and /metrics while it runs; 0 picks one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--stream-port",
            description = "Serve the live dashboard and its WebSocket stream on this loopback port while it runs;"
                    + " 0 picks one (default: no dashboard).")
    Integer streamPort;

    @Option(names = "--progress", description = "Show the live progress line even when not on a terminal.")
    boolean progress;

    @Option(
            names = "--rearm-risk",
            description = "Re-arm the risk kill switch before the run: once the day's realized loss tripped it, it"
                    + " stays tripped in the --db store, run after run, until re-armed.")
    boolean rearmRisk;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (victims < 1 || victims > 10_000) {
            throw new ParameterException(
                    spec.commandLine(), "--victims must be between 1 and 10000 but was " + victims);
        }
        if (blocks != null && blocks < 1) {
            throw new ParameterException(spec.commandLine(), "--blocks must be at least 1 but was " + blocks);
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new ParameterException(
                    spec.commandLine(), "--http-port must be between 0 and 65535 but was " + httpPort);
        }
        if (streamPort != null && (streamPort < 0 || streamPort > 65_535)) {
            throw new ParameterException(
                    spec.commandLine(), "--stream-port must be between 0 and 65535 but was " + streamPort);
        }
        Path file = dbFile(inherited(spec, "--db"));
        boolean json = Boolean.TRUE.equals(inherited(spec, "--json"));
        int n = blocks != null ? Math.min(blocks, victims) : victims;
        boolean live = progress || System.console() != null;
        DemoStream stream = streamPort == null ? null : DemoStream.start(streamPort);
        if (stream != null) {
            err.println("dashboard: " + stream.pageUri());
            err.flush();
        }
        DemoRunner.Result result;
        try {
            result = DemoRunner.run(
                    new DemoRunner.Options(seed, n, file, httpPort, RiskSettings.defaults(), rearmRisk),
                    (block, of, s) -> {
                        if (live) {
                            err.printf(
                                    "\rblock %d/%d  victims %d  sandwichable %d  executed %d  profit %s ETH  rejected %d ",
                                    block,
                                    of,
                                    s.victimsSeen(),
                                    s.sandwichable(),
                                    s.executed(),
                                    ether(s.realizedWei()),
                                    s.rejections().values().stream()
                                            .mapToLong(Long::longValue)
                                            .sum());
                            err.flush();
                        }
                    },
                    stream != null ? stream : new DemoRunner.Observer() {});
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
        if (live) {
            err.println();
        }
        if (json) {
            out.println(toJson(result));
        } else {
            printTable(out, result);
        }
        Searcher.Summary s = result.summary();
        return s.predictedWei().equals(s.realizedWei()) ? 0 : 1;
    }

    /**
     * The value of an option the root command lends to its subcommands ({@code --db}, {@code --json}); null when the
     * command runs without that root.
     */
    static Object inherited(CommandSpec spec, String name) {
        picocli.CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption(name)) {
            return parsed.matchedOption(name).getValue();
        }
        picocli.CommandLine.Model.OptionSpec option = spec.findOption(name);
        return option == null ? null : option.getValue();
    }

    /** {@code --db} as a SQLite file: a path or {@code jdbc:sqlite:<path>}; by default a new file in the temp dir. */
    private Path dbFile(Object value) {
        if (value == null || value.toString().isBlank()) {
            return tempDb();
        }
        String text = value.toString();
        if (text.startsWith("jdbc:sqlite:")) {
            return Path.of(text.substring("jdbc:sqlite:".length()));
        }
        if (text.startsWith("jdbc:")) {
            throw new ParameterException(
                    spec.commandLine(), "--db for the demo must be a SQLite file (a path or jdbc:sqlite:<file>)");
        }
        return Path.of(text);
    }

    private static Path tempDb() {
        try {
            return Files.createTempFile("mevkit-demo-", ".db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary database file", e);
        }
    }

    static String ether(BigInteger wei) {
        return new BigDecimal(wei, 18).stripTrailingZeros().toPlainString();
    }

    private static void printTable(PrintWriter out, DemoRunner.Result r) {
        Searcher.Summary s = r.summary();
        out.printf("%-28s %s%n", "blocks", r.blocks());
        out.printf("%-28s %d%n", "victims seen", s.victimsSeen());
        out.printf("%-28s %d%n", "sandwichable", s.sandwichable());
        out.printf("%-28s %d (V3: %d)%n", "executed", s.executed(), s.executedV3());
        out.printf("%-28s %s wei (%s ETH)%n", "predicted profit", s.predictedWei(), ether(s.predictedWei()));
        out.printf("%-28s %s wei (%s ETH)%n", "realized profit", s.realizedWei(), ether(s.realizedWei()));
        out.printf(
                "%-28s %s%n",
                "realized = predicted", s.predictedWei().equals(s.realizedWei()) ? "yes, to the wei" : "NO");
        out.println("rejections by reason:");
        for (Map.Entry<String, Long> e : s.rejections().entrySet()) {
            out.printf("  %-26s %d%n", e.getKey(), e.getValue());
        }
        out.printf(
                "%-28s %s%n",
                "risk kill switch",
                r.risk().tripped()
                        ? "TRIPPED at " + r.risk().trippedAt().get() + " (re-arm with --rearm-risk)"
                        : "armed");
        out.printf(
                "%-28s %s wei (%s)%n",
                "risk realized loss today", r.risk().realizedLoss(), r.risk().day());
        out.println("sandwiches:");
        out.printf("  %-6s %-4s %-22s %-22s %s%n", "block", "pool", "predicted (wei)", "realized (wei)", "victim");
        for (Searcher.Executed e : s.sandwiches()) {
            out.printf(
                    "  %-6d %-4s %-22s %-22s %s%n",
                    e.block(), e.venue(), e.predictedWei(), e.realizedWei(), e.victim());
        }
        out.printf("%-28s %s%n", "store", r.db());
        out.printf("%-28s %d ms%n", "elapsed", r.elapsed().toMillis());
    }

    private static String toJson(DemoRunner.Result r) {
        Searcher.Summary s = r.summary();
        ObjectNode root = JSON.createObjectNode();
        root.put("blocks", r.blocks());
        root.put("victimsSeen", s.victimsSeen());
        root.put("sandwichable", s.sandwichable());
        root.put("executed", s.executed());
        root.put("executedV3", s.executedV3());
        root.put("predictedProfitWei", s.predictedWei().toString());
        root.put("realizedProfitWei", s.realizedWei().toString());
        ObjectNode rejections = root.putObject("rejections");
        s.rejections().forEach(rejections::put);
        ArrayNode list = root.putArray("sandwiches");
        for (Searcher.Executed e : s.sandwiches()) {
            ObjectNode o = list.addObject();
            o.put("victim", e.victim().hex());
            o.put("pool", e.venue());
            o.put("block", e.block());
            o.put("predictedWei", e.predictedWei().toString());
            o.put("realizedWei", e.realizedWei().toString());
        }
        ObjectNode risk = root.putObject("risk");
        risk.put("killSwitch", r.risk().tripped() ? "TRIPPED" : "ARMED");
        r.risk().trippedAt().ifPresent(at -> risk.put("trippedAt", at.toString()));
        risk.put("day", r.risk().day().toString());
        risk.put("realizedLossWei", r.risk().realizedLoss().toString());
        risk.put("bundlesInFlight", r.bundlesInFlight());
        root.put("db", r.db().toString());
        root.put("elapsedMs", r.elapsed().toMillis());
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
