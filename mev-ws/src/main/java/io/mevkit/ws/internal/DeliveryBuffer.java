package io.mevkit.ws.internal;

import io.mevkit.ws.OverflowPolicy;
import io.mevkit.ws.WsException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's bounded buffer between the producer (the socket's reader thread or a backfill worker) and its
 * listener, drained one item at a time on an executor so that the reader never runs listener code.
 *
 * <p>Every counter changes under one lock, so {@code produced == delivered + buffered + dropped} and
 * {@code buffered <= capacity} hold in every {@link #snapshot()}. An item counts as delivered when it leaves the buffer
 * for the listener. Thread-safe.
 */
public final class DeliveryBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBuffer.class);

    /** Where items go, and the buffer's owner's hooks. */
    public interface Sink {
        /** Called on the executor, one item at a time, in order. */
        void deliver(Object item);

        /** Called on the executor once, after every buffered item, when the buffer was terminated with an error. */
        void terminated(WsException error);

        /** Called on the producer's thread when {@link OverflowPolicy#FAIL} closed the buffer. */
        void overflowFailed();
    }

    /** A consistent view of the counters. */
    public record Snapshot(long produced, long delivered, long buffered, long dropped) {}

    private final int capacity;
    private final OverflowPolicy policy;
    private final Executor executor;
    private final Sink sink;
    private final ArrayDeque<Object> queue;
    private long produced;
    private long delivered;
    private long dropped;
    private boolean scheduled;
    private boolean closed;
    private @Nullable WsException terminal;
    private boolean terminalReported;

    public DeliveryBuffer(int capacity, OverflowPolicy policy, Executor executor, Sink sink) {
        this.capacity = capacity;
        this.policy = policy;
        this.executor = executor;
        this.sink = sink;
        this.queue = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /**
     * Buffers {@code item}, applying the overflow policy when full.
     *
     * @return how many items this call discarded (0 when there was room)
     */
    public long offer(Object item) {
        long discarded = 0;
        boolean schedule = false;
        boolean failedNow = false;
        synchronized (this) {
            produced++;
            if (closed) {
                dropped++;
                return 1;
            }
            if (queue.size() >= capacity) {
                switch (policy) {
                    case DROP_OLDEST -> {
                        queue.pollFirst();
                        queue.addLast(item);
                        discarded = 1;
                    }
                    case KEEP_LATEST -> {
                        discarded = queue.size();
                        queue.clear();
                        queue.addLast(item);
                    }
                    case FAIL -> {
                        discarded = 1;
                        closed = true;
                        failedNow = true;
                    }
                }
                dropped += discarded;
            } else {
                queue.addLast(item);
            }
            if (!scheduled && !queue.isEmpty()) {
                scheduled = true;
                schedule = true;
            }
        }
        if (failedNow) {
            sink.overflowFailed();
        }
        if (schedule) {
            submitDrain();
        }
        return discarded;
    }

    /**
     * Stops accepting items; those buffered are still delivered, then {@link Sink#terminated(WsException)} is called.
     */
    public void terminate(WsException error) {
        boolean schedule = false;
        synchronized (this) {
            if (terminal != null) {
                return;
            }
            closed = true;
            terminal = error;
            if (!scheduled) {
                scheduled = true;
                schedule = true;
            }
        }
        if (schedule) {
            submitDrain();
        }
    }

    /** Stops accepting items and discards those buffered (counted as dropped); nothing more reaches the sink. */
    public void discard() {
        synchronized (this) {
            closed = true;
            terminalReported = true;
            dropped += queue.size();
            queue.clear();
        }
    }

    /** Whether the buffer no longer accepts items. */
    public synchronized boolean isClosed() {
        return closed;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(produced, delivered, queue.size(), dropped);
    }

    public int capacity() {
        return capacity;
    }

    private void submitDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            synchronized (this) {
                scheduled = false;
                closed = true;
                dropped += queue.size();
                queue.clear();
            }
        }
    }

    private void drain() {
        while (true) {
            Object item;
            WsException error = null;
            synchronized (this) {
                item = queue.pollFirst();
                if (item == null) {
                    if (terminal != null && !terminalReported) {
                        terminalReported = true;
                        error = terminal;
                    } else {
                        scheduled = false;
                        return;
                    }
                } else {
                    delivered++;
                }
            }
            try {
                if (error != null) {
                    sink.terminated(error);
                } else {
                    sink.deliver(item);
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("a subscription listener threw; delivery continues", e);
            }
        }
    }
}
