package io.mevkit.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mevkit.core.Address;
import io.mevkit.core.Chains;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.token.TokenMetadataException.Reason;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint8;

/** Token metadata on anvil: Multicall3 chunks and the JSON-RPC batch fallback against direct single calls. */
class TokenMetadataIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static RpcClient client;
    private static Address multicall3;
    private static final Map<Address, TokenMetadata> EXPECTED = new LinkedHashMap<>();
    private static final Map<Address, Reason> BAD = new LinkedHashMap<>();
    private static final List<Address> ALL = new ArrayList<>();

    @BeforeAll
    static void deploy() {
        client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", ANVIL.anvil().rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
        multicall3 = Address.of(ANVIL.anvil().deploy(ContractArtifact.load("Multicall3")));
        TestTokens tokens = new TestTokens(ANVIL.anvil());
        for (int decimals : new int[] {0, 6, 8, 18}) {
            Address token = Address.of(tokens.deploy("Token " + decimals, "T" + decimals, decimals));
            EXPECTED.put(token, direct(token, false));
        }
        Address maker = Address.of(ANVIL.anvil()
                .deploy(
                        ContractArtifact.load("Bytes32SymbolToken"),
                        new Bytes32(bytes32("Maker")),
                        new Bytes32(bytes32("MKR")),
                        new Uint8(18)));
        EXPECTED.put(maker, direct(maker, true));
        BAD.put(Address.of(ANVIL.anvil().deploy(ContractArtifact.load("RevertingToken"))), Reason.REVERTED);
        BAD.put(Address.of(ANVIL.anvil().accounts().get(7)), Reason.NOT_A_CONTRACT);
        BAD.put(multicall3, Reason.NO_SUCH_METHOD); // a contract without ERC-20 methods
        BAD.put(Address.of(tokens.deploy("Too precise", "TP", 200)), Reason.BAD_DECIMALS);
        ALL.addAll(EXPECTED.keySet());
        ALL.addAll(BAD.keySet());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static byte[] bytes32(String text) {
        byte[] out = new byte[32];
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    /** The metadata read with one plain eth_call per method, decoded by web3j. */
    @SuppressWarnings("rawtypes")
    private static TokenMetadata direct(Address token, boolean bytes32) {
        String to = token.hex();
        List<Type> decimals =
                ANVIL.anvil().call(to, new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {})));
        String[] texts = new String[2];
        String[] names = {"symbol", "name"};
        for (int i = 0; i < 2; i++) {
            if (bytes32) {
                List<Type> out = ANVIL.anvil()
                        .call(to, new Function(names[i], List.of(), List.of(new TypeReference<Bytes32>() {})));
                texts[i] = new String((byte[]) out.get(0).getValue(), StandardCharsets.UTF_8).replace("\0", "");
            } else {
                List<Type> out = ANVIL.anvil()
                        .call(to, new Function(names[i], List.of(), List.of(new TypeReference<Utf8String>() {})));
                texts[i] = (String) out.get(0).getValue();
            }
        }
        return new TokenMetadata(
                31337, token, ((BigInteger) decimals.get(0).getValue()).intValue(), texts[0], texts[1]);
    }

    private static void assertMatchesDirectCalls(TokenMetadataClient.Lookup lookup) {
        assertEquals(EXPECTED, lookup.tokens());
        assertEquals(BAD.keySet(), lookup.failures().keySet());
        BAD.forEach((token, reason) -> assertEquals(
                reason,
                lookup.failures().get(token).reason(),
                () -> token + ": " + lookup.failures().get(token)));
        assertEquals("decimals", lookup.failures().get(ALL.get(ALL.size() - 1)).method());
    }

    @Test
    void multicall3ChunksEqualDirectSingleCalls() {
        TokenMetadataClient tokens = TokenMetadataClient.builder()
                .client(client)
                .chain(Chains.ANVIL)
                .multicall3(multicall3)
                .chunkSize(4) // 27 calls in 7 chunks, tokens split across chunk borders
                .build();
        assertTrue(tokens.usesMulticall3());
        assertMatchesDirectCalls(tokens.getAll(ALL));
        assertEquals(6, EXPECTED.get(ALL.get(1)).decimals());
        assertEquals("MKR", EXPECTED.get(ALL.get(4)).symbol());
        assertEquals("Maker", EXPECTED.get(ALL.get(4)).name());
    }

    @Test
    void withoutABatcherAJsonRpcBatchGivesTheSameAnswers() {
        TokenMetadataClient none =
                TokenMetadataClient.builder().client(client).chain(Chains.ANVIL).build();
        assertFalse(none.usesMulticall3());
        assertMatchesDirectCalls(none.getAll(ALL));

        // the canonical address has no code on a fresh anvil: fall back as well
        TokenMetadataClient undeployed = TokenMetadataClient.builder()
                .client(client)
                .chain(Chains.ANVIL)
                .multicall3(Chains.MULTICALL3)
                .build();
        assertFalse(undeployed.usesMulticall3());
        assertMatchesDirectCalls(undeployed.getAll(ALL));
    }

    @Test
    void metadataIsCachedAndFailuresExpire() {
        AtomicLong nanos = new AtomicLong();
        Ticker ticker = nanos::get;
        TokenMetadataClient tokens = TokenMetadataClient.builder()
                .client(client)
                .chain(Chains.ANVIL)
                .multicall3(multicall3)
                .failureTtl(Duration.ofSeconds(30))
                .ticker(ticker)
                .build();
        tokens.getAll(ALL);
        assertEquals(ALL.size(), tokens.cachedCount());
        long misses = tokens.cacheStats().missCount();
        assertEquals(EXPECTED.get(ALL.get(0)), tokens.get(ALL.get(0)));
        TokenMetadataException reverted =
                assertThrows(TokenMetadataException.class, () -> tokens.get(ALL.get(EXPECTED.size())));
        assertEquals(Reason.REVERTED, reverted.reason());
        assertEquals(misses, tokens.cacheStats().missCount());
        assertEquals(2, tokens.cacheStats().hitCount());

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals(EXPECTED.size(), tokens.cachedCount(), "failures expired, metadata kept");
    }
}
