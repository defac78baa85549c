package io.mevkit.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mevkit} command line: the entry point of the runnable examples jar. */
@Command(
        name = "mevkit",
        mixinStandardHelpOptions = true,
        version = "mevkit 0.1.0-SNAPSHOT",
        description = "Tools and examples for MEV searchers, on a local anvil chain by default.",
        subcommands = {DemoCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
