package io.mevkit.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Records a subscription's deliveries in order (events and gaps together) and waits for them, bounded. */
final class Recorder<T> implements SubscriptionListener<T> {
    private final List<Object> items = new ArrayList<>();
    private final List<WsException> errors = new ArrayList<>();
    private volatile long delayMillis;

    /** Makes the listener slow, to fill its buffer. */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    @Override
    public void onEvent(T event) {
        pause();
        synchronized (this) {
            items.add(event);
            notifyAll();
        }
    }

    @Override
    public void onGap(Gap gap) {
        synchronized (this) {
            items.add(gap);
            notifyAll();
        }
    }

    @Override
    public synchronized void onError(WsException error) {
        errors.add(error);
        notifyAll();
    }

    synchronized List<Object> items() {
        return new ArrayList<>(items);
    }

    @SuppressWarnings("unchecked")
    synchronized List<T> events() {
        List<T> out = new ArrayList<>();
        for (Object o : items) {
            if (!(o instanceof Gap)) {
                out.add((T) o);
            }
        }
        return out;
    }

    synchronized List<Gap> gaps() {
        List<Gap> out = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Gap g) {
                out.add(g);
            }
        }
        return out;
    }

    synchronized List<WsException> errors() {
        return new ArrayList<>(errors);
    }

    /** Waits until {@code condition} holds for the recorded items, at most {@code timeout}; fails otherwise. */
    synchronized void await(Predicate<List<Object>> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(items)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + what + "; recorded " + items.size()
                        + " items, last " + (items.isEmpty() ? "none" : items.get(items.size() - 1)));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    synchronized void awaitError(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (errors.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no error within " + timeout);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private void pause() {
        long d = delayMillis;
        if (d > 0) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
