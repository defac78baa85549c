package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hash;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Gap;
import io.mevkit.ws.Head;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code newHeads}: delivers every block number once and in order. A head that skips numbers, or whose parent is not
 * the last delivered head, triggers a catch-up from the backfill source; a reorg rewinds to the common ancestor
 * (within the reorg window) and delivers the new canonical heads for the replaced heights. Blocks the source lacks
 * become {@link Gap}s.
 */
final class HeadSubscription extends GapFreeSubscription<Head> {
    private static final Logger LOG = LoggerFactory.getLogger(HeadSubscription.class);

    // guarded by this
    private long lastNumber = -1;
    private @Nullable Hash lastHash;
    private final TreeMap<Long, Hash> window = new TreeMap<>();
    private boolean reorgSuspected;
    private int reorgRetries;

    HeadSubscription(SubscriptionHost host, long id, SubscriptionOptions options, SubscriptionListener<Head> listener) {
        super(host, id, SubscriptionKind.NEW_HEADS, Json.params("newHeads"), options, listener);
    }

    @Override
    Head decode(JsonNode result) {
        Head head = Json.head(result);
        host.observedHead(head.number());
        return head;
    }

    @Override
    long blockOf(Head event) {
        return event.number();
    }

    @Override
    public synchronized long lastBlock() {
        return lastNumber;
    }

    @Override
    void processLive(Head h) {
        if (lastNumber < 0) {
            deliver(h, false);
            return;
        }
        Hash known = window.get(h.number());
        if (known != null && known.equals(h.hash())) {
            duplicate();
            return;
        }
        if (h.number() <= lastNumber && known == null && inDeliveredGap(h.number())) {
            // the socket delivered it after its gap was reported: delivering it now would break the order
            duplicate();
            return;
        }
        if (h.number() > lastNumber + 1) {
            holdAndCatchUp(h, h.number() - 1);
            return;
        }
        if (h.number() == lastNumber + 1) {
            if (lastHash == null || lastHash.equals(h.parentHash()) || reorgRetries >= 2) {
                deliver(h, false);
            } else {
                reorgSuspected = true;
                reorgRetries++;
                holdAndCatchUp(h, h.number() - 1);
            }
            return;
        }
        // a height already delivered, with another hash: a reorg the node reports as it happens
        if (window.isEmpty() || h.number() < window.firstKey()) {
            duplicate(); // older than anything we can relate it to
            return;
        }
        Hash parent = window.get(h.number() - 1);
        if ((parent != null && parent.equals(h.parentHash())) || reorgRetries >= 2) {
            window.tailMap(h.number(), true).clear();
            host.reorgDetected(h.number());
            deliver(h, false);
        } else {
            reorgSuspected = true;
            reorgRetries++;
            holdAndCatchUp(h, h.number() - 1);
        }
    }

