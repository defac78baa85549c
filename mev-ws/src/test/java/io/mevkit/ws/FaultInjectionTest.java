package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * At least 200 random TCP faults (blackhole, RST, delay, cut mid-frame) from a seeded proxy, plus server closes with
 * 1001 and 1011, subscription errors, slow handshakes, malformed and oversize frames, while blocks with logs are
 * produced: every block number must arrive exactly once and in order, or inside a typed Gap where the HTTP source lacks
 * the block too, and the subscription handles must survive. The seed is printed on failure; replay with
 * {@code -Dmevkit.faultSeed=<seed>}.
 */
class FaultInjectionTest {
    private static final int PROXY_FAULTS = 200;
    private static final Duration BUDGET = Duration.ofSeconds(100);

    @Test
    void everyBlockArrivesExactlyOnceAndInOrderThroughRandomFaults() throws Exception {
        long seed = Long.getLong("mevkit.faultSeed", System.nanoTime());
        try {
            run(seed);
        } catch (Throwable t) {
            throw new AssertionError(
                    "fault injection failed with seed " + seed + " (replay with -Dmevkit.faultSeed=" + seed + ")", t);
        }
    }

    private void run(long seed) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        FakeChain chain = new FakeChain(seed);
        try (FakeNode node = new FakeNode(chain, 31337);
                FaultProxy proxy = new FaultProxy(node.port(), seed);
                WsClient client = WsClientTest.fast(
                                Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/ws", node.httpUrl()))
                        .heartbeat(Duration.ofMillis(60))
                        .connectTimeout(Duration.ofMillis(250))
                        .circuitBreaker(4, Duration.ofMillis(50))
                        .pollingAfter(Duration.ofMillis(300))
                        .pollInterval(Duration.ofMillis(50))
                        .maxMessageBytes(64 * 1024)
                        .random(new SplittableRandom(seed))
                        .build()) {
            Recorder<Head> heads = new Recorder<>();
            Recorder<LogEvent> logs = new Recorder<>();
            Subscription<Head> headSub = client.subscribeNewHeads(heads);
            Subscription<LogEvent> logSub =
                    client.subscribeLogs(LogFilter.address(Address.of(FakeChain.CONTRACT)), logs);
            client.awaitConnected(WsClientTest.WAIT);
            WsClientTest.awaitSubscriptionLive(client, logSub, node);
            WsClientTest.awaitHeadsAnchored(client, headSub);
            long startHead = chain.head();
            long headId = headSub.id();

            long deadline = System.nanoTime() + BUDGET.toNanos();
            int serverFaults = 0;
            int iterations = 0;
            while (proxy.injectedTotal() < PROXY_FAULTS) {
                assertTrue(System.nanoTime() < deadline, "fault loop exceeded its budget after " + iterations);
                iterations++;
                proxy.clearDelay();
                chain.mine(rnd.nextInt(3));
                if (rnd.nextInt(25) == 0) {
                    // a block about to be mined that the HTTP source will not have
                    node.httpLacks.add(chain.head() + 1 + rnd.nextInt(3));
                }
                if (rnd.nextInt(10) != 0) {
                    awaitConnected(client);
                    chain.mine(rnd.nextInt(2));
                } else {
                    WsClientTest.sleep(rnd.nextInt(15));
                }
                long drops = client.stats().drops();
                boolean dropExpected = true;
                int dice = rnd.nextInt(100);
                if (dice < 25) {
                    proxy.inject(FaultProxy.Fault.RST);
                } else if (dice < 50) {
                    proxy.inject(FaultProxy.Fault.CUT_MID_FRAME);
                    chain.mine(); // traffic for the cut to land in
                } else if (dice < 62) {
                    proxy.inject(FaultProxy.Fault.BLACKHOLE);
                } else if (dice < 75) {
                    proxy.inject(FaultProxy.Fault.DELAY);
                    WsClientTest.sleep(rnd.nextInt(60));
                    dropExpected = false; // the link may survive a delay
                } else {
                    serverFaults++;
                    if (dice < 80) {
                        node.closeAll(1001, "going away");
                    } else if (dice < 85) {
                        node.closeAll(1011, "internal error");
                    } else if (dice < 89) {
                        node.subscribeErrorCode = -32000;
                        node.failSubscribes.set(1 + rnd.nextInt(2));
                        node.closeAll(1001, "going away");
                    } else if (dice < 92) {
                        node.slowHandshakeMillis = 350;
                        node.slowHandshakes.set(1);
                        node.closeAll(1011, "restarting");
                    } else if (dice < 96) {
                        node.sendRaw(rnd.nextBoolean() ? "{\"jsonrpc\":\"2.0\",\"id\":" : "\u0000\u0001garbage");
                        dropExpected = false;
                    } else {
                        node.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"" + "f".repeat(70_000) + "\"}");
                        dropExpected = false;
                    }
                }
                // let the client notice before the next fault, so each fault meets a live socket
                awaitDrop(client, drops, dropExpected ? 500 : 30);
            }
            proxy.clearDelay();
            node.failSubscribes.set(0);
            node.slowHandshakes.set(0);
            awaitConnected(client);
            chain.mine(3);
            long end = chain.head();
            heads.await(
                    items -> covered(items) >= end,
                    Duration.ofSeconds(30),
                    "every block through " + end + " (seed " + seed + ")");
            List<FakeChain.Log> all = chain.logs(startHead + 1, end, FakeChain.CONTRACT);
            logs.await(
                    items -> lastLogBlock(items) >= lastBlockOf(all),
                    Duration.ofSeconds(30),
                    "every log through block " + lastBlockOf(all));

            WsStats stats = client.stats();
            System.out.printf(
                    "fault injection (seed %d): %d proxy faults (%d RST, %d cut, %d blackhole, %d delay), %d server"
                            + " faults, %d blocks, %d drops, %d reconnects, %d backfilled, %d gaps, %d malformed, %d oversize,"
                            + " polling cycles %d%n",
                    seed,
                    proxy.injectedTotal(),
                    proxy.injected(FaultProxy.Fault.RST),
                    proxy.injected(FaultProxy.Fault.CUT_MID_FRAME),
                    proxy.injected(FaultProxy.Fault.BLACKHOLE),
                    proxy.injected(FaultProxy.Fault.DELAY),
                    serverFaults,
                    end - startHead,
                    stats.drops(),
                    stats.reconnects(),
                    stats.backfilledEvents(),
                    stats.gaps(),
                    stats.malformedFrames(),
                    stats.oversizeMessages(),
                    stats.pollCycles());
            Set<Long> lacking = new TreeSet<>(node.httpLacks);
            checkHeads(heads.items(), startHead + 1, end, lacking, chain);
            checkLogs(logs.items(), all, lacking);

            assertTrue(headSub.isActive() && logSub.isActive(), "the handles survived");
            assertEquals(headId, headSub.id());
            assertTrue(proxy.injectedTotal() >= PROXY_FAULTS);
            assertTrue(serverFaults > 0);
            // most faults hit a live socket (a few land while it is already down, or are delays it survives)
            assertTrue(stats.reconnects() >= PROXY_FAULTS / 2, "reconnects: " + stats.reconnects());
            assertTrue(stats.malformedFrames() + stats.oversizeMessages() > 0);
            for (SubscriptionStats s : stats.subscriptions()) {
                assertEquals(s.produced(), s.delivered() + s.buffered() + s.dropped(), s.toString());
                assertEquals(0, s.dropped(), s.toString());
            }
        }
    }

    private static void awaitDrop(WsClient client, long before, long maxMillis) {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (client.stats().drops() == before && System.nanoTime() < deadline) {
            WsClientTest.sleep(1);
        }
    }

    private static void awaitConnected(WsClient client) {
        client.awaitConnected(Duration.ofSeconds(15));
    }

    /** Heads and gaps tile [first, end] exactly: no number twice, none missing, in order. */
    private static void checkHeads(List<Object> items, long first, long end, Set<Long> lacking, FakeChain chain) {
        long next = first;
        for (Object item : items) {
            if (item instanceof Head h) {
                assertEquals(next, h.number(), "head out of order or repeated");
                assertEquals(Hash.of(chain.block(h.number()).hash()), h.hash());
                next++;
            } else {
                Gap g = (Gap) item;
                assertEquals(next, g.fromBlock(), "gap out of order: " + g);
                assertEquals(Gap.Reason.BACKFILL_UNAVAILABLE, g.reason());
                for (long n = g.fromBlock(); n <= g.toBlock(); n++) {
                    assertTrue(lacking.contains(n), "gap over block " + n + " which the HTTP source has: " + g);
                }
                next = g.toBlock() + 1;
            }
        }
        assertEquals(end + 1, next, "heads end at " + (next - 1) + ", the chain at " + end);
    }

    /** Logs arrive once each, ordered by block and index; the only missing ones lie inside gaps of lacking blocks. */
    private static void checkLogs(List<Object> items, List<FakeChain.Log> all, Set<Long> lacking) {
        List<Gap> gaps = new ArrayList<>();
        List<String> delivered = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof LogEvent l) {
                assertTrue(!l.removed(), "no reorg in this test");
                delivered.add(l.blockNumber() + ":" + l.logIndex());
            } else {
                Gap g = (Gap) item;
                gaps.add(g);
                for (long n = g.fromBlock(); n <= g.toBlock(); n++) {
                    assertTrue(lacking.contains(n), "log gap over block " + n + " which the HTTP source has: " + g);
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (FakeChain.Log log : all) {
            boolean inGap = gaps.stream().anyMatch(g -> g.fromBlock() <= log.block() && log.block() <= g.toBlock());
            if (!inGap || delivered.contains(log.block() + ":" + log.logIndex())) {
                expected.add(log.block() + ":" + log.logIndex());
            }
        }
        assertEquals(expected, delivered);
    }

    private static long covered(List<Object> items) {
        if (items.isEmpty()) {
            return -1;
        }
        Object last = items.get(items.size() - 1);
        return last instanceof Head h ? h.number() : ((Gap) last).toBlock();
    }

    private static long lastLogBlock(List<Object> items) {
        long max = -1;
        for (Object item : items) {
            max = Math.max(max, item instanceof LogEvent l ? l.blockNumber() : ((Gap) item).toBlock());
        }
        return max;
    }

    private static long lastBlockOf(List<FakeChain.Log> logs) {
        return logs.isEmpty() ? -1 : logs.get(logs.size() - 1).block();
    }
}
