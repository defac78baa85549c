package io.mevkit.examples.cli;

import io.mevkit.examples.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** Runs the command line in-process as a user types it, capturing what it prints. */
record Cli(int exit, String out, String err) {
    static Cli run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return run(Map.of(), args);
    }

    /** stderr's lines, for "one clear line" checks. */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
