package io.mevkit.examples.cli;

import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.examples.config.ConfigException;
import io.mevkit.oracle.OracleException;
import io.mevkit.ws.WsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one clear line on stderr and an {@link ExitCodes exit code}; the stack trace only with
 * {@code --verbose}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final BooleanSupplier verbose;

    public ErrorHandler(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("mevkit: " + oneLine(ex.getMessage()) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        Throwable cause = unwrap(ex);
        PrintWriter err = cmd.getErr();
        err.println("mevkit: " + describe(cause));
        if (verbose.getAsBoolean()) {
            cause.printStackTrace(err);
        }
        err.flush();
        return exitCode(cause);
    }

    /** The exit code for a failure. */
    public static int exitCode(Throwable t) {
        if (t instanceof ConfigException) {
            return ExitCodes.CONFIG;
        }
        if (t instanceof ValidationException || t instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof RpcException e) {
            return e.kind() == RpcException.Kind.RPC_ERROR ? ExitCodes.FAILURE : ExitCodes.UNAVAILABLE;
        }
        if (t instanceof WsException
                || t instanceof OracleException
                || t instanceof IOException
                || t instanceof UncheckedIOException) {
            return ExitCodes.UNAVAILABLE;
        }
        if (t instanceof InterruptedException) {
            return ExitCodes.INTERRUPTED;
        }
        return ExitCodes.FAILURE;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException
                        || c instanceof ExecutionException
                        || c instanceof CommandLine.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable t) {
        String prefix = t instanceof ConfigException ? "configuration error: " : "error: ";
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            message = t.getClass().getSimpleName();
        }
        return prefix + oneLine(message);
    }

    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
