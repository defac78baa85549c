package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.examples.config.MevkitConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every subcommand shares: the loaded configuration, the output streams, and whether output is JSON. Built by
 * {@code Main} once the command line is parsed and the configuration loaded; commands reach it through
 * {@link #of(CommandSpec)}.
 */
public final class CliContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MevkitConfig config;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public CliContext(MevkitConfig config, PrintWriter out, PrintWriter err, boolean json) {
        this.config = Objects.requireNonNull(config, "config");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.json = json;
    }

    /** Implemented by the root command, which owns the context. */
    public interface Provider {
        CliContext context();
    }

    /** The context of the command line that {@code spec} belongs to. */
    public static CliContext of(CommandSpec spec) {
        return ((Provider) spec.root().userObject()).context();
    }

    public MevkitConfig config() {
        return config;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** Whether {@code --json} was given: machine output, one JSON document (or one per line for streams). */
    public boolean json() {
        return json;
    }

    public ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * {@code value} as JSON for machines: records become objects (component by component), lists arrays, optionals
     * their content or null; integers wider than a double (wei amounts) become decimal strings, so nothing is rounded.
     */
    public static JsonNode toJson(Object value) {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof Optional<?> o) {
            return toJson(o.orElse(null));
        }
        if (value instanceof OptionalLong o) {
            return o.isPresent() ? f.numberNode(o.getAsLong()) : f.nullNode();
        }
        if (value instanceof BigInteger b) {
            return f.textNode(b.toString());
        }
        if (value instanceof BigDecimal d) {
            return f.textNode(d.toPlainString());
        }
        if (value instanceof Integer || value instanceof Long) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return f.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(e.name());
        }
        if (value instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(v -> a.add(toJson(v)));
            return a;
        }
        if (value instanceof Record r) {
            ObjectNode o = f.objectNode();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.set(c.getName(), toJson(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return o;
        }
        return f.textNode(value.toString());
    }

    /** Prints {@code node} as one line of JSON. */
    public void printJson(Object node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** A progress or status line for humans, on stderr so it never mixes with results. */
    public void status(String line) {
        err.println(line);
        err.flush();
    }
}
