package io.mevkit.examples.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Both detection paths against the ground truth, across an anvil stop and restart. */
class WalletMonitorIT {
    @TempDir
    Path dir;

    @Test
    void theWebSocketPathMissesNothingAcrossAnAnvilRestart() {
        WalletMonitorRun.Report report =
                WalletMonitorRun.run(new WalletMonitorRun.Options(3, 24, true, Duration.ofMillis(100)), dir);
        assertTrue(report.restarted());
        assertTrue(report.transfers() >= 10, "enough watched transfers to mean something: " + report);
        assertTrue(report.nativeTransfers() >= 1, "native ETH covered: " + report);
        WalletMonitorRun.PathReport ws = report.paths().get(0);
        assertEquals("ws", ws.path());
        assertEquals(List.of(), ws.missedKeys(), "the WebSocket path with backfill misses nothing: " + ws);
        assertEquals(report.transfers(), ws.detected());
        assertTrue(ws.reconnects() >= 1, "the restart was a reconnect: " + ws);
        assertTrue(ws.p99Blocks() >= 1, "the blocks mined during the outage arrived late (by backfill): " + ws);
        WalletMonitorRun.PathReport poll = report.paths().get(1);
        assertEquals("poll", poll.path());
        assertEquals(List.of(), poll.missedKeys(), "polling resumes from its cursor: " + poll);
        assertTrue(poll.requests() > 0 && ws.requests() > 0);
    }

    @Test
    void theCommandPrintsOneReportPerPathAsJson() throws Exception {
        StringWriter out = new StringWriter();
        // as the root command line will run it: the root lends --json to its subcommands
        CommandLine cli = io.mevkit.examples.Main.commandLine(
                java.util.Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        cli.addSubcommand("wallet-monitor", new WalletMonitorCommand());
        cli.setOut(new PrintWriter(out, true)); // again: setOut reaches only the subcommands present
        int exit = cli.execute("wallet-monitor", "--blocks", "6", "--seed", "5", "--no-restart", "--json");
        assertEquals(0, exit, out.toString());
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals(6, report.get("blocks").asInt());
        assertEquals(2, report.get("paths").size());
        for (JsonNode p : report.get("paths")) {
            assertEquals(report.get("transfers").asInt(), p.get("detected").asInt(), p.toString());
            assertEquals(0, p.get("missed").asInt(), p.toString());
        }
    }

    @Test
    void badBlockCountIsOneClearLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new WalletMonitorCommand());
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("--blocks", "1"));
        assertTrue(err.toString().contains("--blocks must be between 2 and 10000 but was 1"), err.toString());
    }
}
