package io.mevkit.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The tick reader's ABI handling against a scripted node (the JSON-RPC batch path): signs, flags, consistency. */
class V3TickReaderTest {
    private static final Address POOL = Address.of("0x2222222222222222222222222222222222222222");
    private static final BigInteger L = new BigInteger("1000000000000000000");

    private static String word(BigInteger v) {
        BigInteger u = v.signum() < 0 ? v.add(BigInteger.ONE.shiftLeft(256)) : v;
        String hex = u.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static String word(long v) {
        return word(BigInteger.valueOf(v));
    }

    private static String tickInfo(BigInteger net, boolean initialized) {
        return "0x" + word(net.abs()) + word(net) + word(0) + word(0) + word(0) + word(0) + word(0)
                + word(initialized ? 1 : 0);
    }

    /**
     * A pool at tick 0 (spacing 60) with positions giving ticks -600 (+L) and 600 (-L): word -1 bit 246 and word 0
     * bit 10. Anything else reads as zero, so a mis-encoded negative argument would find no tick.
     */
    private static Map<String, String> pool(BigInteger liquidity, boolean initializedFlag) {
        String addr = word(new BigInteger("3333333333333333333333333333333333333333", 16));
        return Map.ofEntries(
                Map.entry("0xc45a0155", "0x" + addr),
                Map.entry("0x0dfe1681", "0x" + addr),
                Map.entry("0xd21220a7", "0x" + addr),
                Map.entry("0xddca3f43", "0x" + word(3000)),
                Map.entry("0xd0c93a7c", "0x" + word(60)),
                Map.entry(
                        "0x3850c7bd",
                        "0x" + word(BigInteger.ONE.shiftLeft(96)) + word(0) + word(0) + word(1) + word(1) + word(0)
                                + word(1)),
                Map.entry("0x1a686502", "0x" + word(liquidity)),
                Map.entry("0x5339c296" + word(-1), "0x" + word(BigInteger.ONE.shiftLeft(246))),
                Map.entry("0x5339c296" + word(0), "0x" + word(BigInteger.ONE.shiftLeft(10))),
                Map.entry("0xf30dba93" + word(-600), tickInfo(L, initializedFlag)),
                Map.entry("0xf30dba93" + word(600), tickInfo(L.negate(), true)));
    }

    private static <T> T withReader(Map<String, String> answers, Function<V3TickReader.Builder, T> body) {
        try (FakeNode node = new FakeNode(31337)) {
            node.on("eth_call", request -> {
                String data = request.get("params").get(0).get("data").asText();
                String answer = answers.get(data);
                if (answer == null && data.startsWith("0x5339c296")) {
                    answer = "0x" + word(0); // an empty bitmap word
                }
                return FakeNode.response(request, answer == null ? "0x" : answer);
            });
            try (RpcClient client = RpcClient.builder()
                    .chainId(31337)
                    .endpoint(node.url())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                return body.apply(V3TickReader.builder().client(client));
            }
        }
    }

    @Test
    void negativeWordsAndTicksAreEncodedAndDecodedAsTwosComplement() {
        V3PoolSnapshot s =
                withReader(pool(L, true), b -> b.wordRadius(1).build().read(POOL, 7));
        assertEquals(List.of(-600, 600), s.swapState().initializedTicks());
        assertEquals(L, s.swapState().liquidityNet(-600).orElseThrow());
        assertEquals(L.negate(), s.swapState().liquidityNet(600).orElseThrow());
        assertEquals(-1, s.swapState().minWord());
        assertEquals(1, s.swapState().maxWord());
        assertFalse(s.swapState().ticksComplete());
        assertEquals(7, s.blockNumber());
    }

    @Test
    void aRadiusCoveringTheUsableRangeIsCompleteAndCrossChecksTheLiquidity() {
        V3PoolSnapshot s =
                withReader(pool(L, true), b -> b.wordRadius(58).build().read(POOL, 7));
        assertTrue(s.swapState().ticksComplete());
        // slot0's liquidity disagrees with the ticks (as if read at another block): refused
        MevException e = assertThrows(
                MevException.class,
                () -> withReader(
                        pool(L.add(BigInteger.ONE), true),
                        b -> b.wordRadius(58).build().read(POOL, 7)));
        assertTrue(e.getMessage().contains("inconsistent"), e.getMessage());
    }

    @Test
    void aBitmapBitWithoutAnInitializedTickIsRefused() {
        MevException e = assertThrows(
                MevException.class,
                () -> withReader(pool(L, false), b -> b.build().read(POOL, 7)));
        assertTrue(e.getMessage().contains("ticks(-600)"), e.getMessage());
        assertTrue(e.getMessage().contains("not initialized"), e.getMessage());
    }

    @Test
    void optionsAreValidatedNamingTheField() {
        assertEquals(
                "wordRadius",
                assertThrows(ValidationException.class, () -> V3TickReader.builder()
                                .wordRadius(-1))
                        .field());
        assertEquals(
                "chunkSize",
                assertThrows(ValidationException.class, () -> V3TickReader.builder()
                                .chunkSize(0))
                        .field());
        assertEquals(
                "client",
                assertThrows(ValidationException.class, () -> V3TickReader.builder()
                                .build())
                        .field());
    }
}
