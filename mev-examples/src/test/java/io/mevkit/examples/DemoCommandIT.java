package io.mevkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.store.Execution;
import io.mevkit.store.ExecutionOutcome;
import io.mevkit.store.MevStore;
import io.mevkit.store.Opportunity;
import io.mevkit.store.OpportunityStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo in short mode with a fixed seed, run as a user types it, then its store read back. */
class DemoCommandIT {
    private static final int VICTIMS = 30;

    @TempDir
    Path dir;

    @Test
    void shortRunExecutesSandwichesWhoseRealizedProfitIsThePredictionToTheWei() throws Exception {
        Path db = dir.resolve("demo.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        int exit = cli.execute(
                "demo", "--seed", "7", "--victims", String.valueOf(VICTIMS), "--db", db.toString(), "--json");
        assertEquals(0, exit, out + "\n" + err);
        JsonNode summary = new ObjectMapper().readTree(out.toString());

        assertEquals(VICTIMS, summary.get("victimsSeen").asInt(), out.toString());
        assertTrue(summary.get("executed").asInt() >= 5, "at least 5 sandwiches: " + out);
        assertTrue(summary.get("executedV3").asInt() >= 1, "at least one on V3: " + out);
        assertTrue(summary.get("rejections").size() >= 2, "at least two rejection reasons: " + out);
        // the risk policy's defaults let the run trade, and every bundle it counted in flight was released
        assertEquals("ARMED", summary.path("risk").path("killSwitch").asText(), out.toString());
        assertEquals(0, summary.path("risk").path("bundlesInFlight").asInt(-1), out.toString());
        BigInteger predictedTotal = BigInteger.ZERO;
        Map<String, BigInteger> realizedByVictim = new HashMap<>();
        for (JsonNode s : summary.get("sandwiches")) {
            BigInteger predicted = new BigInteger(s.get("predictedWei").asText());
            BigInteger realized = new BigInteger(s.get("realizedWei").asText());
            assertTrue(predicted.signum() > 0, s.toString());
            assertEquals(predicted, realized, "realized = predicted, to the wei: " + s);
            predictedTotal = predictedTotal.add(predicted);
            realizedByVictim.put(s.get("victim").asText(), realized);
        }
        assertEquals(
                predictedTotal, new BigInteger(summary.get("predictedProfitWei").asText()));
        assertEquals(summary.get("executed").asInt(), realizedByVictim.size());

        // the store: one opportunity per victim, each with exactly one outcome
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            List<Opportunity> all = new ArrayList<>();
            for (OpportunityStatus status : OpportunityStatus.values()) {
                all.addAll(store.read(t -> t.opportunities().byStatus(status, 10_000)));
            }
            assertEquals(VICTIMS, all.size(), "one opportunity row per victim");
            assertEquals(
                    VICTIMS, all.stream().map(Opportunity::victimTx).distinct().count());
            long skipped = 0;
            for (Opportunity o : all) {
                List<Execution> executions = store.read(t -> t.executions().forOpportunity(o.id()));
                if (o.status() == OpportunityStatus.SKIPPED) {
                    skipped++;
                    assertTrue(o.skipReason() != null && !o.skipReason().isBlank(), o.toString());
                    assertEquals(List.of(), executions, o.toString());
                } else {
                    assertEquals(OpportunityStatus.LANDED, o.status(), o.toString());
                    assertEquals(1, executions.size(), o.toString());
                    Execution e = executions.get(0);
                    assertEquals(ExecutionOutcome.LANDED, e.outcome());
                    assertEquals(realizedByVictim.get(o.victimTx()), e.realizedProfit(), o.toString());
                }
            }
            assertEquals(VICTIMS - summary.get("executed").asInt(), skipped);
        }
    }

    @Test
    void badVictimCountIsOneClearLineAndANonZeroExit() {
        StringWriter err = new StringWriter();
        CommandLine cli =
                Main.commandLine(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        int exit = cli.execute("demo", "--victims", "0");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--victims must be between 1 and 10000 but was 0"), err.toString());
    }
}
