package io.mevkit.examples;

import io.mevkit.examples.cli.BundleCommand;
import io.mevkit.examples.cli.CliContext;
import io.mevkit.examples.cli.ErrorHandler;
import io.mevkit.examples.cli.PriceCommand;
import io.mevkit.examples.cli.QuoteCommand;
import io.mevkit.examples.cli.SizeCommand;
import io.mevkit.examples.cli.StoreCommand;
import io.mevkit.examples.cli.WatchCommand;
import io.mevkit.examples.config.ConfigLoader;
import io.mevkit.examples.config.MevkitConfig;
import io.mevkit.examples.config.Setting;
import io.mevkit.examples.wallet.WalletMonitorCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code mevkit} command line: the entry point of the runnable examples jar. Global options may be given before
 * or after the subcommand. Exit codes are those of {@link io.mevkit.examples.cli.ExitCodes}.
 */
@Command(
        name = "mevkit",
        mixinStandardHelpOptions = true,
        version = "mevkit 0.1.0-SNAPSHOT",
        description = "Tools and examples for MEV searchers, on a local anvil chain by default.",
        footer = {
            "",
            "Exit codes: 0 ok, 1 negative answer, 2 usage error, 3 configuration error,",
            "4 node or service unreachable, 5 other failure, 130 interrupted.",
            "Configuration: flags > MEVKIT_* environment > --config file > defaults."
        },
        subcommands = {
            DemoCommand.class,
            QuoteCommand.class,
            SizeCommand.class,
            PriceCommand.class,
            WatchCommand.class,
            BundleCommand.class,
            StoreCommand.class,
            WalletMonitorCommand.class
        })
public final class Main implements Runnable, CliContext.Provider {
    private final Map<String, String> env;
    private CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--rpc",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "JSON-RPC HTTP URL (MEVKIT_RPC_URL).")
    String rpc;

    @Option(
            names = "--ws",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "WebSocket URL (MEVKIT_WS_URL).")
    String ws;

    @Option(
            names = "--db",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Store: jdbc:sqlite:<file>, a file, or jdbc:postgresql://... (MEVKIT_DB_URL).")
    String db;

    @Option(
            names = "--chain-id",
            scope = ScopeType.INHERIT,
            paramLabel = "ID",
            description = "Chain id (MEVKIT_CHAIN_ID).")
    String chainId;

    @Option(
            names = "--builder",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Block builder URL for bundles (MEVKIT_BUILDER_URL).")
    String builder;

    @Option(
            names = "--private-key-file",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "File holding the signing key (MEVKIT_PRIVATE_KEY_FILE).")
    String privateKeyFile;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "Properties file of MEVKIT_* settings (below flags and the environment).")
    Path configFile;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine output: JSON (one document per line).")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    /** A command line reading the process environment. */
    public Main() {
        this(System.getenv());
    }

    /** A command line reading {@code env} instead of the process environment (tests). */
    public Main(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    public static void main(String[] args) {
        if (java.util.Arrays.asList(args).contains("--verbose")) {
            // before the first logger exists: --verbose also shows the libraries' INFO logs
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(System.getenv(), out, err, args));
    }

    /** Runs the command line with the process environment and streams, returning its exit code. */
    public static int run(String... args) {
        return run(
                System.getenv(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }

    /** Runs the command line as a user types it, with {@code env} as its environment; returns the exit code. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(env, out, err).execute(args);
    }

    /** The configured command line: error handling, configuration loading before any command runs. */
    public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        Main main = new Main(env);
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorHandler handler = new ErrorHandler(() -> main.verbose);
        cli.setParameterExceptionHandler(handler);
        cli.setExecutionExceptionHandler(handler);
        cli.setExecutionStrategy(parseResult -> {
            Integer help = CommandLine.executeHelpRequest(parseResult);
            if (help != null) {
                return help;
            }
            try {
                main.context = new CliContext(main.loadConfig(err), out, err, main.json);
            } catch (RuntimeException e) {
                throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli;
    }

    private MevkitConfig loadConfig(PrintWriter err) {
        ConfigLoader loader = ConfigLoader.fromEnvironment(env)
                .flag(Setting.RPC_URL, "--rpc", rpc)
                .flag(Setting.WS_URL, "--ws", ws)
                .flag(Setting.DB_URL, "--db", db)
                .flag(Setting.CHAIN_ID, "--chain-id", chainId)
                .flag(Setting.BUILDER_URL, "--builder", builder)
                .flag(Setting.PRIVATE_KEY_FILE, "--private-key-file", privateKeyFile);
        if (configFile != null) {
            loader.file(configFile);
        }
        MevkitConfig config = loader.load();
        loader.warnings().forEach(w -> err.println("mevkit: warning: " + w));
        err.flush();
        return config;
    }

    @Override
    public CliContext context() {
        if (context == null) {
            throw new IllegalStateException("the configuration is loaded when a command runs");
        }
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
