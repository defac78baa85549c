package io.mevkit.core.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Chains;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OP Stack's base fee from the parent header's {@code extraData} (Holocene: version 0, denominator, elasticity;
 * Jovian: version 1 and a minimum base fee), on the vectors op-geth tests its {@code CalcBaseFee} with.
 */
class OpStackBaseFeeTest {
    private static final FeeMarket.OpStack CANYON = FeeMarket.opStack(6, 250);

    private static String holocene(long denominator, long elasticity) {
        return new OpStackExtraData(0, denominator, elasticity, Optional.empty()).encode();
    }

    private static String jovian(long denominator, long elasticity, long minBaseFee) {
        return new OpStackExtraData(1, denominator, elasticity, Optional.of(BigInteger.valueOf(minBaseFee))).encode();
    }

    /** op-geth {@code TestCalcBaseFeeOptimismHolocene}: base fee 10,000,000, gas limit 30,000,000. */
    @ParameterizedTest
    @CsvSource({
        "15000000, 10000000, 10, 2",
        "10000000, 9666667, 10, 2",
        "20000000, 10333333, 10, 2",
        "3000000, 10000000, 2, 10",
        "1000000, 6666667, 2, 10",
        "30000000, 55000000, 2, 10"
    })
    void holoceneParametersComeFromTheParentsExtraData(long gasUsed, long expected, long denom, long elasticity) {
        BaseFeeRule.Step step = BaseFeeRule.nextOpStack(
                CANYON, BigInteger.valueOf(10_000_000), gasUsed, 30_000_000, holocene(denom, elasticity));
        assertEquals(BigInteger.valueOf(expected), step.baseFee());
        assertFalse(step.raisedToMinimum());
    }

    /** op-geth {@code TestCalcBaseFeeJovian}: gas limit 30,000,000, denominator 50, elasticity 3, minimum 1 gwei. */
    @ParameterizedTest
    @CsvSource({
        "1, 10000000, 1000000000, 1000000000, true",
        "1, 11000000, 1000000000, 1000000000, true",
        "2000000000, 20000000, 1000000000, 2040000000, false",
        "1000000000, 9000000, 1000000000, 1000000000, true",
        "2000000000, 9000000, 1000000000, 1996000000, false",
        "1000000000, 9000000, 0, 998000000, false"
    })
    void jovianRaisesTheResultToTheMinimumBaseFee(
            long parentBaseFee, long gasUsed, long minBaseFee, long expected, boolean raised) {
        BaseFeeRule.Step step = BaseFeeRule.nextOpStack(
                CANYON, BigInteger.valueOf(parentBaseFee), gasUsed, 30_000_000, jovian(50, 3, minBaseFee));
        assertEquals(BigInteger.valueOf(expected), step.baseFee());
        assertEquals(raised, step.raisedToMinimum());
    }

    @Test
    void aHoloceneHeaderHasNoMinimumAndEmptyOrZeroParametersMeanTheDefaults() {
        // op-geth: a post-Jovian parent with Holocene extraData is not clamped
        assertEquals(
                BigInteger.ONE,
                BaseFeeRule.nextOpStack(CANYON, BigInteger.ONE, 9_000_000, 30_000_000, holocene(50, 3))
                        .baseFee());
        BaseFeeRule.Step canyon =
                BaseFeeRule.next(CANYON.defaults(), BigInteger.valueOf(1_000_000), 9_000_000, 30_000_000);
        assertEquals(
                canyon, BaseFeeRule.nextOpStack(CANYON, BigInteger.valueOf(1_000_000), 9_000_000, 30_000_000, "0x"));
        assertEquals(
                canyon,
                BaseFeeRule.nextOpStack(CANYON, BigInteger.valueOf(1_000_000), 9_000_000, 30_000_000, holocene(0, 0)));
        // 1e6 + 1e6 * (9e6 - 5e6) / 5e6 / 250 = 1_003_200 with Canyon's 6 and 250
        assertEquals(BigInteger.valueOf(1_003_200), canyon.baseFee());
    }

