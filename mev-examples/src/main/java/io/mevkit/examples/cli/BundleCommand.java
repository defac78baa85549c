package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.Hash;
import io.mevkit.core.MevException;
import io.mevkit.core.bundle.BuilderClient;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.bundle.BundleSimulation;
import io.mevkit.core.bundle.BundleSimulator;
import io.mevkit.core.bundle.BundleStats;
import io.mevkit.core.bundle.CallBundleOutcome;
import io.mevkit.core.bundle.CallBundleResult;
import io.mevkit.core.bundle.SimulationRequest;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.examples.config.MevkitConfig;
import io.mevkit.store.MevStore;
import io.mevkit.store.NewBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit bundle simulate|send|status}: signed transactions as a bundle, simulated with the builder's
 * {@code eth_callBundle}, recorded in the store and sent with {@code eth_sendBundle} (never with {@code --dry-run}).
 */
@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description =
                "Simulate (on the node or the builder), send (or --dry-run) and follow bundles of signed transactions.",
        subcommands = {BundleCommand.Simulate.class, BundleCommand.Send.class, BundleCommand.Status.class})
public final class BundleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: simulate, send or status");
    }

    /** Where a bundle is simulated. */
    public enum Simulator {
        NODE,
        BUILDER
    }

    /** The bundle's transactions and target block. */
    static final class BundleOptions {
        @Option(
                names = "--tx",
                paramLabel = "RAW",
                description = "A signed raw transaction, 0x-hex (repeatable, in order).")
        List<String> txs = new ArrayList<>();

        @Option(
                names = "--tx-file",
                paramLabel = "FILE",
                description = "A file of signed raw transactions, one per line.")
        Path txFile;

        @Option(names = "--block", paramLabel = "N", description = "Target block (default: the node's head + 1).")
        Long block;

        @Option(
                names = "--simulate-with",
                defaultValue = "NODE",
                description =
                        "Where to simulate: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: eth_simulateV1 on"
                                + " --rpc; BUILDER: eth_callBundle on --builder).")
        Simulator simulator;

        List<String> rawTxs(CommandSpec spec) {
            List<String> all = new ArrayList<>(txs);
            if (txFile != null) {
                try {
                    Files.readAllLines(txFile).stream()
                            .map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(all::add);
                } catch (IOException e) {
                    throw new ParameterException(
                            spec.commandLine(), "--tx-file " + txFile + " cannot be read: " + e.getMessage());
                }
            }
            if (all.isEmpty()) {
                throw new ParameterException(
                        spec.commandLine(), "give the bundle's transactions with --tx or --tx-file");
            }
            return all;
        }

        long targetBlock(MevkitConfig config) {
            if (block != null) {
                return block;
            }
            try (RpcClient rpc = config.rpcClientBuilder().build()) {
                return rpc.blockNumber() + 1;
            }
        }

        Bundle bundle(CommandSpec spec, MevkitConfig config) {
            List<String> raw = rawTxs(spec);
            return Bundle.ofRaw(raw).blockNumber(targetBlock(config)).build();
        }
    }

    static BuilderClient builder(CommandSpec spec, MevkitConfig config) {
        return config.builderClient()
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "no block builder: give --builder URL or set MEVKIT_BUILDER_URL"));
    }

    /** Simulates where the options say; prints the outcome; returns the exit code (0 clean, 1 a transaction failed). */
    static int simulate(CliContext ctx, CommandSpec spec, BundleOptions options, Bundle bundle) {
        if (options.simulator == Simulator.BUILDER) {
            try (BuilderClient builder = builder(spec, ctx.config())) {
                return simulate(ctx, builder, bundle);
            }
        }
        try (RpcClient rpc = ctx.config().rpcClientBuilder().build()) {
            return simulateOnNode(ctx, rpc, bundle);
        }
    }

    /** {@code eth_simulateV1} on the node, as the target block would run the bundle. */
    static int simulateOnNode(CliContext ctx, RpcClient rpc, Bundle bundle) {
        BundleSimulation sim = BundleSimulator.of(
                        rpc,
                        ctx.config().chain().feeMarket() instanceof FeeMarket.Eip1559 e ? e : FeeMarket.eip1559(2, 8))
                .simulate(SimulationRequest.builder(bundle).build());
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            o.put("outcome", sim.allSucceeded() ? "simulated" : "reverted");
            o.put("simulator", "node");
            o.put("bundleHash", bundle.bundleHash().hex());
            o.set("result", CliContext.toJson(sim));
            ctx.printJson(o);
        } else {
            ctx.out()
                    .printf(
                            "bundle %s simulated on the node as block %d (state of block %d, base fee %s): %s%n",
                            bundle.bundleHash().hex(),
                            sim.blockNumber(),
                            sim.stateBlock(),
                            WatchCommand.gwei(sim.baseFee().orElseThrow()),
                            sim.firstRevert()
                                    .map(t -> "REVERTED at tx " + sim.txs().indexOf(t) + " ("
                                            + ErrorHandler.oneLine(
                                                    t.revertReason().orElse("reverted")) + ")")
                                    .orElse("ok"));
            Table t = Table.of("#", "tx", "from", "gas used", "status").right(0, 3);
            for (int i = 0; i < sim.txs().size(); i++) {
                BundleSimulation.TxSimulation x = sim.txs().get(i);
                t.row(
                        i,
                        x.hash().hex(),
                        x.from(),
                        x.gasUsed(),
                        x.success()
                                ? "ok"
                                : "reverted: "
                                        + ErrorHandler.oneLine(x.revertReason().orElse("")));
            }
            t.print(ctx.out());
            ctx.out().printf("total gas %d, coinbase diff %s wei%n", sim.totalGasUsed(), sim.coinbaseDiff());
            ctx.out().flush();
        }
        return sim.allSucceeded() ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    /** Simulates; prints the outcome; returns the exit code (0 simulated, 1 reverted, 5 refused by the builder). */
    static int simulate(CliContext ctx, BuilderClient builder, Bundle bundle) {
        CallBundleOutcome outcome = builder.callBundle(bundle, BlockTag.LATEST, OptionalLong.empty());
        if (outcome instanceof CallBundleOutcome.Failed f) {
            throw new MevException("the builder refused the simulation: " + f.code() + " " + f.message());
        }
        CallBundleResult result = outcome instanceof CallBundleOutcome.Simulated s
                ? s.result()
                : ((CallBundleOutcome.Reverted) outcome).result();
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            o.put("outcome", outcome instanceof CallBundleOutcome.Simulated ? "simulated" : "reverted");
            o.put("bundleHash", bundle.bundleHash().hex());
            o.put("blockNumber", bundle.blockNumber().getAsLong());
            o.set("result", CliContext.toJson(result));
            ctx.printJson(o);
        } else {
            ctx.out()
                    .printf(
                            "bundle %s for block %d simulated on state of block %d: %s%n",
                            bundle.bundleHash().hex(),
                            bundle.blockNumber().getAsLong(),
                            result.stateBlockNumber(),
                            outcome instanceof CallBundleOutcome.Reverted r
                                    ? "REVERTED at tx " + r.index() + " (" + ErrorHandler.oneLine(r.error()) + ")"
                                    : "ok");
            Table t = Table.of("#", "tx", "from", "gas used", "coinbase diff (wei)", "status")
                    .right(0, 3, 4);
            for (int i = 0; i < result.results().size(); i++) {
                CallBundleResult.TxResult r = result.results().get(i);
                t.row(
                        i,
                        r.txHash().hex(),
                        r.from(),
                        r.gasUsed(),
                        r.coinbaseDiff(),
                        r.error().map(ErrorHandler::oneLine).orElse("ok"));
            }
            t.print(ctx.out());
            ctx.out()
                    .printf(
                            "total gas %d, coinbase diff %s wei, bundle gas price %s%n",
                            result.totalGasUsed(), result.coinbaseDiff(), WatchCommand.gwei(result.bundleGasPrice()));
            ctx.out().flush();
        }
        return outcome instanceof CallBundleOutcome.Simulated ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }

    /** {@code bundle simulate}. */
    @Command(
            name = "simulate",
            mixinStandardHelpOptions = true,
            description = "Simulate on the node (eth_simulateV1) or the builder (eth_callBundle).")
    static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BundleOptions options;

        @Override
        public Integer call() {
            CliContext ctx = CliContext.of(spec);
            Bundle bundle = options.bundle(spec, ctx.config());
            return simulate(ctx, spec, options, bundle);
        }
    }

    /** {@code bundle send}. */
    @Command(
            name = "send",
            mixinStandardHelpOptions = true,
            description = {
                "Simulate, record in the store under --opportunity, then send with eth_sendBundle.",
                "--dry-run simulates and records, and never sends."
            })
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        BundleOptions options;

        @Option(
                names = "--opportunity",
                required = true,
                paramLabel = "ID",
                description = "The stored opportunity (PLANNED or SUBMITTED) the bundle acts on.")
        long opportunity;

        @Option(names = "--dry-run", description = "Simulate and record the bundle, never send it.")
        boolean dryRun;

        @Override
        public Integer call() {
            CliContext ctx = CliContext.of(spec);
            MevkitConfig config = ctx.config();
            Bundle bundle = options.bundle(spec, config);
            // sending needs a builder: fail before simulating and recording anything
            Optional<BuilderClient> sender = dryRun ? Optional.empty() : Optional.of(builder(spec, config));
            try {
                int simulated = simulate(ctx, spec, options, bundle);
                if (simulated != ExitCodes.OK) {
                    ctx.status("mevkit: the simulation reverted; nothing recorded or sent");
                    return simulated;
                }
                io.mevkit.store.Bundle stored;
                try (MevStore store = StoreCommand.open(config, false)) {
                    NewBundle row = new NewBundle(
                            opportunity,
                            bundle.bundleHash().hex(),
                            bundle.blockNumber().getAsLong(),
                            bundle.blockNumber().getAsLong(),
                            null,
                            bundle.txs());
                    stored = store.inTransaction(tx -> tx.bundles().recordSigned(row));
                }
                if (sender.isEmpty()) {
                    ctx.status("dry run: bundle " + bundle.bundleHash().hex() + " simulated and recorded as #"
                            + stored.id() + " (" + stored.status() + "), not sent");
                    return ExitCodes.OK;
                }
                Hash sent = sender.get().sendBundle(bundle);
                ctx.status("sent bundle " + sent.hex() + " for block "
                        + bundle.blockNumber().getAsLong() + " to "
                        + sender.get().endpoint().name() + "; recorded as #" + stored.id());
                return ExitCodes.OK;
            } finally {
                sender.ifPresent(BuilderClient::close);
            }
        }
    }

    /** {@code bundle status}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = "A bundle's stored status and, with --block and a builder, the builder's statistics.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--hash",
                required = true,
                converter = Converters.HashConverter.class,
                description = "The bundle hash.")
        Hash hash;

        @Option(names = "--block", description = "The target block, to ask the builder (flashbots_getBundleStatsV2).")
        Long block;

        @Override
        public Integer call() {
            CliContext ctx = CliContext.of(spec);
            MevkitConfig config = ctx.config();
            Optional<io.mevkit.store.Bundle> stored;
            try (MevStore store = StoreCommand.open(config, false)) {
                stored = store.read(tx -> tx.bundles().findByHash(hash.hex()));
            }
            Optional<BundleStats> stats = Optional.empty();
            if (block != null) {
                try (BuilderClient builder = builder(spec, config)) {
                    stats = Optional.of(builder.bundleStats(hash, block));
                }
            }
            if (stored.isEmpty() && stats.isEmpty()) {
                ctx.status("mevkit: bundle " + hash.hex() + " is not in the store (give --block to ask the builder)");
                return ExitCodes.NEGATIVE;
            }
            if (ctx.json()) {
                ObjectNode o = ctx.object();
                o.put("bundleHash", hash.hex());
                o.set(
                        "stored",
                        CliContext.toJson(stored.map(b -> new StoredView(
                                b.id(),
                                b.opportunityId(),
                                b.status().name(),
                                b.firstBlock(),
                                b.lastBlock(),
                                b.txs().size()))));
                o.set("builder", CliContext.toJson(stats));
                ctx.printJson(o);
                return ExitCodes.OK;
            }
            stored.ifPresent(b -> ctx.out()
                    .printf(
                            "stored #%d for opportunity %d: %s, blocks %d..%d, %d transactions%n",
                            b.id(),
                            b.opportunityId(),
                            b.status(),
                            b.firstBlock(),
                            b.lastBlock(),
                            b.txs().size()));
            stats.ifPresent(s -> ctx.out()
                    .printf(
                            "builder: simulated %s, considered by %d builders, sealed by %d%n",
                            s.simulated(),
                            s.consideredByBuilders().size(),
                            s.sealedByBuilders().size()));
            ctx.out().flush();
            return ExitCodes.OK;
        }
    }

    private record StoredView(long id, long opportunityId, String status, long firstBlock, long lastBlock, int txs) {}
}