    @Override
    void catchUp(long head) {
        BackfillSource source = host.backfillSource();
        long from;
        synchronized (this) {
            takeSuspects(Long.MAX_VALUE); // heads are whole: a block's head cannot arrive half
            if (lastNumber < 0) {
                // first catch-up: the subscription starts after the node's current head
                lastNumber = head;
                lastHash = null;
                return;
            }
            from = lastNumber + 1;
        }
        boolean suspected;
        long tip;
        Hash tipHash;
        synchronized (this) {
            suspected = reorgSuspected;
            reorgSuspected = false;
            tip = lastNumber;
            tipHash = lastHash;
        }
        if (!suspected && tipHash != null && head >= tip) {
            // a reorg while we were away may have replaced the last head we delivered, even with no new height
            Optional<Head> canonical = fetch(source, tip);
            suspected = canonical.isPresent() && !canonical.get().hash().equals(tipHash);
        }
        if (suspected) {
            from = rewind(source, head);
        }
        int cap = host.settings().maxBackfillBlocks();
        if (head - from + 1 > cap) {
            long skipTo = head - cap;
            deliverGapLocked(new Gap(from, skipTo, Gap.Reason.BACKFILL_LIMIT));
            from = skipTo + 1;
        }
        long gapStart = -1;
        int rewinds = 0;
        long n = from;
        while (n <= head && isActive()) {
            long number = n;
            Optional<Head> block = fetch(source, number);
            boolean fromSocket = false;
            if (block.isEmpty()) {
                // the source lacks it, but the socket may have delivered it meanwhile
                List<Head> live = takeHeld(h -> h.number() == number);
                if (!live.isEmpty()) {
                    block = Optional.of(live.get(live.size() - 1));
                    fromSocket = true;
                }
            }
            if (block.isEmpty()) {
                if (!isConnected()) {
                    break; // maybe the same outage: the next catch-up tries again from here
                }
                if (gapStart < 0) {
                    gapStart = n;
                }
                n++;
                continue;
            }
            if (gapStart >= 0) {
                deliverGapLocked(new Gap(gapStart, n - 1, Gap.Reason.BACKFILL_UNAVAILABLE));
                gapStart = -1;
            }
            Head b = block.get();
            boolean linked;
            synchronized (this) {
                linked = lastHash == null || lastHash.equals(b.parentHash()) || b.number() != lastNumber + 1;
            }
            if (!linked && rewinds < 2) {
                rewinds++;
                n = rewind(source, head);
                continue;
            }
            synchronized (this) {
                if (b.number() == lastNumber + 1 || b.number() <= lastNumber) {
                    window.tailMap(b.number(), true).clear();
                    deliver(b, !fromSocket);
                }
            }
            n++;
        }
        if (gapStart >= 0 && n > head) {
            deliverGapLocked(new Gap(gapStart, head, Gap.Reason.BACKFILL_UNAVAILABLE));
        }
    }

    /**
     * Walks back from the last delivered head until the source's block at a height matches the hash delivered
     * there; returns the first height to deliver again.
     */
    private long rewind(BackfillSource source, long head) {
        long k;
        synchronized (this) {
            k = Math.min(lastNumber, head);
        }
        int steps = 0;
        while (k >= 0 && steps < host.settings().reorgWindow()) {
            Hash known;
            synchronized (this) {
                known = window.get(k);
            }
            if (known == null) {
                break;
            }
            long height = k;
            Optional<Head> canonical = fetch(source, height);
            if (canonical.isEmpty() || canonical.get().hash().equals(known)) {
                break; // the ancestor, or a height the source cannot tell us about: stop there
            }
            k--;
            steps++;
        }
        synchronized (this) {
            boolean replaced = lastNumber > k;
            window.tailMap(k + 1, true).clear();
            lastNumber = k;
            lastHash = window.get(k);
            if (replaced) {
                host.reorgDetected(k + 1);
            }
            return k + 1;
        }
    }

    private Optional<Head> fetch(BackfillSource source, long number) {
        try {
            return withRetries(() -> source.blockByNumber(number));
        } catch (RuntimeException e) {
            LOG.debug("{} could not fetch block {} from {}", this, number, source, e);
            return Optional.empty();
        }
    }

    private synchronized void deliverGapLocked(Gap gap) {
        lastNumber = Math.max(lastNumber, gap.toBlock());
        lastHash = null;
        deliverAndRememberGap(gap);
    }

    /** Lock held. */
    private void deliver(Head h, boolean fromBackfill) {
        if (lastHash != null && h.number() == lastNumber + 1 && lastHash.equals(h.parentHash())) {
            reorgRetries = 0;
        }
        lastNumber = h.number();
        lastHash = h.hash();
        window.put(h.number(), h.hash());
        while (window.size() > host.settings().reorgWindow()) {
            window.pollFirstEntry();
        }
        host.observedHead(h.number());
        deliverEvent(h, fromBackfill);
    }
}
