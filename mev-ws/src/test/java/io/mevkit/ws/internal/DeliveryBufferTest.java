package io.mevkit.ws.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.ws.OverflowPolicy;
import io.mevkit.ws.SubscriptionOverflowException;
import io.mevkit.ws.WsException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeliveryBufferTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Records deliveries; the first one blocks until released, to hold the consumer behind. */
    private static final class Sink implements DeliveryBuffer.Sink {
        final List<Object> delivered = new ArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<WsException> terminal = new AtomicReference<>();
        final AtomicBoolean overflowed = new AtomicBoolean();
        volatile DeliveryBuffer buffer;

        @Override
        public void deliver(Object item) {
            entered.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                delivered.add(item);
            }
        }

        @Override
        public void terminated(WsException error) {
            terminal.set(error);
        }

        @Override
        public void overflowFailed() {
            overflowed.set(true);
            buffer.terminate(new SubscriptionOverflowException(1, buffer.capacity()));
        }

        synchronized List<Object> delivered() {
            return new ArrayList<>(delivered);
        }
    }

    private DeliveryBuffer buffer(int capacity, OverflowPolicy policy, Sink sink) {
        DeliveryBuffer buffer = new DeliveryBuffer(capacity, policy, executor, sink);
        sink.buffer = buffer;
        return buffer;
    }

    private static void checkInvariant(DeliveryBuffer.Snapshot s, int capacity) {
        assertEquals(s.produced(), s.delivered() + s.buffered() + s.dropped(), s.toString());
        assertTrue(s.buffered() <= capacity, s.toString());
    }

    private static void awaitDrained(DeliveryBuffer buffer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (buffer.snapshot().buffered() > 0) {
            assertTrue(System.nanoTime() < deadline, "not drained: " + buffer.snapshot());
            Thread.sleep(1);
        }
    }

    @Test
    void dropOldestKeepsTheNewestWindow() throws Exception {
        Sink sink = new Sink();
        DeliveryBuffer buffer = buffer(4, OverflowPolicy.DROP_OLDEST, sink);
        buffer.offer(0);
        assertTrue(sink.entered.await(10, TimeUnit.SECONDS)); // item 0 is with the listener now
        long dropped = 0;
        for (int i = 1; i <= 10; i++) {
            dropped += buffer.offer(i);
            checkInvariant(buffer.snapshot(), 4);
        }
        assertEquals(6, dropped);
        assertEquals(new DeliveryBuffer.Snapshot(11, 1, 4, 6), buffer.snapshot());
        sink.release.countDown();
        awaitDrained(buffer);
        assertEquals(List.of(0, 7, 8, 9, 10), sink.delivered());
        assertEquals(new DeliveryBuffer.Snapshot(11, 5, 0, 6), buffer.snapshot());
    }

    @Test
    void keepLatestConflatesToTheNewestItem() throws Exception {
        Sink sink = new Sink();
        DeliveryBuffer buffer = buffer(4, OverflowPolicy.KEEP_LATEST, sink);
        buffer.offer(0);
        assertTrue(sink.entered.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 4; i++) {
            assertEquals(0, buffer.offer(i));
        }
        assertEquals(4, buffer.offer(5), "a full buffer is emptied for the newest item");
        assertEquals(0, buffer.offer(6));
        checkInvariant(buffer.snapshot(), 4);
        sink.release.countDown();
        awaitDrained(buffer);
        assertEquals(List.of(0, 5, 6), sink.delivered());
        assertEquals(new DeliveryBuffer.Snapshot(7, 3, 0, 4), buffer.snapshot());
    }

    @Test
    void failDeliversWhatIsBufferedThenEndsWithATypedError() throws Exception {
        Sink sink = new Sink();
        DeliveryBuffer buffer = buffer(3, OverflowPolicy.FAIL, sink);
        buffer.offer(0);
        assertTrue(sink.entered.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 3; i++) {
            assertEquals(0, buffer.offer(i));
        }
        assertEquals(1, buffer.offer(4));
        assertTrue(sink.overflowed.get());
        assertEquals(1, buffer.offer(5), "nothing is accepted after the failure, and it is counted");
        checkInvariant(buffer.snapshot(), 3);
        sink.release.countDown();
        awaitDrained(buffer);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sink.terminal.get() == null) {
            assertTrue(System.nanoTime() < deadline);
            Thread.sleep(1);
        }
        assertEquals(List.of(0, 1, 2, 3), sink.delivered());
        assertInstanceOf(SubscriptionOverflowException.class, sink.terminal.get());
        assertEquals(new DeliveryBuffer.Snapshot(6, 4, 0, 2), buffer.snapshot());
    }

    @Test
    void discardCountsWhatWasBufferedAsDropped() throws Exception {
        Sink sink = new Sink();
        DeliveryBuffer buffer = buffer(8, OverflowPolicy.DROP_OLDEST, sink);
        buffer.offer(0);
        assertTrue(sink.entered.await(10, TimeUnit.SECONDS));
        buffer.offer(1);
        buffer.offer(2);
        buffer.discard();
        assertEquals(new DeliveryBuffer.Snapshot(3, 1, 0, 2), buffer.snapshot());
        assertEquals(1, buffer.offer(3));
        sink.release.countDown();
        checkInvariant(buffer.snapshot(), 8);
    }

    /**
     * Several producers against a listener of random speed, with a sampler checking every snapshot: the invariant
     * holds at every instant, for every policy, and each producer's items arrive in its order.
     */
    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    void invariantHoldsUnderConcurrentProducersAndASlowListener(OverflowPolicy policy) throws Exception {
        int capacity = 64;
        int producers = 3;
        int perProducer = 20_000;
        SplittableRandom random = new SplittableRandom(policy.ordinal());
        List<long[]> seen = new ArrayList<>();
        AtomicReference<WsException> terminal = new AtomicReference<>();
        DeliveryBuffer[] holder = new DeliveryBuffer[1];
        DeliveryBuffer.Sink sink = new DeliveryBuffer.Sink() {
            int n;

            @Override
            public void deliver(Object item) {
                seen.add((long[]) item);
                if (++n % 256 == 0) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(0, random.nextInt(200_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void terminated(WsException error) {
                terminal.set(error);
            }

            @Override
            public void overflowFailed() {
                holder[0].terminate(new SubscriptionOverflowException(1, capacity));
            }
        };
        DeliveryBuffer buffer = new DeliveryBuffer(capacity, policy, executor, sink);
        holder[0] = buffer;
        AtomicBoolean done = new AtomicBoolean();
        List<String> violations = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                DeliveryBuffer.Snapshot s = buffer.snapshot();
                if (s.produced() != s.delivered() + s.buffered() + s.dropped() || s.buffered() > capacity) {
                    synchronized (violations) {
                        violations.add(s.toString());
                    }
                }
            }
        });
        sampler.start();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long producer = p;
            Thread t = new Thread(() -> {
                for (long i = 0; i < perProducer; i++) {
                    buffer.offer(new long[] {producer, i});
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!t.isAlive(), "producer stuck");
        }
        awaitDrained(buffer);
        done.set(true);
        sampler.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of(), violations);
        DeliveryBuffer.Snapshot s = buffer.snapshot();
        assertEquals((long) producers * perProducer, s.produced());
        checkInvariant(s, capacity);
        long[] last = new long[producers];
        java.util.Arrays.fill(last, -1);
        synchronized (seen) {
            for (long[] item : seen) {
                assertTrue(item[1] > last[(int) item[0]], "producer " + item[0] + " out of order");
                last[(int) item[0]] = item[1];
            }
            assertEquals(s.delivered(), seen.size());
        }
        if (policy == OverflowPolicy.FAIL && s.dropped() > 0) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (terminal.get() == null) {
                assertTrue(System.nanoTime() < deadline, "no terminal error after an overflow");
                Thread.sleep(1);
            }
        }
    }
}
