package io.mevkit.bench;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.OverflowPolicy;
import io.mevkit.ws.PendingTransaction;
import io.mevkit.ws.Subscription;
import io.mevkit.ws.SubscriptionOptions;
import io.mevkit.ws.WsClient;
import io.reactivex.disposables.Disposable;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.WebSocket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSubscribe;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.websocket.WebSocketService;
import org.web3j.protocol.websocket.events.Notification;
import org.web3j.utils.Numeric;

/**
 * Full pending transactions (about 1 KB of JSON each) pushed by a local node over a WebSocket, delivered to a
 * subscriber as the same decoded {@link PendingTransaction}: by mevkit's {@link WsClient} (bounded buffer, delivered off
 * the reader thread) and by web3j's {@link WebSocketService} (its Flowable, the web3j {@link Transaction} converted to
 * the same record in the subscriber). {@code *Throughput}: bursts of {@value #BURST} messages, ops = messages;
 * {@code *Latency}: one message from the node's send to the subscriber, sampled (p99 in the JMH output).
 */
@State(Scope.Benchmark)
public class WsBenchmark {
    static final int BURST = 2000;
    private static final int DISTINCT = 256;

    WsNode node;
    WsClient mevkit;
    Subscription<PendingTransaction> mevkitSub;
    WebSocketService web3j;
    Disposable web3jSub;
    WebSocket toMevkit;
    WebSocket toWeb3j;
    final String[] messages = new String[DISTINCT];
    final Deliveries<PendingTransaction> mevkitSink = new Deliveries<>(Duration.ofSeconds(30));
    final Deliveries<PendingTransaction> web3jSink = new Deliveries<>(Duration.ofSeconds(30));
    long latencyNonce = 1L << 40;

    /** web3j's notification type for full pending transactions. */
    public static class FullTransactionNotification extends Notification<Transaction> {}

    /** The conversion a web3j user writes to get the same record mevkit delivers. */
    static PendingTransaction fromWeb3j(Transaction t) {
        return new PendingTransaction(
                Hash.of(t.getHash()),
                Address.of(t.getFrom()),
                Optional.ofNullable(t.getTo()).map(Address::of),
                t.getNonce().longValueExact(),
                t.getValue(),
                t.getGas().longValueExact(),
                Optional.ofNullable(t.getGasPriceRaw()).map(Numeric::decodeQuantity),
                Optional.ofNullable(t.getMaxFeePerGasRaw()).map(Numeric::decodeQuantity),
                Optional.ofNullable(t.getMaxPriorityFeePerGasRaw()).map(Numeric::decodeQuantity),
                t.getInput(),
                t.getType() == null ? 0 : Numeric.decodeQuantity(t.getType()).intValueExact());
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        for (int i = 0; i < DISTINCT; i++) {
            messages[i] = WsNode.notification(i);
        }
        node = new WsNode();
        mevkit = WsClient.builder()
                .endpoint(Endpoint.of(node.url("/mevkit")))
                .expectedChainId(31337)
                .noPolling()
                .build();
        mevkitSub = mevkit.subscribePendingTransactions(
                SubscriptionOptions.of(4 * BURST, OverflowPolicy.FAIL), mevkitSink::accept);
        mevkit.awaitConnected(Duration.ofSeconds(10));
        toMevkit = node.awaitSocket("/mevkit");

        web3j = new WebSocketService(node.url("/web3j"), false);
        web3j.connect();
        Request<?, EthSubscribe> subscribe =
                new Request<>("eth_subscribe", List.of("newPendingTransactions", true), web3j, EthSubscribe.class);
        web3jSub = web3j.subscribe(subscribe, "eth_unsubscribe", FullTransactionNotification.class)
                .subscribe(n -> web3jSink.accept(fromWeb3j(n.getParams().getResult())));
        toWeb3j = node.awaitSocket("/web3j");

        // both deliver the same record for the same message
        toMevkit.send(messages[7]);
        mevkitSink.await(1);
        toWeb3j.send(messages[7]);
        web3jSink.await(1);
        PendingTransaction a = mevkitSink.last.get();
        PendingTransaction b = web3jSink.last.get();
        if (!Objects.equals(a, b) || a.nonce() != 7 || !a.value().equals(BigInteger.TEN.pow(18))) {
            throw new IllegalStateException("the clients decode differently:\n" + a + "\n" + b);
        }
    }

    private void burst(WebSocket socket, Deliveries<PendingTransaction> sink) {
        long target = sink.received.get() + BURST;
        for (int i = 0; i < BURST; i++) {
            socket.send(messages[i & (DISTINCT - 1)]);
        }
        sink.await(target);
    }

    private void one(WebSocket socket, Deliveries<PendingTransaction> sink) {
        long target = sink.received.get() + 1;
        socket.send(WsNode.notification(latencyNonce++));
        sink.await(target);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BURST)
    public void mevkitThroughput() {
        burst(toMevkit, mevkitSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BURST)
    public void web3jThroughput() {
        burst(toWeb3j, web3jSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void mevkitLatency() {
        one(toMevkit, mevkitSink);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void web3jLatency() {
        one(toWeb3j, web3jSink);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (mevkitSub.stats().dropped() != 0) {
            throw new IllegalStateException("mevkit dropped messages: " + mevkitSub.stats());
        }
        web3jSub.dispose();
        web3j.close();
        // web3j's WebSocketService never stops the (non-daemon) scheduler it creates, so a fork would not exit
        try {
            Field executor = WebSocketService.class.getDeclaredField("executor");
            executor.setAccessible(true);
            ((ExecutorService) executor.get(web3j)).shutdownNow();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot stop web3j's scheduler", e);
        }
        mevkit.close();
        node.close();
    }
}
