package io.mevkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@code mevkit size} with explicit numbers: no node needed. */
class SizeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final BigInteger RESERVE_IN = E18.multiply(BigInteger.valueOf(1_000));
    static final BigInteger RESERVE_OUT = BigInteger.valueOf(3_000_000_000_000L);
    static final BigInteger VICTIM_IN = E18.multiply(BigInteger.valueOf(20));

    static BigInteger alone() {
        return V2Math.getAmountOut(VICTIM_IN, RESERVE_IN, RESERVE_OUT, V2Fee.UNISWAP);
    }

    @Test
    void aVictimWithSlippageRoomGetsAPlanWhoseLegsFollowThePairMath() throws Exception {
        BigInteger minOut = alone().multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100)); // 3% slippage
        Cli r = Cli.run(
                "--json", "size",
                "--reserve-in", RESERVE_IN.toString(),
                "--reserve-out", RESERVE_OUT.toString(),
                "--victim-in", VICTIM_IN.toString(),
                "--victim-min-out", minOut.toString(),
                "--capital", "100",
                "--base-fee", "1000000000");
        assertEquals(0, r.exit(), r.toString());
        JsonNode plan = JSON.readTree(r.out()).get("plan");
        BigInteger front = new BigInteger(plan.get("frontRunIn").asText());
        BigInteger frontOut = V2Math.getAmountOut(front, RESERVE_IN, RESERVE_OUT, V2Fee.UNISWAP);
        assertEquals(frontOut.toString(), plan.get("frontRunOut").asText());
        BigInteger victimOut =
                V2Math.getAmountOut(VICTIM_IN, RESERVE_IN.add(front), RESERVE_OUT.subtract(frontOut), V2Fee.UNISWAP);
        assertTrue(victimOut.compareTo(minOut) >= 0, "the victim's bound still holds");
        assertEquals(victimOut.toString(), plan.at("/victimAmounts/1").asText());
        assertTrue(new BigInteger(plan.get("netProfitWei").asText()).signum() > 0, r.out());
        assertTrue(front.compareTo(E18.multiply(BigInteger.valueOf(100))) <= 0, "within the capital");
    }

    @Test
    void theHumanPlanIsATable() {
        BigInteger minOut = alone().multiply(BigInteger.valueOf(97)).divide(BigInteger.valueOf(100));
        Cli r = Cli.run(
                "size",
                "--reserve-in",
                RESERVE_IN.toString(),
                "--reserve-out",
                RESERVE_OUT.toString(),
                "--victim-in",
                VICTIM_IN.toString(),
                "--victim-min-out",
                minOut.toString(),
                "--capital",
                "100");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("sandwich on pair "), r.out());
        assertTrue(r.out().matches("(?s).*\\nfront-run\\s+\\d.*\\nvictim\\s+20\\s.*\\nback-run\\s+\\d.*"), r.out());
        assertTrue(r.out().contains("net profit"), r.out());
    }

    @Test
    void aVictimWithoutSlippageRoomIsANegativeAnswerWithItsReason() throws Exception {
        Cli r = Cli.run(
                "--json", "size",
                "--reserve-in", RESERVE_IN.toString(),
                "--reserve-out", RESERVE_OUT.toString(),
                "--victim-in", VICTIM_IN.toString(),
                "--victim-min-out", alone().add(BigInteger.ONE).toString(),
                "--capital", "100");
        assertEquals(ExitCodes.NEGATIVE, r.exit(), r.toString());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("none", j.get("decision").asText());
        assertEquals("NO_SLIPPAGE_ROOM", j.get("reason").asText());
        assertEquals("-1", j.at("/details/maxFrontRun").asText(), "it fails even alone");
    }

    @Test
    void mixingTheModesIsAUsageError() {
        Cli r = Cli.run("size", "--tx", "0x" + "ab".repeat(32), "--reserve-in", "1", "--capital", "1");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("give either --tx or all of"), r.err());
    }
}
