package io.mevkit.core.rpc.internal;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Carries the caller's slf4j MDC (correlation ids such as {@code mev.opp} and {@code mev.bundle}) to the threads
 * that run its asynchronous work and complete its futures.
 */
public final class Mdc {
    private Mdc() {}

    /** The calling thread's MDC, or null when it is empty. */
    public static @Nullable Map<String, String> capture() {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return context == null || context.isEmpty() ? null : context;
    }

    /** Runs {@code task} with {@code context} installed, restoring the thread's own MDC afterwards. */
    public static void runWith(@Nullable Map<String, String> context, Runnable task) {
        Map<String, String> previous = MDC.getCopyOfContextMap();
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
        try {
            task.run();
        } finally {
            if (previous == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(previous);
            }
        }
    }
}
