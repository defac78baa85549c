package io.mevkit.bench;

import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcListener;
import io.mevkit.core.token.TokenMetadata;
import io.mevkit.core.token.TokenMetadataClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * decimals, symbol and name of 500 TestERC20 tokens on anvil, uncached: through chunked Multicall3 {@code aggregate3}
 * (200 calls per chunk: 8 {@code eth_call}s in one HTTP batch) against the best plain alternative, one JSON-RPC batch
 * of 1,500 single {@code eth_call}s. Each invocation starts from an empty cache; the setup checks that both give the
 * same metadata, equal to what was deployed, and counts the JSON-RPC calls and bytes of each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TokenMetadataBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(TokenMetadataBenchmark.class);

    static final int TOKENS = 500;

    Anvil anvil;
    RpcClient client;
    Address multicall3;
    List<Address> tokens;
    TokenMetadataClient viaMulticall3;
    TokenMetadataClient viaBatch;

    final AtomicLong exchanges = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong requestBytes = new AtomicLong();
    final AtomicLong responseBytes = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
        anvil = Anvil.start();
        client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(60))
                .maxRetries(0)
                .addListener(new RpcListener() {
                    @Override
                    public void onExchange(Exchange exchange) {
                        exchanges.incrementAndGet();
                        calls.addAndGet(exchange.methods().size());
                        requestBytes.addAndGet(exchange.requestBytes());
                        responseBytes.addAndGet(exchange.responseBytes());
                    }
                })
                .build();
        multicall3 = Address.of(anvil.deploy(ContractArtifact.load("Multicall3")));
        TestTokens deployer = new TestTokens(anvil);
        tokens = new ArrayList<>(TOKENS);
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(Address.of(deployer.deploy("Token " + i, "T" + i, i % 19)));
        }

        fresh();
        String multicall = measure("mevkit Multicall3", viaMulticall3);
        String batch = measure("baseline JSON-RPC batch", viaBatch);
        Map<Address, TokenMetadata> a = viaMulticall3.getAll(tokens).tokens();
        Map<Address, TokenMetadata> b = viaBatch.getAll(tokens).tokens();
        if (a.size() != TOKENS || !a.equals(b)) {
            throw new IllegalStateException("the two paths disagree: " + a.size() + " vs " + b.size() + " tokens");
        }
        for (int i = 0; i < TOKENS; i++) {
            TokenMetadata m = a.get(tokens.get(i));
            if (m.decimals() != i % 19
                    || !m.symbol().equals("T" + i)
                    || !m.name().equals("Token " + i)) {
                throw new IllegalStateException("token " + i + " read as " + m);
            }
        }
        // JMH shows setup output in its log; these are the request counts quoted with the timings
        LOG.info("{}", multicall);
        LOG.info("{}", batch);
    }

    private String measure(String name, TokenMetadataClient metadata) {
        exchanges.set(0);
        calls.set(0);
        requestBytes.set(0);
        responseBytes.set(0);
        metadata.getAll(tokens);
        return name + ": " + exchanges.get() + " HTTP exchange(s), " + calls.get() + " JSON-RPC calls, "
                + requestBytes.get() + " request bytes, " + responseBytes.get() + " response bytes";
    }

    /** New clients, so every invocation reads all 500 tokens; whether Multicall3 has code is settled here. */
    @Setup(Level.Invocation)
    public void fresh() {
        viaMulticall3 = TokenMetadataClient.builder()
                .client(client)
                .chain(Chains.ANVIL)
                .multicall3(multicall3)
                .chunkSize(200)
                .build();
        if (!viaMulticall3.usesMulticall3()) {
            throw new IllegalStateException("Multicall3 has no code at " + multicall3);
        }
        // the anvil chain has no Multicall3 address: a plain JSON-RPC batch
        viaBatch =
                TokenMetadataClient.builder().client(client).chain(Chains.ANVIL).build();
        if (viaBatch.usesMulticall3()) {
            throw new IllegalStateException("the baseline must not batch through Multicall3");
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        anvil.close();
    }

    @Benchmark
    public TokenMetadataClient.Lookup mevkitMulticall3() {
        return viaMulticall3.getAll(tokens);
    }

    @Benchmark
    public TokenMetadataClient.Lookup baselineJsonRpcBatch() {
        return viaBatch.getAll(tokens);
    }
}
