package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.spi.Scheduler;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fan-out to several mock builders over several blocks: replacement ids, retries, breakers, a hung builder. */
class BundleFanOutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FlashbotsSigner REPUTATION =
            FlashbotsSigner.of("0xfad9c8855b740a0b7ed4c221dbad0f33a83a49cad6b3fe8d5817ac83d38b6a19");
    private static final PrivateKeySigner FUNDS =
            PrivateKeySigner.of("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);

    /** Runs retry waits (≤ 10 s) at once and records them; longer delays (attempt timeouts) are real. */
    static final class SkippingScheduler implements Scheduler {
        final ScheduledExecutorService real = Executors.newScheduledThreadPool(2);
        final List<Duration> skipped = Collections.synchronizedList(new ArrayList<>());

        @Override
        public ScheduledFuture<?> schedule(Callable<?> task, long delay, TimeUnit unit) {
            Duration d = Duration.ofNanos(unit.toNanos(delay));
            if (!d.isZero() && !d.isNegative() && d.compareTo(Duration.ofSeconds(10)) <= 0) {
                skipped.add(d);
                return real.schedule(task, 0, TimeUnit.NANOSECONDS);
            }
            return real.schedule(task, delay, unit);
        }
    }

    private final List<MockWebServer> servers = new ArrayList<>();
    private final List<BuilderClient> clients = new ArrayList<>();
    private SkippingScheduler scheduler;
    private Bundle bundle;

    @BeforeEach
    void setUp() {
        scheduler = new SkippingScheduler();
        SignedTx tx = FUNDS.sign(Eip1559Tx.builder()
                .chainId(1)
                .nonce(0)
                .maxPriorityFeePerGas(BigInteger.ONE)
                .maxFeePerGas(BigInteger.TEN)
                .gasLimit(21_000)
                .to(Address.of("0x73625f59CAdc5009Cb458B751b3E7b6b48C06f2C"))
                .build());
        bundle = Bundle.of(List.of(tx)).build();
    }

    @AfterEach
    void tearDown() throws IOException {
        for (BuilderClient c : clients) {
            c.close();
        }
        for (MockWebServer s : servers) {
            s.shutdown();
        }
        scheduler.real.shutdownNow();
    }

    private MockWebServer server(String name, BuilderDialect dialect) throws IOException {
        MockWebServer s = new MockWebServer();
        s.start();
        servers.add(s);
        clients.add(BuilderClient.builder()
                .endpoint(new BuilderEndpoint(name, s.url("/").uri(), dialect))
                .signer(REPUTATION)
                .timeout(Duration.ofSeconds(30))
                .build());
        return s;
    }

    private MockResponse ok() {
        return new MockResponse()
                .setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"bundleHash\":\""
                        + bundle.bundleHash().hex() + "\"}}");
    }

    private BundleFanOut.Builder fanOut() {
        BundleFanOut.Builder b = BundleFanOut.builder()
                .scheduler(scheduler)
                .attemptTimeout(Duration.ofSeconds(60))
                .random(new SplittableRandom(7));
        clients.forEach(b::client);
        return b;
    }

    /** Answers every request {@code ok()} once {@code release} opens (bounded: a broken test fails, never hangs). */
    private Dispatcher heldUntil(CountDownLatch release) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                assertTrue(release.await(60, TimeUnit.SECONDS));
                return ok();
            }
        };
    }

    /** Answers every request with HTTP {@code status}. */
    private static Dispatcher always(int status) {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse().setResponseCode(status);
            }
        };
    }

    private static JsonNode params(RecordedRequest r) throws IOException {
        return JSON.readTree(r.getBody().readUtf8()).at("/params/0");
    }

    @Test
    void asASubmitterItAnswersWithTheFirstAcknowledgementWhileAHungBuilderWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockWebServer failing = server("failing", BuilderDialect.RSYNC);
        MockWebServer hung = server("hung", BuilderDialect.TITAN);
        MockWebServer good = server("good", BuilderDialect.BEAVERBUILD);
        failing.setDispatcher(always(500));
        hung.setDispatcher(heldUntil(release));
        good.enqueue(ok());
        BundleSubmitter submitter = fanOut().maxRetries(1).build();
        String id = BundleFanOut.replacementId("opp-s", 200);
        Bundle targeted =
                bundle.toBuilder().blockNumber(200).replacementUuid(id).build();

        CompletableFuture<Hash> ack = submitter.sendBundleAsync(targeted);
        assertEquals(bundle.bundleHash(), ack.get(30, TimeUnit.SECONDS));
        assertEquals(1, release.getCount(), "answered while the hung builder still holds its request");
        release.countDown();
        for (MockWebServer s : List.of(failing, hung, good)) {
            JsonNode p = params(s.takeRequest(10, TimeUnit.SECONDS));
            assertEquals("0xc8", p.get("blockNumber").asText());
            assertEquals(id, p.get(s == good ? "uuid" : "replacementUuid").asText());
        }
        assertEquals("fan-out[failing, hung, good]", submitter.name());
    }

    @Test
    void asASubmitterItFailsOnlyWhenEveryBuilderFailedNamingEach() throws Exception {
        for (String name : List.of("x", "y")) {
            server(name, BuilderDialect.FLASHBOTS).setDispatcher(always(503));
        }
        BundleSubmitter submitter = fanOut().maxRetries(0).build();
        Bundle targeted = bundle.toBuilder()
                .blockNumber(7)
                .replacementUuid(BundleFanOut.replacementId("opp-f", 7))
                .build();
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> submitter.sendBundleAsync(targeted).get(30, TimeUnit.SECONDS));
        MevException all = assertInstanceOf(MevException.class, e.getCause());
        assertTrue(all.getMessage().startsWith("every builder refused block 7: "), all.getMessage());
        assertTrue(all.getMessage().contains("x: ") && all.getMessage().contains("y: "), all.getMessage());
        assertTrue(all.getMessage().contains("503"), all.getMessage());
        assertEquals(1, all.getSuppressed().length);

        ValidationException untargeted =
                assertThrows(ValidationException.class, () -> submitter.sendBundleAsync(bundle));
        assertEquals("bundle.blockNumber", untargeted.field());
        ValidationException noId = assertThrows(
                ValidationException.class,
                () -> submitter.sendBundleAsync(
                        bundle.toBuilder().blockNumber(7).build()));
        assertEquals("bundle.replacementUuid", noId.field());
    }

    @Test
    void aCancelReachesEveryBuilderInItsOwnDialectAndReportsTheOnesThatFailed() throws Exception {
        MockWebServer byEndpoint = server("endpoint", BuilderDialect.FLASHBOTS);
        MockWebServer byEmptyBundle = server("empty", BuilderDialect.BEAVERBUILD);
        MockWebServer down = server("down", BuilderDialect.TITAN);
        byEndpoint.enqueue(new MockResponse().setBody("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"));
        byEmptyBundle.enqueue(ok());
        down.enqueue(new MockResponse().setResponseCode(502));
        BundleSubmitter submitter = fanOut().build();
        String id = BundleFanOut.replacementId("opp-c", 9);

        MevException failed = assertThrows(MevException.class, () -> submitter.cancel(id));
        assertTrue(failed.getMessage().startsWith("cancel of " + id + " failed: down: "), failed.getMessage());
        RecordedRequest cancel = byEndpoint.takeRequest(10, TimeUnit.SECONDS);
        assertEquals(
                "eth_cancelBundle",
                JSON.readTree(cancel.getBody().readUtf8()).get("method").asText());
        RecordedRequest empty = byEmptyBundle.takeRequest(10, TimeUnit.SECONDS);
        JsonNode emptyCall = JSON.readTree(empty.getBody().readUtf8());
        assertEquals("eth_sendBundle", emptyCall.get("method").asText());
        assertEquals(0, emptyCall.at("/params/0/txs").size());
        assertEquals(id, emptyCall.at("/params/0/uuid").asText());
        assertEquals(
                id,
                params(down.takeRequest(10, TimeUnit.SECONDS))
                        .get("replacementUuid")
                        .asText());
    }

    @Test
    void aHungBuilderNeverHoldsUpTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MockWebServer a = server("a", BuilderDialect.FLASHBOTS);
        MockWebServer b = server("b", BuilderDialect.BEAVERBUILD);
        MockWebServer hung = server("hung", BuilderDialect.TITAN);
        for (int i = 0; i < 2; i++) {
            a.enqueue(ok());
            b.enqueue(ok());
        }
        hung.setDispatcher(heldUntil(release));
        List<BundleFanOut.Submission> subs = fanOut().build().submit("opp-1", bundle, 100, 1);
        assertEquals(6, subs.size());
        List<CompletableFuture<Hash>> others = new ArrayList<>();
        List<CompletableFuture<Hash>> hungAcks = new ArrayList<>();
        for (BundleFanOut.Submission s : subs) {
            (s.builder().equals("hung") ? hungAcks : others).add(s.acknowledgement());
        }
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (CompletableFuture<Hash> ack : others) {
            assertEquals(bundle.bundleHash(), ack.get());
        }
        for (CompletableFuture<Hash> ack : hungAcks) {
            assertFalse(ack.isDone(), "the hung builder has not answered yet");
        }
        release.countDown();
        for (CompletableFuture<Hash> ack : hungAcks) {
            assertEquals(bundle.bundleHash(), ack.get(30, TimeUnit.SECONDS));
        }

        // one replacement id per target block, the same at every builder, in each builder's own field
        String id100 = BundleFanOut.replacementId("opp-1", 100);
        String id101 = BundleFanOut.replacementId("opp-1", 101);
        assertNotEquals(id100, id101);
        Set<String> seen = new HashSet<>();
        for (MockWebServer s : List.of(a, b, hung)) {
            String field = s == b ? "uuid" : "replacementUuid";
            for (int i = 0; i < 2; i++) {
                JsonNode p = params(s.takeRequest(10, TimeUnit.SECONDS));
                String block = p.get("blockNumber").asText();
                String expected = block.equals("0x64") ? id100 : id101;
                assertEquals(expected, p.get(field).asText());
                seen.add(s.getPort() + block);
            }
        }
        assertEquals(6, seen.size(), "every builder got both target blocks");
        for (BundleFanOut.Submission s : subs) {
            assertEquals(BundleFanOut.replacementId("opp-1", s.blockNumber()), s.replacementId());
        }
    }

    @Test
    void retriesOn429And5xxHonourRetryAfterAndResendTheSameBundle() throws Exception {
        MockWebServer a = server("a", BuilderDialect.FLASHBOTS);
        MockWebServer garbage = server("garbage", BuilderDialect.FLASHBOTS);
        a.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3"));
        a.enqueue(new MockResponse().setResponseCode(502).setBody("bad gateway"));
        a.enqueue(ok());
        garbage.enqueue(new MockResponse().setBody("not json"));
        List<BundleFanOut.Submission> subs = fanOut().backoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .build()
                .submit("opp-2", bundle, 7, 0);
        assertEquals(bundle.bundleHash(), subs.get(0).acknowledgement().get(30, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> subs.get(1).acknowledgement().get(30, TimeUnit.SECONDS));
        assertEquals(
                RpcException.Kind.MALFORMED_RESPONSE,
                assertInstanceOf(RpcException.class, e.getCause()).kind());
        assertEquals(1, garbage.getRequestCount(), "garbage is not retried");

        assertEquals(3, a.getRequestCount());
        // each retry is a new JSON-RPC request (new id) carrying the identical bundle and replacement id
        JsonNode first = params(a.takeRequest());
        assertEquals(first, params(a.takeRequest()));
        assertEquals(first, params(a.takeRequest()));
        assertEquals(
                BundleFanOut.replacementId("opp-2", 7),
                first.get("replacementUuid").asText());
        assertEquals(bundle.txs().get(0), first.at("/txs/0").asText());
        assertEquals(2, scheduler.skipped.size(), scheduler.skipped.toString());
        assertEquals(Duration.ofSeconds(3), scheduler.skipped.get(0), "Retry-After honoured");
        Duration backoff = scheduler.skipped.get(1);
        assertTrue(backoff.compareTo(Duration.ofMillis(200)) <= 0, "second attempt: jitter within 2 × base");
    }

    @Test
    void anOpenCircuitFailsFastWithoutCallingTheBuilder() throws Exception {
        MockWebServer down = server("down", BuilderDialect.FLASHBOTS);
        for (int i = 0; i < 2; i++) {
            down.enqueue(new MockResponse().setResponseCode(503));
        }
        BundleFanOut fanOut = fanOut().maxRetries(0)
                .circuitBreakers(() -> CircuitBreaker.<Hash>builder()
                        .withFailureThreshold(2)
                        .withDelay(Duration.ofHours(1))
                        .build())
                .build();
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Hash> ack =
                    fanOut.submit("opp-3", bundle, 10 + i, 0).get(0).acknowledgement();
            assertThrows(ExecutionException.class, () -> ack.get(30, TimeUnit.SECONDS));
        }
        assertTrue(fanOut.breaker("down").isOpen());
        CompletableFuture<Hash> rejected =
                fanOut.submit("opp-3", bundle, 12, 0).get(0).acknowledgement();
        ExecutionException e = assertThrows(ExecutionException.class, () -> rejected.get(30, TimeUnit.SECONDS));
        assertInstanceOf(CircuitBreakerOpenException.class, e.getCause());
        assertEquals(2, down.getRequestCount(), "the open breaker kept the third request off the wire");
    }

    @Test
    void replacementIdsAreStableUuidsPerOpportunityAndBlock() {
        String id = BundleFanOut.replacementId("opp", 5);
        assertEquals(id, BundleFanOut.replacementId("opp", 5));
        assertEquals(4, java.util.UUID.fromString(id).version());
        assertEquals(2, java.util.UUID.fromString(id).variant());
        assertNotEquals(id, BundleFanOut.replacementId("opp", 6));
        assertNotEquals(id, BundleFanOut.replacementId("opq", 5));
    }

    @Test
    void aRateLimitedBuilderRefusesWhatExceedsItsRateWhileTheOthersTakeEverything() throws Exception {
        MockWebServer limited = server("limited", BuilderDialect.FLASHBOTS);
        MockWebServer free = server("free", BuilderDialect.TITAN);
        limited.enqueue(ok());
        for (int i = 0; i < 3; i++) {
            free.enqueue(ok());
        }
        BundleFanOut fan = fanOut().rateLimit("limited", 1, Duration.ofHours(1)).build();
        List<BundleFanOut.Submission> subs = fan.submit("opp-rate", bundle, 200, 2);
        int limitedOk = 0;
        int limitedRefused = 0;
        for (BundleFanOut.Submission s : subs) {
            if (s.builder().equals("free")) {
                assertEquals(bundle.bundleHash(), s.acknowledgement().get(30, TimeUnit.SECONDS));
                continue;
            }
            try {
                assertEquals(bundle.bundleHash(), s.acknowledgement().get(30, TimeUnit.SECONDS));
                limitedOk++;
            } catch (ExecutionException e) {
                assertInstanceOf(dev.failsafe.RateLimitExceededException.class, e.getCause());
                limitedRefused++;
            }
        }
        assertEquals(1, limitedOk);
        assertEquals(2, limitedRefused);
        assertEquals(1, limited.getRequestCount(), "refused submissions never reach the builder");
        assertEquals(3, free.getRequestCount());
        assertTrue(fan.breaker("limited").isClosed(), "rate limiting does not open the breaker");
        assertEquals(
                "rateLimit.builderName",
                assertThrows(io.mevkit.core.ValidationException.class, () -> fanOut().rateLimit(
                                        "nobody", 1, Duration.ofSeconds(1))
                                .build())
                        .field());
    }
}
