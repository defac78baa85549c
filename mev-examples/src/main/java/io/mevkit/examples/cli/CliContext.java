package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.examples.config.MevkitConfig;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
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
