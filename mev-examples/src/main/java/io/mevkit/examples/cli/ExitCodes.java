package io.mevkit.examples.cli;

/**
 * The exit codes of {@code mevkit}, documented in the module README. Scripts can tell a mistake in the command line (2)
 * or the configuration (3) from a node that cannot be reached (4) and from any other failure (5).
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command ran, and its answer is negative (a bundle simulation reverted, a bundle was not included). */
    public static final int NEGATIVE = 1;
    /** The command line is wrong: an unknown option, a missing or malformed value. */
    public static final int USAGE = 2;
    /** A configuration value (flag, {@code MEVKIT_*} variable, config file) is invalid. */
    public static final int CONFIG = 3;
    /** A node, builder or price source could not be reached, timed out or answered garbage. */
    public static final int UNAVAILABLE = 4;
    /** Any other failure while running (the node refused a call, a store error, an unexpected state). */
    public static final int FAILURE = 5;
    /** Interrupted (Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
