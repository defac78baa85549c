package io.mevkit.examples.wallet;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one detection path saw: the first detection time of each transfer (nanoTime) and how many detections repeated
 * one already seen. Thread-safe.
 */
public final class DetectionPath {
    private final String name;
    private final Map<Transfer.Key, Long> first = new HashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    DetectionPath(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    synchronized void detected(Transfer transfer, long nanos) {
        if (first.putIfAbsent(transfer.key(), nanos) != null) {
            duplicates.incrementAndGet();
        }
    }

    /** The first detection time of each transfer. */
    public synchronized Map<Transfer.Key, Long> detections() {
        return Map.copyOf(first);
    }

    public synchronized boolean has(Transfer.Key key) {
        return first.containsKey(key);
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long requests() {
        return requests.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long errors() {
        return errors.get();
    }

    /** For a report: the detections so far. */
    synchronized Map<Transfer.Key, Long> snapshot() {
        return new HashMap<>(first);
    }
}
