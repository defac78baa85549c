package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.examples.config.Durations;
import io.mevkit.ws.Gap;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.PendingTransaction;
import io.mevkit.ws.Subscription;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionStats;
import io.mevkit.ws.WsClient;
import io.mevkit.ws.WsException;
import io.mevkit.ws.WsStats;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit watch heads|logs|pending}: a gap-free stream through mev-ws (missed heads and logs backfilled after a
 * reconnect, duplicates dropped, unfillable ranges reported as gaps), one line per event with live counters.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = "Stream heads, logs or pending transactions over the WebSocket (--ws), gap-free.",
        subcommands = {WatchCommand.Heads.class, WatchCommand.Logs.class, WatchCommand.Pending.class})
public final class WatchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: heads, logs or pending");
    }

    /** How long a watch runs. */
    static final class Bounds {
        @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
        Long count;

        @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (e.g. 30s).")
        String duration;
    }

    /** {@code watch heads}. */
    @Command(name = "heads", mixinStandardHelpOptions = true, description = "New block headers.")
    static final class Heads implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Bounds bounds;

        @Override
        public Integer call() {
            return watch(spec, bounds, (client, listener) -> client.subscribeNewHeads(listener), (Head h) -> {
                ObjectNode o = jsonBase("head", h.number());
                o.put("hash", h.hash().hex());
                o.put("parentHash", h.parentHash().hex());
                o.put("timestamp", h.timestamp());
                h.baseFeePerGas().ifPresent(f -> o.put("baseFeePerGas", f.toString()));
                o.put("gasUsed", h.gasUsed());
                return new Line(
                        "head " + h.number() + " " + h.hash().hex() + " base fee "
                                + h.baseFeePerGas().map(WatchCommand::gwei).orElse("-") + " gas used " + h.gasUsed(),
                        o);
            });
        }
    }

    /** {@code watch logs}. */
    @Command(
            name = "logs",
            mixinStandardHelpOptions = true,
            description = "Logs matching a filter (removed ones marked).")
    static final class Logs implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Bounds bounds;

        @Option(
                names = "--address",
                paramLabel = "ADDRESS",
                converter = Converters.AddressConverter.class,
                description = "Emitting contract (repeatable; default: any).")
        List<Address> addresses = new ArrayList<>();

        @Option(
                names = "--topic0",
                paramLabel = "HASH",
                converter = Converters.HashConverter.class,
                description = "Event signature hash (repeatable: any of them).")
        List<Hash> topics = new ArrayList<>();

        @Override
        public Integer call() {
            LogFilter filter =
                    addresses.isEmpty() ? LogFilter.any() : LogFilter.address(addresses.toArray(Address[]::new));
            if (!topics.isEmpty()) {
                filter = filter.withTopic(0, topics.toArray(Hash[]::new));
            }
            LogFilter f = filter;
            return watch(spec, bounds, (client, listener) -> client.subscribeLogs(f, listener), (LogEvent e) -> {
                ObjectNode o = jsonBase("log", e.blockNumber());
                o.put("address", e.address().toString());
                o.put("transactionHash", e.transactionHash().hex());
                o.put("logIndex", e.logIndex());
                o.put("removed", e.removed());
                o.putArray("topics")
                        .addAll(e.topics().stream()
                                .map(t -> o.textNode(t.hex()))
                                .toList());
                o.put("data", e.data());
                return new Line(
                        (e.removed() ? "REMOVED log " : "log ") + e.blockNumber() + ":" + e.logIndex() + " "
                                + e.address() + " tx " + e.transactionHash().hex(),
                        o);
            });
        }
    }

    /** {@code watch pending}. */
    @Command(
            name = "pending",
            mixinStandardHelpOptions = true,
            description = "Pending transactions in the node's mempool.")
    static final class Pending implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Bounds bounds;

        @Option(names = "--hashes-only", description = "Subscribe to hashes only (cheaper; not all nodes send bodies).")
        boolean hashesOnly;

        @Override
        public Integer call() {
            if (hashesOnly) {
                return watch(
                        spec,
                        bounds,
                        (client, listener) -> client.subscribePendingTransactionHashes(listener),
                        (Hash h) -> {
                            ObjectNode o = jsonBase("pendingHash", -1);
                            o.put("hash", h.hex());
                            return new Line("pending " + h.hex(), o);
                        });
            }
            return watch(
                    spec,
                    bounds,
                    (client, listener) -> client.subscribePendingTransactions(listener),
                    (PendingTransaction t) -> {
                        ObjectNode o = jsonBase("pending", -1);
                        o.put("hash", t.hash().hex());
                        o.put("from", t.from().toString());
                        t.to().ifPresent(to -> o.put("to", to.toString()));
                        o.put("nonce", t.nonce());
                        o.put("value", t.value().toString());
                        o.put("gas", t.gas());
                        o.put("selector", t.input().length() >= 10 ? t.input().substring(0, 10) : t.input());
                        return new Line(
                                "pending " + t.hash().hex() + " from " + t.from() + " to "
                                        + t.to().map(Address::toString).orElse("(create)") + " nonce " + t.nonce()
                                        + " value " + t.value() + " wei",
                                o);
                    });
        }
    }

    private record Line(String text, ObjectNode json) {}

    @FunctionalInterface
    private interface Subscriber<T> {
        Subscription<T> subscribe(WsClient client, SubscriptionListener<T> listener);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private static ObjectNode jsonBase(String type, long block) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", type);
        if (block >= 0) {
            o.put("block", block);
        }
        return o;
    }

    static String gwei(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString() + " gwei";
    }

    private static <T> int watch(CommandSpec spec, Bounds bounds, Subscriber<T> subscriber, Function<T, Line> render) {
        CliContext ctx = CliContext.of(spec);
        if (bounds.count != null && bounds.count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1 but was " + bounds.count);
        }
        Duration duration = bounds.duration == null
                ? null
                : Durations.parse(bounds.duration)
                        .orElseThrow(() -> new ParameterException(
                                spec.commandLine(),
                                "--duration must be a duration such as 30s but was '" + bounds.duration + "'"));
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        AtomicLong gaps = new AtomicLong();
        AtomicReference<WsException> failure = new AtomicReference<>();
        try (WsClient client = ctx.config().wsClientBuilder().build()) {
            client.awaitConnected(ctx.config().ws().connectTimeout());
            AtomicReference<Subscription<T>> handle = new AtomicReference<>();
            SubscriptionListener<T> listener = new SubscriptionListener<>() {
                @Override
                public void onEvent(T event) {
                    if (done.getCount() == 0) {
                        return;
                    }
                    long n = seen.incrementAndGet();
                    Line line = render.apply(event);
                    Subscription<T> s = handle.get();
                    if (ctx.json()) {
                        line.json()
                                .set("counters", counters(client.stats(), s == null ? null : s.stats(), n, gaps.get()));
                        ctx.printJson(line.json());
                    } else {
                        ctx.out()
                                .println(line.text() + "  "
                                        + countersText(client.stats(), s == null ? null : s.stats(), n, gaps.get()));
                        ctx.out().flush();
                    }
                    if (bounds.count != null && n >= bounds.count) {
                        done.countDown();
                    }
                }

                @Override
                public void onGap(Gap gap) {
                    gaps.incrementAndGet();
                    if (ctx.json()) {
                        ObjectNode o = jsonBase("gap", gap.fromBlock());
                        o.put("toBlock", gap.toBlock());
                        o.put("reason", gap.reason().name());
                        ctx.printJson(o);
                    } else {
                        ctx.out().printf("GAP blocks %d..%d (%s)%n", gap.fromBlock(), gap.toBlock(), gap.reason());
                        ctx.out().flush();
                    }
                }

                @Override
                public void onError(WsException error) {
                    failure.set(error);
                    done.countDown();
                }
            };
            Subscription<T> subscription = subscriber.subscribe(client, listener);
            handle.set(subscription);
            subscription.ready().join();
            try {
                if (duration == null) {
                    done.await();
                } else {
                    done.await(duration.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.INTERRUPTED;
            }
            subscription.unsubscribe();
            if (failure.get() != null) {
                throw failure.get();
            }
            ctx.status("watched " + seen.get() + " events, " + gaps.get() + " gaps, "
                    + client.stats().reconnects() + " reconnects");
            return ExitCodes.OK;
        }
    }

    private static ObjectNode counters(WsStats client, SubscriptionStats sub, long seen, long gaps) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("seen", seen);
        o.put("backfilled", sub == null ? 0 : sub.backfilled());
        o.put("duplicates", sub == null ? 0 : sub.duplicates());
        o.put("dropped", sub == null ? 0 : sub.dropped());
        o.put("gaps", gaps);
        o.put("reconnects", client.reconnects());
        o.put("polling", client.polling());
        return o;
    }

    private static String countersText(WsStats client, SubscriptionStats sub, long seen, long gaps) {
        return "[seen " + seen + ", backfilled " + (sub == null ? 0 : sub.backfilled()) + ", duplicates "
                + (sub == null ? 0 : sub.duplicates()) + ", gaps " + gaps + ", reconnects " + client.reconnects()
                + (client.polling() ? ", POLLING" : "") + "]";
    }
}
