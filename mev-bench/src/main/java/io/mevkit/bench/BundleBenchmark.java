package io.mevkit.bench;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.bundle.BuilderClient;
import io.mevkit.core.bundle.BuilderDialect;
import io.mevkit.core.bundle.BuilderEndpoint;
import io.mevkit.core.bundle.Bundle;
import io.mevkit.core.bundle.BundleFanOut;
import io.mevkit.core.bundle.Eip1559Tx;
import io.mevkit.core.bundle.FlashbotsSigner;
import io.mevkit.core.bundle.PrivateKeySigner;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Bundle submission to 8 mock builders answering after 5..50 ms: mevkit's fan-out (every builder at once, each with
 * its own retry, breaker and timeout) against sending to one builder after another. Also the
 * {@code X-Flashbots-Signature} header per second, against web3j's {@code Sign.signPrefixedMessage} called directly.
 */
@State(Scope.Benchmark)
public class BundleBenchmark {
    static final long[] LATENCIES_MS = {5, 11, 17, 23, 29, 35, 42, 50};
    static final String KEY = "0xfad9c8855b740a0b7ed4c221dbad0f33a83a49cad6b3fe8d5817ac83d38b6a19";

    final List<MockWebServer> servers = new ArrayList<>();
    final List<BuilderClient> clients = new ArrayList<>();
    ScheduledExecutorService scheduler;
    BundleFanOut fanOut;
    Bundle bundle;
    final AtomicLong block = new AtomicLong(1_000);
    FlashbotsSigner signer;
    Credentials credentials;
    byte[] body;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        PrivateKeySigner funds =
                PrivateKeySigner.of("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
        bundle = Bundle.of(List.of(funds.sign(Eip1559Tx.builder()
                        .chainId(1)
                        .nonce(0)
                        .maxPriorityFeePerGas(BigInteger.ONE)
                        .maxFeePerGas(BigInteger.TEN)
                        .gasLimit(21_000)
                        .to(Address.of("0x73625f59CAdc5009Cb458B751b3E7b6b48C06f2C"))
                        .build())))
                .build();
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"bundleHash\":\""
                + bundle.bundleHash().hex() + "\"}}";
        signer = FlashbotsSigner.of(KEY);
        for (int i = 0; i < LATENCIES_MS.length; i++) {
            long latency = LATENCIES_MS[i];
            MockWebServer s = new MockWebServer();
            s.setServerSocketFactory(NoDelayServerSocketFactory.INSTANCE);
            s.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse().setBody(answer).setHeadersDelay(latency, TimeUnit.MILLISECONDS);
                }
            });
            s.start();
            servers.add(s);
            clients.add(BuilderClient.builder()
                    .endpoint(new BuilderEndpoint("b" + i, s.url("/").uri(), BuilderDialect.FLASHBOTS))
                    .signer(signer)
                    .timeout(Duration.ofSeconds(5))
                    .build());
        }
        scheduler = Executors.newScheduledThreadPool(2);
        BundleFanOut.Builder b = BundleFanOut.builder()
                .scheduler(scheduler)
                .attemptTimeout(Duration.ofSeconds(5))
                .random(new SplittableRandom(1));
        clients.forEach(b::client);
        fanOut = b.build();
        List<Hash> parallel = mevkitFanOut();
        List<Hash> sequential = baselineSequential();
        if (!parallel.equals(sequential) || parallel.size() != LATENCIES_MS.length) {
            throw new IllegalStateException("fan-out " + parallel + " vs sequential " + sequential);
        }

        credentials = Credentials.create(KEY);
        body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_sendBundle\",\"params\":[{\"txs\":[\""
                        + bundle.txs().get(0) + "\"],\"blockNumber\":\"0x3e8\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        String ours = mevkitSignatureHeader();
        String theirs = web3jSignatureHeader();
        if (!ours.equalsIgnoreCase(theirs)
                || !FlashbotsSigner.verify(ours, body).equals(signer.address())) {
            throw new IllegalStateException(ours + " vs " + theirs);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        clients.forEach(BuilderClient::close);
        for (MockWebServer s : servers) {
            s.shutdown();
        }
        scheduler.shutdownNow();
    }

    /** One target block to all 8 builders at once; returns when every builder has acknowledged. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Hash> mevkitFanOut() {
        List<BundleFanOut.Submission> subs = fanOut.submit("bench", bundle, block.incrementAndGet(), 0);
        List<Hash> out = new ArrayList<>();
        CompletableFuture.allOf(subs.stream()
                        .map(BundleFanOut.Submission::acknowledgement)
                        .toArray(CompletableFuture[]::new))
                .join();
        subs.forEach(s -> out.add(s.acknowledgement().join()));
        return out;
    }

    /** The same bundle to one builder after another. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Hash> baselineSequential() {
        long target = block.incrementAndGet();
        Bundle targeted = bundle.toBuilder()
                .blockNumber(target)
                .replacementUuid(BundleFanOut.replacementId("bench", target))
                .build();
        List<Hash> out = new ArrayList<>();
        for (BuilderClient c : clients) {
            out.add(c.sendBundle(targeted));
        }
        return out;
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String mevkitSignatureHeader() {
        return signer.header(body);
    }

    /** web3j directly: keccak of the body as 0x-hex text, personal-signed, address and r‖s‖v joined. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String web3jSignatureHeader() {
        String text = Numeric.toHexString(org.web3j.crypto.Hash.sha3(body));
        Sign.SignatureData sig =
                Sign.signPrefixedMessage(text.getBytes(StandardCharsets.US_ASCII), credentials.getEcKeyPair());
        byte[] rsv = new byte[65];
        System.arraycopy(sig.getR(), 0, rsv, 0, 32);
        System.arraycopy(sig.getS(), 0, rsv, 32, 32);
        rsv[64] = sig.getV()[0];
        return credentials.getAddress() + ":" + Numeric.toHexString(rsv);
    }
}