    @Test
    void theEncodingIsTheSpecsByteLayout() {
        // op-geth TestMinBaseFeeExtraData: version | denominator | elasticity | minBaseFee
        assertEquals("0x01" + "000000fa" + "00000006" + "000000003b9aca00", jovian(250, 6, 1_000_000_000));
        assertEquals("0x00" + "000000fa" + "00000006", holocene(250, 6));
        OpStackExtraData decoded =
                OpStackExtraData.decode("0x01000000fa00000006000000003b9aca00").orElseThrow();
        assertEquals(250, decoded.denominator());
        assertEquals(6, decoded.elasticity());
        assertEquals(Optional.of(BigInteger.valueOf(1_000_000_000)), decoded.minBaseFee());
        OpStackExtraData max = OpStackExtraData.decode("0x00ffffffff00000001").orElseThrow();
        assertEquals(0xFFFF_FFFFL, max.denominator(), "a u32, not a negative int");
        assertEquals(Optional.empty(), OpStackExtraData.decode("0x"));
    }

    @Test
    void malformedExtraDataIsRefusedNamingTheField() {
        for (String bad : List.of(
                "0x01000000fa00000006", // Jovian version with the Holocene length
                "0x00000000fa00000006000000003b9aca00", // Holocene version with the Jovian length
                "0x00000000fa0000000600", // one byte too many
                "0x02000000fa00000006", // unknown version
                "0x0000000000000000006", // odd length
                "0x0000000000000006", // zero denominator with non-zero elasticity (8 bytes: also short)
                "0x00000000000000000a")) { // zero denominator with non-zero elasticity
            ValidationException e = assertThrows(
                    ValidationException.class,
                    () -> BaseFeeRule.nextOpStack(CANYON, BigInteger.TEN, 0, 30_000_000, bad),
                    bad);
            // an odd-length string is refused by the hex codec, naming its own field
            assertTrue(e.field().equals("extraData") || e.field().equals("data"), bad + ": " + e.field());
        }
    }

    @Test
    void theGasOracleUsesTheLatestHeadersParametersOnOpStackChains() {
        try (FakeNode node = new FakeNode(8453)) {
            node.on(
                    "eth_getBlockByNumber",
                    request ->
                            FakeNode.response(request, block(jovian(50, 3, 1_000_000_000), "0x895440", "0x3b9aca00")));
            try (RpcClient client = RpcClient.builder()
                    .chainId(8453)
                    .endpoint(node.url())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                // parent base fee 1 gwei, gas used 9,000,000 of 30,000,000 with elasticity 3: 998,000,000 before the
                // minimum, raised to 1 gwei
                NextBaseFee next = GasOracle.of(client, Chains.BASE).nextBaseFee();
                assertEquals(BigInteger.valueOf(1_000_000_000), next.baseFee());
                assertEquals(NextBaseFee.Source.FORMULA, next.source());
                assertTrue(next.step().orElseThrow().raisedToMinimum());
                assertEquals(
                        BigInteger.valueOf(2_000_000), next.step().orElseThrow().delta());
                assertEquals(0x66, next.blockNumber());
            }
        }
    }

    private static Map<String, Object> block(String extraData, String gasUsed, String baseFee) {
        String zero32 = "0x" + "00".repeat(32);
        return Map.ofEntries(
                Map.entry("number", "0x65"),
                Map.entry("parentHash", zero32),
                Map.entry("sha3Uncles", zero32),
                Map.entry("transactionsRoot", zero32),
                Map.entry("stateRoot", zero32),
                Map.entry("receiptsRoot", zero32),
                Map.entry("difficulty", "0x0"),
                Map.entry("extraData", extraData),
                Map.entry("gasLimit", "0x1c9c380"),
                Map.entry("gasUsed", gasUsed),
                Map.entry("timestamp", "0x6553f100"),
                Map.entry("baseFeePerGas", baseFee),
                Map.entry("uncles", List.of()),
                Map.entry("transactions", List.of()));
    }
}
