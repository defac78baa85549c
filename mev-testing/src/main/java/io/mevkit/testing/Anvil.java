package io.mevkit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.testing.internal.AnvilLocator;
import io.mevkit.testing.internal.JsonRpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

/**
 * A real anvil node on a free loopback port, for tests and the local demo.
 *
 * <p>Starts the platform binary from the repository's {@code node_modules} directly (the npm {@code .bin}
 * wrapper would leave an orphan on kill), waits until the node answers, and stops it and its descendants on
 * {@link #close()}. Transactions are ordered first-in first-out unless the builder says otherwise: anvil's
 * default fee ordering silently drops a second transaction of one sender. Not thread-safe for
 * {@link #stop()}/{@link #restart()}; every other method may be called from any thread.
 */
public final class Anvil implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Anvil.class);
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Config config;
    private final int port;
    private final Path workDir;
    private Process process;
    private JsonRpc rpc;
    private Thread shutdownHook;
    private List<String> accounts = List.of();
    private List<String> privateKeys = List.of();
    private boolean restartFromDump;

    private Anvil(Config config, int port, Path workDir) {
        this.config = config;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts an anvil node with the defaults: chain id 31337, automining, FIFO ordering. */
    public static Anvil start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The node's HTTP JSON-RPC URL. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The node's WebSocket JSON-RPC URL. */
    public String wsUrl() {
        return "ws://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long chainId() {
        return config.chainId;
    }

    /** The unlocked dev accounts, lower-case hex, in anvil's order. */
    public List<String> accounts() {
        return accounts;
    }

    /** The private key of dev account {@code index}, 0x-prefixed hex. Test keys only: never real funds. */
    public String privateKey(int index) {
        return privateKeys.get(index);
    }

    /** The file the node's state is dumped to on a graceful stop, if the builder asked for one. */
    public Optional<Path> dumpStatePath() {
        return Optional.ofNullable(config.dumpState);
    }

    /** Calls a JSON-RPC method and returns its result; an error object becomes an {@link AnvilException}. */
    public JsonNode rpc(String method, Object... params) {
        return requireRunning().call(method, params);
    }

    public long blockNumber() {
        return Hex.toLong(rpc("eth_blockNumber").asText());
    }

    /** Takes an EVM snapshot; {@link #revert(String)} returns to it (and empties the mempool). */
    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    public void revert(String snapshotId) {
        if (!rpc("evm_revert", snapshotId).asBoolean()) {
            throw new AnvilException("evm_revert", 0, "unknown snapshot " + snapshotId, null);
        }
    }

    /** Mines one block with whatever the mempool holds. */
    public void mine() {
        mine(1);
    }

    public void mine(int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be >= 1 but was " + blocks);
        }
        rpc("anvil_mine", Hex.of(blocks));
    }

    public void setAutomine(boolean enabled) {
        rpc("evm_setAutomine", enabled);
    }

    public boolean automine() {
        return rpc("anvil_getAutomine").asBoolean();
    }

    public void setBalance(String address, BigInteger wei) {
        rpc("anvil_setBalance", address, Hex.of(wei));
    }

    public BigInteger balance(String address) {
        return Hex.toBigInteger(rpc("eth_getBalance", address, "latest").asText());
    }

    public void setNextBlockBaseFee(BigInteger wei) {
        rpc("anvil_setNextBlockBaseFeePerGas", Hex.of(wei));
    }

    /**
     * Replaces the last {@code depth} blocks with as many empty ones ({@code anvil_reorg}); logs of the removed
     * blocks reach subscribers with {@code removed: true}.
     */
    public void reorg(int depth) {
        rpc("anvil_reorg", depth, List.of());
    }

    /** The block with full transaction objects, or empty if the node has none at that tag. */
    public Optional<JsonNode> block(String tag) {
        JsonNode block = rpc("eth_getBlockByNumber", tag, true);
        return block.isNull() ? Optional.empty() : Optional.of(block);
    }

    /** Sends a transaction from an unlocked account and returns its hash, without waiting for it to be mined. */
    public String sendTransaction(Tx tx) {
        return rpc("eth_sendTransaction", withGasLimit(tx).toJson()).asText();
    }

    /**
     * Gas estimated on the latest state with a wide margin: the transaction is mined in a later block whose timestamp
     * can make it cost tens of thousands more (a Uniswap V2 pair writes its price accumulators, a V3 pool a new
     * oracle observation, only when a second has passed). The limit does not change the gas a transaction uses.
     */
    private Tx withGasLimit(Tx tx) {
        if (tx.gas() != null) {
            return tx;
        }
        long estimate = Hex.toLong(rpc("eth_estimateGas", tx.toJson()).asText());
        return tx.withGas(Math.min(30_000_000L, estimate * 2 + 100_000));
    }

    /** Sends signed raw transaction bytes and returns the hash. */
    public String sendRawTransaction(String rawHex) {
        return rpc("eth_sendRawTransaction", rawHex).asText();
    }

    /**
     * Sends a transaction and returns its receipt once mined: at once when automining, after mining one block
     * when mining is manual, or by polling when blocks come on a timer.
     */
    public Receipt send(Tx tx) {
        String hash = sendTransaction(tx);
        if (config.blockTime == null && !automine()) {
            mine();
        }
        return awaitReceipt(hash, Duration.ofSeconds(60));
    }

    /** Sends a transaction and fails unless its receipt says it succeeded. */
    public Receipt sendAndExpectSuccess(Tx tx) {
        Receipt receipt = send(tx);
        if (!receipt.success()) {
            throw new AssertionError(
                    "transaction reverted: " + receipt.txHash() + " to " + tx.to() + ": " + revertReason(tx, receipt));
        }
        return receipt;
    }

    /** Replays a reverted transaction as a call on its parent block's state to recover the node's reason. */
    private String revertReason(Tx tx, Receipt receipt) {
        Map<String, Object> call = new java.util.LinkedHashMap<>(tx.toJson());
        call.put("gas", Hex.of(receipt.gasUsed().max(BigInteger.valueOf(30_000_000L))));
        try {
            rpc("eth_call", call, Hex.of(receipt.blockNumber() - 1));
            return "(the replay did not revert; gas used " + receipt.gasUsed() + ")";
        } catch (AnvilException e) {
            return e.getMessage() + " (gas used " + receipt.gasUsed() + ")";
        }
    }

    /** Calls {@code function} on {@code to} from {@code from} as a transaction and expects success. */
    public Receipt invoke(String from, String to, Function function) {
        return sendAndExpectSuccess(Tx.call(from, to, FunctionEncoder.encode(function)));
    }

    public Optional<Receipt> receipt(String txHash) {
        JsonNode node = rpc("eth_getTransactionReceipt", txHash);
        return node.isNull() ? Optional.empty() : Optional.of(Receipt.fromJson(node));
    }

    /** Polls for a receipt, bounded by {@code timeout}. */
    public Receipt awaitReceipt(String txHash, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Receipt> receipt = receipt(txHash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no receipt for " + txHash + " within " + timeout);
            }
            sleep(POLL);
        }
    }

    /** Deploys a contract from the first dev account and returns its address. */
    public String deploy(ContractArtifact artifact, Type<?>... constructorArgs) {
        return deploy(accounts.get(0), artifact, constructorArgs);
    }

    public String deploy(String from, ContractArtifact artifact, Type<?>... constructorArgs) {
        String data = artifact.bytecode() + FunctionEncoder.encodeConstructor(Arrays.asList(constructorArgs));
        Receipt receipt = sendAndExpectSuccess(Tx.deploy(from, data));
        return receipt.contractAddress()
                .orElseThrow(() -> new AssertionError("no contract address in " + receipt.txHash()));
    }

    /** {@code eth_call} of {@code function} on {@code to} at the latest block, decoded. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String to, Function function) {
        String result = callRaw(to, FunctionEncoder.encode(function), "latest");
        return FunctionReturnDecoder.decode(result, function.getOutputParameters());
    }

    public String callRaw(String to, String data, String blockTag) {
        return rpc("eth_call", Map.of("to", to, "data", data), blockTag).asText();
    }

    /**
     * Stops the node gracefully (SIGTERM), so that {@code --dump-state} writes its file; the port stays reserved
     * for {@link #restart()}.
     */
    public void stop() {
        if (process == null) {
            return;
        }
        terminate(Duration.ofSeconds(30));
    }

    /**
     * Starts the node again on the same port; when a dump-state file exists it is loaded, so the chain continues
     * where it was stopped.
     */
    public void restart() {
        stop();
        restartFromDump = config.dumpState != null && Files.exists(config.dumpState);
        launch();
    }

    /** The operating-system process id of the running node. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("anvil on port " + port + " is not running");
        }
        return p.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The path of the node's own log (stdout and stderr). */
    public Path logFile() {
        return workDir.resolve("anvil.log");
    }

    @Override
    public void close() {
        if (process != null) {
            terminate(Duration.ofSeconds(10));
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook itself will run
            }
            shutdownHook = null;
        }
    }

    private JsonRpc requireRunning() {
        if (rpc == null || process == null) {
            throw new IllegalStateException("anvil on port " + port + " is not running");
        }
        return rpc;
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(AnvilLocator.binary().toString());
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(List.of("--chain-id", Long.toString(config.chainId)));
        command.addAll(List.of("--accounts", Integer.toString(config.accounts)));
        command.addAll(List.of("--config-out", workDir.resolve("config.json").toString()));
        if (config.order != null) {
            command.addAll(List.of("--order", config.order));
        }
        if (config.noMining) {
            command.add("--no-mining");
        }
        if (config.blockTime != null) {
            command.addAll(List.of("--block-time", Long.toString(config.blockTime.toSeconds())));
        }
        if (config.baseFee != null) {
            command.addAll(List.of("--base-fee", config.baseFee.toString()));
        }
        if (config.gasLimit != null) {
            command.addAll(List.of("--gas-limit", config.gasLimit.toString()));
        }
        if (config.dumpState != null) {
            command.addAll(List.of("--dump-state", config.dumpState.toString()));
        }
        Path load = restartFromDump ? config.dumpState : config.loadState;
        if (load != null) {
            command.addAll(List.of("--load-state", load.toString()));
        }
        command.addAll(config.extraArgs);

        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        LOG.debug("starting anvil: {}", command);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start anvil " + command.get(0), e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::destroyNow, "mevkit-anvil-shutdown-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        rpc = new JsonRpc(rpcUrl(), RPC_TIMEOUT);
        awaitReady();
        readConfigOut();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + config.startTimeout.toNanos();
        AnvilException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = tailOfLog();
                terminate(Duration.ZERO);
                throw new IllegalStateException(
                        "anvil exited with " + process.exitValue() + " before answering on port " + port + ":\n" + log);
            }
            try {
                long chainId = Hex.toLong(rpc.call("eth_chainId").asText());
                if (chainId != config.chainId) {
                    throw new IllegalStateException("anvil answered chain id " + chainId + ", not " + config.chainId);
                }
                return;
            } catch (AnvilException notYet) {
                last = notYet;
                sleep(POLL);
            }
        }
        String log = tailOfLog();
        terminate(Duration.ZERO);
        throw new IllegalStateException(
                "anvil did not answer on port " + port + " within " + config.startTimeout + ": " + last + "\n" + log);
    }

    /** anvil may answer RPC before it has finished writing {@code --config-out}: wait until the file is whole. */
    private void readConfigOut() {
        Path file = workDir.resolve("config.json");
        long deadline = System.nanoTime() + config.startTimeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode cfg = JsonRpc.mapper().readTree(file.toFile());
                List<String> addresses = new ArrayList<>();
                cfg.path("available_accounts")
                        .forEach(a -> addresses.add(a.asText().toLowerCase()));
                List<String> keys = new ArrayList<>();
                cfg.path("private_keys").forEach(k -> keys.add(k.asText()));
                if (addresses.size() == config.accounts && keys.size() == config.accounts) {
                    accounts = List.copyOf(addresses);
                    privateKeys = List.copyOf(keys);
                    return;
                }
            } catch (IOException notYetWritten) {
                last = notYetWritten;
            }
            sleep(POLL);
        }
        throw new IllegalStateException("anvil's --config-out file " + file + " was not complete within "
                + config.startTimeout + (last == null ? "" : ": " + last));
    }

    private void terminate(Duration grace) {
        Process p = process;
        process = null;
        if (rpc != null) {
            rpc.close();
            rpc = null;
        }
        if (p == null) {
            return;
        }
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroy(); // SIGTERM: anvil shuts down gracefully and writes --dump-state
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("anvil on port {} did not stop within {}; killing it", port, grace);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private void destroyNow() {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private record Config(
            long chainId,
            String order,
            boolean noMining,
            Duration blockTime,
            BigInteger baseFee,
            Long gasLimit,
            int accounts,
            Path dumpState,
            Path loadState,
            List<String> extraArgs,
            Duration startTimeout) {}

    /** Configures and starts an {@link Anvil}. Not thread-safe; validated at {@link #start()}. */
    public static final class Builder {
        private long chainId = 31337;
        private String order = "fifo";
        private boolean noMining;
        private Duration blockTime;
        private BigInteger baseFee;
        private Long gasLimit;
        private int accounts = 10;
        private Path dumpState;
        private Path loadState;
        private final List<String> extraArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder() {}

        public Builder chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        /** Transaction ordering: {@code fifo} (the default here) or {@code fees}. */
        public Builder order(String order) {
            this.order = Objects.requireNonNull(order, "order");
            return this;
        }

        /** No automining: blocks are mined only by {@link Anvil#mine()}. */
        public Builder noMining() {
            this.noMining = true;
            return this;
        }

        /** Mines a block every {@code interval} (whole seconds). */
        public Builder blockTime(Duration interval) {
            this.blockTime = Objects.requireNonNull(interval, "blockTime");
            return this;
        }

        public Builder baseFee(BigInteger wei) {
            this.baseFee = Objects.requireNonNull(wei, "baseFee");
            return this;
        }

        public Builder gasLimit(long gas) {
            this.gasLimit = gas;
            return this;
        }

        public Builder accounts(int count) {
            this.accounts = count;
            return this;
        }

        /** Writes the chain state to {@code file} on a graceful stop; {@link Anvil#restart()} loads it back. */
        public Builder dumpState(Path file) {
            this.dumpState = Objects.requireNonNull(file, "dumpState");
            return this;
        }

        public Builder loadState(Path file) {
            this.loadState = Objects.requireNonNull(file, "loadState");
            return this;
        }

        /** Further command-line arguments for anvil, passed as given. */
        public Builder arg(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "startTimeout");
            return this;
        }

        /** Starts the node and waits until it answers; fails (never skips) when it cannot. */
        public Anvil start() {
            if (chainId <= 0) {
                throw new IllegalArgumentException("chainId must be positive but was " + chainId);
            }
            if (accounts < 1) {
                throw new IllegalArgumentException("accounts must be >= 1 but was " + accounts);
            }
            if (blockTime != null && (blockTime.toSeconds() < 1 || blockTime.toNanos() % 1_000_000_000L != 0)) {
                throw new IllegalArgumentException("blockTime must be whole seconds >= 1 but was " + blockTime);
            }
            if (noMining && blockTime != null) {
                throw new IllegalArgumentException("noMining and blockTime exclude each other");
            }
            if (!order.equals("fifo") && !order.equals("fees")) {
                throw new IllegalArgumentException("order must be fifo or fees but was " + order);
            }
            Config config = new Config(
                    chainId,
                    order,
                    noMining,
                    blockTime,
                    baseFee,
                    gasLimit,
                    accounts,
                    dumpState,
                    loadState,
                    List.copyOf(extraArgs),
                    startTimeout);
            IllegalStateException failure = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                Path workDir;
                try {
                    workDir = Files.createTempDirectory("mevkit-anvil-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Anvil anvil = new Anvil(config, freePort(), workDir);
                try {
                    anvil.launch();
                    return anvil;
                } catch (IllegalStateException e) {
                    // another process may have taken the port between probing and binding: try a new one
                    anvil.close();
                    failure = e;
                }
            }
            throw failure;
        }
    }
}
