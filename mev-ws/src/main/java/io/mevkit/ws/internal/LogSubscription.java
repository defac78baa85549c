package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hash;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Gap;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.SubscriptionKind;
import io.mevkit.ws.SubscriptionListener;
import io.mevkit.ws.SubscriptionOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code logs(filter)}: delivers every matching log once, ordered by block and log index. After a drop it fetches
 * {@code eth_getLogs} from the first block not known complete up to the node's head, in chunks (a failing chunk is
 * split until single blocks remain; those become {@link Gap}s). Logs delivered from blocks a reorg replaced while the
 * socket was down are delivered again with {@code removed: true}, before the new canonical logs.
 */
final class LogSubscription extends GapFreeSubscription<LogEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LogSubscription.class);

    private record Key(Hash blockHash, int logIndex) {}

    /** One entry of a catch-up's output: a log (phase 1), or a gap before (0) or after (2) a block's logs. */
    private record Item(long block, int phase, int index, @Nullable LogEvent log) {}

    private final LogFilter filter;
    // guarded by this
    /** Every block below or at this one has had all its logs delivered (the node sends blocks in order). */
    private long completeThrough = -1;

    private long lastBlock = -1;
    /** The lowest block a head subscription saw replaced since the last catch-up. */
    private long reorgFrom = Long.MAX_VALUE;

    private final Set<Key> delivered = new HashSet<>();
    private final TreeMap<Long, List<LogEvent>> byBlock = new TreeMap<>();

    LogSubscription(
            SubscriptionHost host,
            long id,
            LogFilter filter,
            SubscriptionOptions options,
            SubscriptionListener<LogEvent> listener) {
        super(host, id, SubscriptionKind.LOGS, Json.params("logs", Json.filter(filter)), options, listener);
        this.filter = filter;
    }

    /** Blocks from {@code fromBlock} were replaced: re-verify the logs delivered from them against the source. */
    void reorgDetected(long fromBlock, long head) {
        synchronized (this) {
            if (completeThrough < 0 && lastBlock < 0) {
                return;
            }
            reorgFrom = Math.min(reorgFrom, fromBlock);
        }
        requestCatchUp(Math.max(head, fromBlock));
    }

    @Override
    LogEvent decode(JsonNode result) {
        return Json.log(result);
    }

    @Override
    long blockOf(LogEvent event) {
        return event.blockNumber();
    }

    @Override
    public synchronized long lastBlock() {
        return lastBlock;
    }

    @Override
    void processLive(LogEvent log) {
        if (!log.removed() && log.blockNumber() <= completeThrough && inDeliveredGap(log.blockNumber())) {
            // the socket delivered it after its gap was reported: delivering it now would break the order
            duplicate();
            return;
        }
        process(log, false);
    }

    /** Lock held. */
    private void process(LogEvent log, boolean fromBackfill) {
        Key key = new Key(log.blockHash(), log.logIndex());
        if (log.removed()) {
            if (delivered.remove(key)) {
                List<LogEvent> logs = byBlock.get(log.blockNumber());
                if (logs != null) {
                    logs.removeIf(l -> l.blockHash().equals(log.blockHash()) && l.logIndex() == log.logIndex());
                    if (logs.isEmpty()) {
                        byBlock.remove(log.blockNumber());
                    }
                }
                deliverEvent(log, fromBackfill);
            } else {
                duplicate(); // a removal of something never delivered, or reported already
            }
            return;
        }
        if (!delivered.add(key)) {
            duplicate();
            return;
        }
        byBlock.computeIfAbsent(log.blockNumber(), b -> new ArrayList<>()).add(log);
        completeThrough = Math.max(completeThrough, log.blockNumber() - 1);
        lastBlock = Math.max(lastBlock, log.blockNumber());
        forgetBelow(lastBlock - host.settings().reorgWindow());
        deliverEvent(log, fromBackfill);
    }

    /** Forgets logs of blocks below {@code block}: too old to be reorged or fetched again. Lock held. */
    private void forgetBelow(long block) {
        while (!byBlock.isEmpty() && byBlock.firstKey() < block && byBlock.firstKey() <= completeThrough) {
            for (LogEvent old : byBlock.pollFirstEntry().getValue()) {
                delivered.remove(new Key(old.blockHash(), old.logIndex()));
            }
        }
    }

    @Override
    void catchUp(long head) {
        BackfillSource source = host.backfillSource();
        WsSettings settings = host.settings();
        long from;
        long verifyFrom;
        long oldest;
        synchronized (this) {
            if (completeThrough < 0 && lastBlock < 0) {
                // first catch-up: the subscription covers blocks after the node's current head
                completeThrough = head;
                return;
            }
            from = completeThrough + 1;
            long windowStart = head - settings.reorgWindow();
            Long oldestRemembered = byBlock.ceilingKey(windowStart);
            oldest = oldestRemembered == null ? Long.MAX_VALUE : oldestRemembered;
            if (reorgFrom <= head) {
                oldest = Math.min(oldest, Math.max(0, reorgFrom));
            }
            reorgFrom = Long.MAX_VALUE;
            verifyFrom = Math.min(from, oldest);
        }
        if (head < verifyFrom) {
            return;
        }
        int cap = settings.maxBackfillBlocks();
        if (head - from + 1 > cap) {
            long skipTo = head - cap;
            synchronized (this) {
                deliverAndRememberGap(new Gap(from, skipTo, Gap.Reason.BACKFILL_LIMIT));
                completeThrough = Math.max(completeThrough, skipTo);
            }
            from = skipTo + 1;
            verifyFrom = Math.min(from, oldest);
        }
        // fetch everything first, so removals (reorgs while down) can be delivered before the new logs
        List<LogEvent> fetched = new ArrayList<>();
        List<long[]> unavailable = new ArrayList<>();
        long chunk = settings.logsChunkBlocks();
        for (long a = verifyFrom; a <= head && isActive(); a += chunk) {
            fetchRange(source, a, Math.min(head, a + chunk - 1), fetched, unavailable);
        }
        fetched.sort(Comparator.comparingLong(LogEvent::blockNumber).thenComparingInt(LogEvent::logIndex));

        List<LogEvent> removals = reorgedWhileAway(source, fetched, unavailable, verifyFrom, head);
        long firstToDeliver = from;
        synchronized (this) {
            if (!unavailable.isEmpty() && !isConnected()) {
                return; // the source failing may be the same outage: the next catch-up fetches the range again
            }
            for (LogEvent removed : removals) {
                process(removed, true);
            }
            // live logs that arrived during the catch-up take their place in the order, and fill blocks the source
            // lacks; but the newest such block, or one the socket dropped in, may be incomplete: a gap follows it
            List<LogEvent> live = takeHeld(l -> !l.removed() && l.blockNumber() <= head);
            Set<Long> suspects = takeSuspects(head);
            Set<Long> liveBlocks = new HashSet<>();
            Set<Key> liveKeys = new HashSet<>();
            long newestLive = -1;
            for (LogEvent l : live) {
                liveBlocks.add(l.blockNumber());
                liveKeys.add(new Key(l.blockHash(), l.logIndex()));
                newestLive = Math.max(newestLive, l.blockNumber());
            }
            List<Item> items = new ArrayList<>(fetched.size() + live.size());
            fetched.forEach(l -> items.add(new Item(l.blockNumber(), 1, l.logIndex(), l)));
            live.forEach(l -> items.add(new Item(l.blockNumber(), 1, l.logIndex(), l)));
            for (long[] range : unavailable) {
                for (long n = Math.max(range[0], firstToDeliver); n <= range[1]; n++) {
                    if (!liveBlocks.contains(n)) {
                        items.add(new Item(n, 0, 0, null));
                    } else if (n == newestLive || suspects.contains(n)) {
                        items.add(new Item(n, 2, 0, null));
                    }
                }
            }
            items.sort(Comparator.comparingLong(Item::block)
                    .thenComparingInt(Item::phase)
                    .thenComparingInt(Item::index));
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (item.log() != null) {
                    LogEvent log = item.log();
                    process(log, !liveKeys.contains(new Key(log.blockHash(), log.logIndex())));
                } else {
                    long to = item.block();
                    while (item.phase() == 0
                            && i + 1 < items.size()
                            && items.get(i + 1).phase() == 0
                            && items.get(i + 1).block() == to + 1) {
                        to++;
                        i++;
                    }
                    deliverAndRememberGap(new Gap(item.block(), to, Gap.Reason.BACKFILL_UNAVAILABLE));
                }
            }
            completeThrough = Math.max(completeThrough, head);
            forgetBelow(head - settings.reorgWindow());
        }
    }

    /**
     * Remembered blocks in the verified range whose logs the source no longer returns under the same block hash: if
     * the source's header there has another hash, those logs were reorged out while the socket was down.
     */
    private List<LogEvent> reorgedWhileAway(
            BackfillSource source, List<LogEvent> fetched, List<long[]> unavailable, long from, long to) {
        Map<Long, List<LogEvent>> remembered;
        synchronized (this) {
            remembered = new TreeMap<>(byBlock.subMap(from, true, to, true));
        }
        if (remembered.isEmpty()) {
            return List.of();
        }
        Set<Key> canonical = new HashSet<>();
        fetched.forEach(l -> canonical.add(new Key(l.blockHash(), l.logIndex())));
        List<LogEvent> removals = new ArrayList<>();
        for (Map.Entry<Long, List<LogEvent>> block : remembered.entrySet()) {
            long number = block.getKey();
            if (unavailable.stream().anyMatch(r -> r[0] <= number && number <= r[1])) {
                continue; // nothing known about this block now
            }
            List<LogEvent> gone = new ArrayList<>();
            for (LogEvent log : block.getValue()) {
                if (!canonical.contains(new Key(log.blockHash(), log.logIndex()))) {
                    gone.add(log);
                }
            }
            if (gone.isEmpty()) {
                continue;
            }
            Optional<Head> header;
            try {
                header = withRetries(() -> source.blockByNumber(number));
            } catch (RuntimeException e) {
                continue;
            }
            for (LogEvent log : gone) {
                if (header.isPresent() && !header.get().hash().equals(log.blockHash())) {
                    removals.add(log.asRemoved());
                }
            }
        }
        return removals;
    }

    /** Fetches logs of {@code a..b}, splitting a failing range until single blocks are left. */
    private void fetchRange(BackfillSource source, long a, long b, List<LogEvent> out, List<long[]> unavailable) {
        try {
            List<LogEvent> logs = withRetries(() -> source.logs(filter, a, b));
            for (LogEvent log : logs) {
                if (log.blockNumber() >= a && log.blockNumber() <= b && !log.removed()) {
                    out.add(log);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("{} could not fetch logs of blocks {}..{} from {}", this, a, b, source, e);
            if (a == b) {
                unavailable.add(new long[] {a, b});
            } else {
                long mid = a + (b - a) / 2;
                fetchRange(source, a, mid, out, unavailable);
                fetchRange(source, mid + 1, b, out, unavailable);
            }
        }
    }
}
