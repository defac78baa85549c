package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.mevkit.ws.Gap;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription whose missed events can be fetched again (heads, logs). While the socket is down, and while a
 * backfill runs, live notifications are held; a catch-up to the node's head then fetches the missed range in order,
 * after which the held events are released through the same duplicate filter. One catch-up runs at a time; a newer
 * target extends it.
 *
 * @param <T> the event type
 */
abstract class GapFreeSubscription<T> extends SubscriptionCore<T> {
    private static final Logger LOG = LoggerFactory.getLogger(GapFreeSubscription.class);

    private final RetryPolicy<Object> retry;
    // guarded by this
    private final ArrayDeque<T> held = new ArrayDeque<>();
    private boolean holding = true;
    private boolean connected;
    private long target = -1;
    private long requests;
    private boolean catchUpRunning;
    private long heldOverflowBlock = -1;
    /** Recently delivered gaps: a live event for a block inside one arrived too late to keep the order. */
    private final ArrayDeque<long[]> recentGaps = new ArrayDeque<>();
    /** Blocks whose held events may be incomplete: the last ones held when a socket dropped. */
    private final Set<Long> suspects = new HashSet<>();

    GapFreeSubscription(
            SubscriptionHost host,
            long id,
            SubscriptionKind kind,
            ArrayNode params,
            SubscriptionOptions options,
            SubscriptionListener<T> listener) {
        super(host, id, kind, params, options, listener);
        WsSettings s = host.settings();
        this.retry = RetryPolicy.<Object>builder()
                .handleResultIf(r -> r instanceof Optional<?> o && o.isEmpty())
                .withMaxAttempts(s.backfillAttempts())
                .withDelay(s.backfillRetryDelay())
                .build();
    }

    /** Decodes a notification's result. */
    abstract T decode(JsonNode result);

    /** The block an event belongs to. */
    abstract long blockOf(T event);

    /** Handles one live event; called with the lock held and not holding. */
    abstract void processLive(T event);

    /** Fetches and delivers everything up to {@code head}; called on a worker with no lock held. */
    abstract void catchUp(long head);

    @Override
    public final void onNotification(JsonNode result) {
        T event;
        try {
            event = decode(result);
        } catch (RuntimeException e) {
            host.malformed(kind() + " notification: " + e.getMessage());
            return;
        }
        touched();
        synchronized (this) {
            if (!isActive()) {
                return;
            }
            if (holding) {
                hold(event);
                return;
            }
            processLive(event);
        }
    }

    @Override
    public final void onDisconnected() {
        synchronized (this) {
            connected = false;
            holding = true;
            T last = held.peekLast();
            if (last != null) {
                suspects.add(blockOf(last)); // the socket may have dropped halfway through this block's events
            }
        }
    }

    /**
     * Whether a socket is up. A catch-up declares a gap only then: with the socket down (or while polling), a source
     * failing may be the same outage, and the blocks are tried again by the next catch-up instead.
     */
    final synchronized boolean isConnected() {
        return connected;
    }

    /**
     * Takes the blocks up to {@code head} whose held events may be incomplete. Newer ones stay for the catch-up that
     * reaches them: one still running towards an older head must not consume them. Lock held.
     */
    final Set<Long> takeSuspects(long head) {
        Set<Long> taken = new HashSet<>();
        suspects.removeIf(block -> block <= head && taken.add(block));
        return taken;
    }

    @Override
    public final void onConnected(long head) {
        synchronized (this) {
            connected = true;
        }
        requestCatchUp(head);
    }

    @Override
    public final void onPoll(long head) {
        requestCatchUp(head);
    }

    /** From {@link #processLive}: hold {@code event} and catch up to {@code head} first. Lock held. */
    final void holdAndCatchUp(T event, long head) {
        holding = true;
        held.addFirst(event);
        requestCatchUpLocked(head);
    }

    private void hold(T event) {
        if (held.size() >= host.settings().maxHeldEvents()) {
            // too much arrived during a backfill: forget the oldest held event and catch up through its block later
            T oldest = held.pollFirst();
            if (oldest != null) {
                heldOverflowBlock = Math.max(heldOverflowBlock, blockOf(oldest));
                // where the source lacks that block, the rest of its held events no longer make it whole
                suspects.add(blockOf(oldest));
                LOG.debug(
                        "{} holds {} events: forgot one of block {}, to be fetched again",
                        this,
                        held.size(),
                        blockOf(oldest));
            }
        }
        held.addLast(event);
    }

    final void requestCatchUp(long head) {
        synchronized (this) {
            requestCatchUpLocked(head);
        }
    }

    private void requestCatchUpLocked(long head) {
        holding = true;
        target = Math.max(target, head);
        requests++;
        if (!catchUpRunning && isActive()) {
            catchUpRunning = true;
            try {
                host.worker().execute(this::runCatchUp);
            } catch (RejectedExecutionException shutDown) {
                catchUpRunning = false;
            }
        }
    }

    private void runCatchUp() {
        while (true) {
            long t;
            long seen;
            synchronized (this) {
                t = target;
                seen = requests;
            }
            try {
                if (isActive()) {
                    catchUp(t);
                }
            } catch (RuntimeException e) {
                LOG.debug("backfill of {} to block {} failed", this, t, e);
            }
            synchronized (this) {
                if (requests != seen) {
                    continue;
                }
                if (heldOverflowBlock > t) {
                    target = heldOverflowBlock;
                    heldOverflowBlock = -1;
                    continue;
                }
                if (connected && isActive()) {
                    holding = false;
                    while (!holding && !held.isEmpty()) {
                        processLive(held.pollFirst());
                    }
                }
                if (requests != seen) {
                    continue; // a released event found another gap
                }
                catchUpRunning = false;
                return;
            }
        }
    }

    /**
     * Removes and returns the held live events that {@code take} accepts, in arrival order: a catch-up merges them
     * with what it fetched, so a block the backfill source lacks but the socket delivered is not a gap.
     */
    final synchronized List<T> takeHeld(Predicate<T> take) {
        List<T> taken = new ArrayList<>();
        held.removeIf(event -> {
            if (take.test(event)) {
                taken.add(event);
                return true;
            }
            return false;
        });
        return taken;
    }

    /** Delivers {@code gap} and remembers it, so late live events inside it are recognised. Lock held. */
    final void deliverAndRememberGap(Gap gap) {
        recentGaps.addLast(new long[] {gap.fromBlock(), gap.toBlock()});
        while (recentGaps.size() > 64) {
            recentGaps.pollFirst();
        }
        deliverGap(gap);
    }

    /** Whether {@code block} lies in a gap already delivered. Lock held. */
    final boolean inDeliveredGap(long block) {
        for (long[] g : recentGaps) {
            if (g[0] <= block && block <= g[1]) {
                return true;
            }
        }
        return false;
    }

    /** Calls the backfill source with the configured retries; returns the last result or throws the last error. */
    final <R> R withRetries(Supplier<R> call) {
        return Failsafe.with(retry).get(call::get);
    }
}
