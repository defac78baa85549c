package io.mevkit.examples.wallet;

import io.mevkit.core.Address;
import io.mevkit.core.Chain;
import io.mevkit.core.Hash;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.Log;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcListener;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.ConnectionState;
import io.mevkit.ws.Endpoint;
import io.mevkit.ws.Gap;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.WsClient;
import io.mevkit.ws.WsListener;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches addresses for incoming and outgoing value, on two independent paths at once, each recording what it saw
 * in its own {@link DetectionPath}:
 *
 * <ul>
 *   <li><b>ws</b>: a {@code logs} subscription for ERC-20 {@code Transfer} events of the given tokens, and a
 *       {@code newHeads} subscription whose blocks are read with their transactions for native ETH sent to or from a
 *       watched address. The {@link WsClient} reconnects by itself and backfills missed blocks and logs over HTTP.
 *   <li><b>poll</b>: HTTP polling of the head; each new range of blocks is read with {@code eth_getLogs} and block by
 *       block for native transfers. A failed poll is retried on the next tick from the same cursor, so nothing is
 *       skipped.
 * </ul>
 *
 * Native ETH moved by contracts (internal calls) is not seen by either path: it needs traces. Thread-safe; {@link
 * #close()} stops both paths.
 */
public final class WalletMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalletMonitor.class);
    private static final Duration HEAD_READ_BOUND = Duration.ofSeconds(20);
    /** {@code keccak256("Transfer(address,address,uint256)")}. */
    static final Hash TRANSFER = Hash.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    private final Set<Address> watched;
    private final List<Address> tokens;
    private final LongSupplier nanoTime;
    private final DetectionPath wsPath = new DetectionPath("ws");
    private final DetectionPath pollPath = new DetectionPath("poll");
    private final RpcClient wsRpc;
    private final RpcClient pollRpc;
    private final WsClient ws;
    private final ScheduledExecutorService poller;
    private final AtomicLong wsHead = new AtomicLong(-1);
    private final AtomicLong pollCursor;
    private volatile boolean pollFailing;

    private WalletMonitor(Builder b) {
        this.watched = Set.copyOf(b.watched);
        this.tokens = List.copyOf(b.tokens);
        this.nanoTime = b.nanoTime;
        this.wsRpc = rpc(b, wsPath);
        this.pollRpc = rpc(b, pollPath);
        long start = pollRpc.blockNumber();
        this.pollCursor = new AtomicLong(start);
        this.ws = WsClient.builder()
                .endpoint(Endpoint.of(b.wsUrl, b.httpUrl))
                .chain(b.chain)
                .staleAfter(Duration.ofMinutes(5)) // blocks come when they are mined: silence is not death
                .heartbeat(Duration.ofMillis(500))
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(1))
                .circuitBreaker(1000, Duration.ofMillis(100))
                .backfillSource(BackfillSource.of(wsRpc))
                .noPolling()
                .random(b.random)
                .listener(new WsListener() {
                    @Override
                    public void reconnected(int attempts, Duration downtime) {
                        wsPath.reconnects.incrementAndGet();
                    }
                })
                .build();
        ws.subscribeLogs(
                LogFilter.address(tokens.toArray(Address[]::new)).withTopic(0, TRANSFER), listener(this::onLog));
        ws.subscribeNewHeads(listener(this::onHead));
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wallet-monitor-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::pollOnce, 0, b.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The WebSocket path's detections. */
    public DetectionPath wsPath() {
        return wsPath;
    }

    /** The polling path's detections. */
    public DetectionPath pollPath() {
        return pollPath;
    }

    /** The last block each path has fully processed: {@code [ws, poll]}. */
    public long[] processedThrough() {
        return new long[] {wsHead.get(), pollCursor.get()};
    }

    /** Requests the WebSocket path made over the socket (subscriptions, pings excluded). */
    public long wsSocketRequests() {
        return ws.stats().requests();
    }

    public void awaitConnected(Duration timeout) {
        ws.awaitConnected(timeout);
    }

    public ConnectionState wsState() {
        return ws.state();
    }

    private <T> SubscriptionListener<T> listener(java.util.function.Consumer<T> onEvent) {
        return new SubscriptionListener<>() {
            @Override
            public void onEvent(T event) {
                onEvent.accept(event);
            }

            @Override
            public void onGap(Gap gap) {
                log.warn("ws path: gap {}", gap);
                wsPath.errors.incrementAndGet();
            }
        };
    }

    private void onLog(LogEvent e) {
        if (e.removed() || e.topics().size() != 3) {
            return;
        }
        Address from = topicAddress(e.topics().get(1));
        Address to = topicAddress(e.topics().get(2));
        if (watched.contains(from) || watched.contains(to)) {
            wsPath.detected(
                    new Transfer(
                            e.transactionHash(),
                            e.logIndex(),
                            e.blockNumber(),
                            Optional.of(e.address()),
                            from,
                            to,
                            new BigInteger(1, io.mevkit.core.Hex.decode(e.data()))),
                    nanoTime.getAsLong());
        }
    }

    private void onHead(Head head) {
        // the head may arrive (live or backfilled) while the node's HTTP side is still coming back: retry the block
        // read, bounded, on this subscription's own delivery thread, so heads stay in order and none is skipped
        long deadline = nanoTime.getAsLong() + HEAD_READ_BOUND.toNanos();
        while (true) {
            try {
                Block block = wsRpc.getBlockByNumber(BlockTag.number(head.number()), true)
                        .orElseThrow(() -> new IllegalStateException("block " + head.number() + " not found"));
                native_(block, wsPath);
                break;
            } catch (RuntimeException e) {
                wsPath.errors.incrementAndGet();
                if (nanoTime.getAsLong() > deadline) {
                    log.warn(
                            "ws path: block {} unreadable, its native transfers are lost: {}",
                            head.number(),
                            e.toString());
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        wsHead.accumulateAndGet(head.number(), Math::max);
    }

    private void pollOnce() {
        try {
            long head = pollRpc.blockNumber();
            long from = pollCursor.get() + 1;
            if (head >= from) {
                List<Log> logs = pollRpc.getLogs(io.mevkit.core.rpc.LogFilter.builder()
                        .fromBlock(BlockTag.number(from))
                        .toBlock(BlockTag.number(head))
                        .address(tokens.toArray(Address[]::new))
                        .topic(0, TRANSFER)
                        .build());
                for (Log l : logs) {
                    if (l.removed() || l.topics().size() != 3) {
                        continue;
                    }
                    Address src = topicAddress(l.topics().get(1));
                    Address dst = topicAddress(l.topics().get(2));
                    if (watched.contains(src) || watched.contains(dst)) {
                        pollPath.detected(
                                new Transfer(
                                        l.transactionHash().orElseThrow(),
                                        (int) l.logIndex().orElseThrow(),
                                        l.blockNumber().orElseThrow(),
                                        Optional.of(l.address()),
                                        src,
                                        dst,
                                        new BigInteger(1, l.dataBytes())),
                                nanoTime.getAsLong());
                    }
                }
                for (long n = from; n <= head; n++) {
                    native_(pollRpc.getBlockByNumber(BlockTag.number(n), true).orElseThrow(), pollPath);
                    pollCursor.set(n);
                }
            }
            if (pollFailing) {
                pollFailing = false;
                pollPath.reconnects.incrementAndGet();
            }
        } catch (RuntimeException e) {
            pollPath.errors.incrementAndGet();
            if (!pollFailing) {
                log.info(
                        "poll path: node unreachable ({}), retrying from block {}", e.toString(), pollCursor.get() + 1);
            }
            pollFailing = true;
        }
    }

    private void native_(Block block, DetectionPath path) {
        for (Transaction tx : block.transactions()) {
            if (tx.value().signum() == 0 || tx.to().isEmpty()) {
                continue;
            }
            if (watched.contains(tx.from()) || watched.contains(tx.to().get())) {
                path.detected(
                        new Transfer(
                                tx.hash(),
                                -1,
                                block.number(),
                                Optional.empty(),
                                tx.from(),
                                tx.to().get(),
                                tx.value()),
                        nanoTime.getAsLong());
            }
        }
    }

    private static Address topicAddress(Hash topic) {
        return Address.of(io.mevkit.core.Hex.encode(java.util.Arrays.copyOfRange(topic.bytes(), 12, 32)));
    }

    private static RpcClient rpc(Builder b, DetectionPath path) {
        return RpcClient.builder()
                .chain(b.chain)
                .endpoint(b.httpUrl)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(1)
                // a node that restarts is back within a second: probe it again soon (the default waits 10 s)
                .circuitBreakers(() -> dev.failsafe.CircuitBreaker.builder()
                        .withFailureThreshold(5)
                        .withDelay(Duration.ofMillis(500))
                        .withSuccessThreshold(1)
                        .build())
                .addListener(new RpcListener() {
                    @Override
                    public void onExchange(Exchange exchange) {
                        path.requests.incrementAndGet();
                    }
                })
                .build();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ws.close();
        wsRpc.close();
        pollRpc.close();
    }

    /** Configures a {@link WalletMonitor}; {@link #build()} validates and starts both paths. */
    public static final class Builder {
        private Set<Address> watched = Set.of();
        private List<Address> tokens = List.of();
        private String httpUrl;
        private String wsUrl;
        private Chain chain = io.mevkit.core.Chains.ANVIL;
        private Duration pollInterval = Duration.ofMillis(100);
        private LongSupplier nanoTime = System::nanoTime;
        private RandomGenerator random = new java.util.SplittableRandom(1);

        private Builder() {}

        public Builder watch(Set<Address> addresses) {
            this.watched = Set.copyOf(addresses);
            return this;
        }

        public Builder tokens(List<Address> contracts) {
            this.tokens = List.copyOf(contracts);
            return this;
        }

        public Builder node(String httpUrl, String wsUrl) {
            this.httpUrl = Objects.requireNonNull(httpUrl, "httpUrl");
            this.wsUrl = Objects.requireNonNull(wsUrl, "wsUrl");
            return this;
        }

        public Builder chain(Chain chain) {
            this.chain = Objects.requireNonNull(chain, "chain");
            return this;
        }

        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.toMillis() < 1) {
                throw new io.mevkit.core.ValidationException("pollInterval", interval, "must be at least 1 ms");
            }
            this.pollInterval = interval;
            return this;
        }

        public Builder nanoTime(LongSupplier ticker) {
            this.nanoTime = Objects.requireNonNull(ticker, "nanoTime");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public WalletMonitor build() {
            if (watched.isEmpty()) {
                throw new io.mevkit.core.ValidationException("watch", watched, "must name at least one address");
            }
            if (httpUrl == null) {
                throw new io.mevkit.core.ValidationException("node", null, "is required");
            }
            return new WalletMonitor(this);
        }
    }
}
