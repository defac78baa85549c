package io.mevkit.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A {@link WsListener} that records every event as a short string, in order, and waits for them, bounded. */
final class EventLog implements WsListener {
    private final List<String> events = new ArrayList<>();
    private final List<Duration> downtimes = new ArrayList<>();

    private synchronized void add(String event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void stateChanged(ConnectionState from, ConnectionState to) {
        add("state " + from + "->" + to);
    }

    @Override
    public void reconnected(int attempts, Duration downtime) {
        synchronized (this) {
            downtimes.add(downtime);
        }
        add("reconnected " + attempts);
    }

    @Override
    public void stale(Subscription<?> subscription, Duration silentFor) {
        add("stale " + subscription.id());
    }

    @Override
    public void circuitOpened(Endpoint endpoint) {
        add("circuitOpened " + endpoint.name());
    }

    @Override
    public void gap(Subscription<?> subscription, Gap gap) {
        add("gap " + subscription.id() + " " + gap.fromBlock() + ".." + gap.toBlock() + " " + gap.reason());
    }

    @Override
    public void dropped(Subscription<?> subscription, long count) {
        add("dropped " + subscription.id() + " " + count);
    }

    @Override
    public void malformedFrame(Endpoint endpoint, String reason) {
        add("malformed");
    }

    @Override
    public void oversizeMessage(Endpoint endpoint, long length) {
        add("oversize " + length);
    }

    @Override
    public void pollingChanged(boolean active) {
        add("polling " + active);
    }

    @Override
    public void failed(WsException cause) {
        add("failed " + cause.getClass().getSimpleName());
    }

    synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    synchronized long count(String prefix) {
        return events.stream().filter(e -> e.startsWith(prefix)).count();
    }

    synchronized List<Duration> downtimes() {
        return new ArrayList<>(downtimes);
    }

    synchronized void await(Predicate<List<String>> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(events)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; events: " + events);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    void awaitEvent(String prefix, Duration timeout) {
        await(list -> list.stream().anyMatch(e -> e.startsWith(prefix)), timeout, prefix);
    }
}
