package io.mevkit.ws.internal;

import io.mevkit.ws.WsListener;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link WsListener} events one at a time, in order, on the worker executor: never on the socket's reader
 * thread and never under the client's lock. Thread-safe.
 */
public final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<WsListener> listeners;
    private final SerialExecutor serial;

    public EventDispatcher(List<WsListener> listeners, Executor executor) {
        this.listeners = List.copyOf(listeners);
        this.serial = new SerialExecutor(executor);
    }

    public boolean hasListeners() {
        return !listeners.isEmpty();
    }

    /** Calls {@code event} on every listener, later, in order with the other events. */
    public void fire(Consumer<WsListener> event) {
        if (listeners.isEmpty()) {
            return;
        }
        serial.execute(() -> {
            for (WsListener listener : listeners) {
                try {
                    event.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("a WsListener threw; ignored", e);
                }
            }
        });
    }

    /** Runs {@code task} in order with the events (it calls the listeners itself). */
    public void run(Runnable task) {
        if (!listeners.isEmpty()) {
            serial.execute(task);
        }
    }

    public List<WsListener> listeners() {
        return listeners;
    }
}
