package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public X-Flashbots-Signature vector reproduces byte for byte and verifies as relays verify it. */
class FlashbotsSignerTest {
    record Vector(String source, String privateKey, byte[] body, String bodyKeccak, String header) {
        @Override
        public String toString() {
            return source;
        }
    }

    static List<Vector> vectors() throws IOException {
        JsonNode root;
        try (InputStream in = FlashbotsSignerTest.class.getResourceAsStream("/flashbots/signature-vectors.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<Vector> out = new ArrayList<>();
        for (JsonNode v : root.get("vectors")) {
            out.add(new Vector(
                    v.get("source").asText(),
                    v.get("privateKey").asText(),
                    v.get("body").asText().getBytes(StandardCharsets.UTF_8),
                    v.hasNonNull("bodyKeccak") ? v.get("bodyKeccak").asText() : null,
                    v.get("header").asText()));
        }
        return out;
    }

    @Test
    void theFixtureHoldsAllThreePublicVectors() throws IOException {
        assertEquals(3, vectors().size());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void reproducesTheVectorExactly(Vector v) {
        FlashbotsSigner signer = FlashbotsSigner.of(v.privateKey());
        if (v.bodyKeccak() != null) {
            assertEquals(v.bodyKeccak(), Hash.keccak256(v.body()).hex());
        }
        assertEquals(v.header(), signer.header(v.body()));
        assertEquals(Address.of(v.header().split(":")[0]), signer.address());
        assertEquals(signer.address(), FlashbotsSigner.verify(v.header(), v.body()));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void verifiesAsRelaysDo(Vector v) {
        String[] parts = v.header().split(":");
        // v as 0/1 (newer alloy) and a lower-case address are accepted too
        byte[] sig = Hex.decode(parts[1]);
        sig[64] -= 27;
        String zeroOne = parts[0].toLowerCase(Locale.ROOT) + ":" + Hex.encode(sig);
        assertEquals(Address.of(parts[0]), FlashbotsSigner.verify(zeroOne, v.body()));

        byte[] otherBody = (new String(v.body(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
        assertThrows(ValidationException.class, () -> FlashbotsSigner.verify(v.header(), otherBody));
        assertThrows(ValidationException.class, () -> FlashbotsSigner.verify(v.header() + ":x", v.body()));
        assertThrows(
                ValidationException.class,
                () -> FlashbotsSigner.verify(parts[0] + ":" + parts[1].substring(2), v.body()));
        String otherAddress = "0x0000000000000000000000000000000000000001:" + parts[1];
        assertThrows(ValidationException.class, () -> FlashbotsSigner.verify(otherAddress, v.body()));
    }

    @Test
    void signsTheHexTextOfTheHashNotItsRawBytes() throws IOException {
        Vector v = vectors().get(0);
        byte[] text = FlashbotsSigner.digestText(v.body());
        assertEquals(66, text.length);
        assertEquals(v.bodyKeccak(), new String(text, StandardCharsets.US_ASCII));
    }

    @Test
    void theReputationKeyIsKeptApartFromFundsAndNeverShown() throws IOException {
        Vector v = vectors().get(0);
        FlashbotsSigner signer = FlashbotsSigner.of(v.privateKey());
        PrivateKeySigner funds = PrivateKeySigner.of(v.privateKey(), 1);
        ValidationException same =
                assertThrows(ValidationException.class, () -> signer.requireDistinctFrom(funds.address()));
        assertEquals("reputationKey", same.field());
        PrivateKeySigner other =
                PrivateKeySigner.of("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
        assertEquals(signer, signer.requireDistinctFrom(other.address()));

        String digits = v.privateKey().substring(2, 18);
        ValidationException bad = assertThrows(
                ValidationException.class,
                () -> FlashbotsSigner.of(v.privateKey().substring(0, 64) + "z"));
        String shown = signer + same.getMessage() + bad.getMessage() + bad.value();
        assertTrue(shown.contains(signer.address().toString()));
        assertFalse(shown.contains(digits), shown);
    }
}
