package io.mevkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandIT {
    @Test
    void demoQuotesAndExecutesExactlyOnALocalChain() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("demo", "--amount-in", "2");
        assertEquals(0, exit, out.toString());
        assertTrue(out.toString().contains("exactly the quote"), out.toString());
    }

    @Test
    void badAmountIsOneClearLineAndANonZeroExit() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("demo", "--amount-in", "0");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--amount-in must be between 1 and 1000 but was 0"), err.toString());
    }
}
