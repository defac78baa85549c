package io.mevkit.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.testing.FakeNode;
import io.mevkit.core.token.TokenMetadataException.Reason;
import io.mevkit.core.token.internal.Multicall3Codec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Answers no honest token gives, from a scripted node (the JSON-RPC batch path), and the codec's bounds. */
class TokenMetadataClientTest {
    private static final Address TOKEN = Address.of("0x1111111111111111111111111111111111111111");
    private static final String WORD_ZERO = "00".repeat(32);
    /** ABI string "ABC". */
    private static final String ABC =
            "0x" + "00".repeat(31) + "20" + "00".repeat(31) + "03" + "414243" + "00".repeat(29);

    private static TokenMetadataException failureFor(String decimalsAnswer) {
        try (FakeNode node = new FakeNode(31337)) {
            node.on("eth_call", request -> {
                String data = request.get("params").get(0).get("data").asText();
                return FakeNode.response(request, data.equals("0x313ce567") ? decimalsAnswer : ABC);
            });
            try (RpcClient client = RpcClient.builder()
                    .chainId(31337)
                    .endpoint(node.url())
                    .maxRetries(0)
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                TokenMetadataClient tokens = TokenMetadataClient.builder()
                        .client(client)
                        .chain(Chains.ANVIL)
                        .build();
                return assertThrows(TokenMetadataException.class, () -> tokens.get(TOKEN));
            }
        }
    }

    @Test
    void decimalsThatAreNotAUint8AreRefused() {
        TokenMetadataException e = failureFor("0x" + WORD_ZERO.substring(4) + "0100");
        assertEquals(Reason.BAD_DECIMALS, e.reason());
        assertEquals("decimals", e.method());
        assertEquals(TOKEN, e.token());
    }

    @Test
    void decimalsAboveSeventySevenAreRefused() {
        assertEquals(
                Reason.BAD_DECIMALS,
                failureFor("0x" + WORD_ZERO.substring(2) + "4e").reason());
    }

    @Test
    void decimalsThatAreNotOneWordAreMalformed() {
        assertEquals(Reason.MALFORMED, failureFor("0x" + WORD_ZERO + WORD_ZERO).reason());
    }

    @Test
    void textsDecodeFromStringsAndBytes32AndTruncationsAreRefused() {
        assertEquals("ABC", Multicall3Codec.decodeText(Hex.decode(ABC)));
        assertEquals("MKR", Multicall3Codec.decodeText(Hex.decode("0x4d4b52" + "00".repeat(29))));
        byte[] truncated = Hex.decode(ABC.substring(0, ABC.length() - 64));
        assertThrows(IllegalArgumentException.class, () -> Multicall3Codec.decodeText(truncated));
        byte[] hugeLength = Hex.decode("0x" + "00".repeat(31) + "20" + "ff".repeat(32));
        assertThrows(IllegalArgumentException.class, () -> Multicall3Codec.decodeText(hugeLength));
        assertThrows(IllegalArgumentException.class, () -> Multicall3Codec.decodeAggregate3(Hex.decode(ABC), 1));
    }

    @Test
    void optionsAreValidatedNamingTheField() {
        assertEquals(
                "chunkSize",
                assertThrows(ValidationException.class, () -> TokenMetadataClient.builder()
                                .chunkSize(0))
                        .field());
        assertEquals(
                "failureTtl",
                assertThrows(ValidationException.class, () -> TokenMetadataClient.builder()
                                .failureTtl(Duration.ZERO))
                        .field());
        assertEquals(
                "decimals",
                assertThrows(ValidationException.class, () -> new TokenMetadata(1, TOKEN, 78, "X", "X"))
                        .field());
    }
}
