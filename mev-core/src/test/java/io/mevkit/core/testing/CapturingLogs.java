package io.mevkit.core.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of mev-core's tests: every logger is enabled at TRACE, so the debug and trace paths run, and
 * every line (with its MDC, thread and rendered stack trace) is kept in memory for tests to inspect; INFO and above
 * are also printed to stderr, as slf4j-simple would. Its MDC is per thread and not inherited by new threads, as in
 * logback, so MDC propagation has to be real to be seen. Selected with {@code -Dslf4j.provider}.
 */
public final class CapturingLogs implements SLF4JServiceProvider {
    private static final int MAX_LINES = 200_000;
    private static final Deque<Line> LINES = new ArrayDeque<>();

    /** One captured log line. */
    public record Line(
            Level level, String logger, String thread, String message, String stackTrace, Map<String, String> mdc) {
        /** Everything the line would print: message, MDC and stack trace. */
        public String rendered() {
            return level + " [" + thread + "] " + logger + " " + mdc + " - " + message + "\n" + stackTrace;
        }
    }

    private final Factory factory = new Factory();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final ThreadLocalMdc mdc = new ThreadLocalMdc();

    /** Whether this provider is the active binding (tests that rely on it assert this first). */
    public static boolean active() {
        return org.slf4j.LoggerFactory.getILoggerFactory() instanceof Factory;
    }

    /** A copy of the lines captured so far. */
    public static List<Line> lines() {
        synchronized (LINES) {
            return new ArrayList<>(LINES);
        }
    }

    /** The number of lines captured so far; use as a mark for {@link #linesSince(int)}. */
    public static int mark() {
        synchronized (LINES) {
            return LINES.size();
        }
    }

    /** Lines captured after {@code mark} (approximate if the buffer wrapped). */
    public static List<Line> linesSince(int mark) {
        List<Line> all = lines();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {}

    static final class Factory implements ILoggerFactory {
        private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

        @Override
        public Logger getLogger(String name) {
            return loggers.computeIfAbsent(name, CapturingLogger::new);
        }
    }

    static final class CapturingLogger extends AbstractLogger {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
            String trace = "";
            if (throwable != null) {
                StringWriter out = new StringWriter();
                throwable.printStackTrace(new PrintWriter(out));
                trace = out.toString();
            }
            Map<String, String> context = org.slf4j.MDC.getCopyOfContextMap();
            Line line = new Line(
                    level,
                    name,
                    Thread.currentThread().getName(),
                    message,
                    trace,
                    context == null ? Map.of() : context);
            synchronized (LINES) {
                if (LINES.size() >= MAX_LINES) {
                    LINES.removeFirst();
                }
                LINES.addLast(line);
            }
            if (level.toInt() >= Level.INFO.toInt()) {
                System.err.println(line.rendered().strip());
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }

    /** A per-thread MDC that new threads do not inherit. */
    static final class ThreadLocalMdc implements MDCAdapter {
        private final ThreadLocal<Map<String, String>> map = ThreadLocal.withInitial(HashMap::new);
        private final ThreadLocal<Map<String, Deque<String>>> deques = ThreadLocal.withInitial(HashMap::new);

        @Override
        public void put(String key, String val) {
            map.get().put(key, val);
        }

        @Override
        public String get(String key) {
            return map.get().get(key);
        }

        @Override
        public void remove(String key) {
            map.get().remove(key);
        }

        @Override
        public void clear() {
            map.get().clear();
        }

        @Override
        public Map<String, String> getCopyOfContextMap() {
            Map<String, String> current = map.get();
            return current.isEmpty() ? null : new HashMap<>(current);
        }

        @Override
        public void setContextMap(Map<String, String> contextMap) {
            Map<String, String> current = map.get();
            current.clear();
            current.putAll(contextMap);
        }

        @Override
        public void pushByKey(String key, String value) {
            deques.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
        }

        @Override
        public String popByKey(String key) {
            Deque<String> d = deques.get().get(key);
            return d == null ? null : d.poll();
        }

        @Override
        public Deque<String> getCopyOfDequeByKey(String key) {
            Deque<String> d = deques.get().get(key);
            return d == null ? null : new ArrayDeque<>(d);
        }

        @Override
        public void clearDequeByKey(String key) {
            Deque<String> d = deques.get().get(key);
            if (d != null) {
                d.clear();
            }
        }
    }
}
