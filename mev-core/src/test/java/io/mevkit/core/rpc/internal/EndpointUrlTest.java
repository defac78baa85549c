package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointUrlTest {
    @ParameterizedTest
    @CsvSource({
        "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef, mainnet.infura.io/v3/***",
        "https://eth-mainnet.g.alchemy.com/v2/AbCdEfGhIjKlMnOpQrStUvWxYz012345, eth-mainnet.g.alchemy.com/v2/***",
        "https://red-frosty-pine.quiknode.pro/4f2ab6c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4/, red-frosty-pine.quiknode.pro/***/",
        "https://user:pass@rpc.example.org:8443/eth?apikey=abc123secret, rpc.example.org:8443/eth",
        "http://127.0.0.1:8545, 127.0.0.1:8545/",
        "http://localhost:8545/rpc/mainnet, localhost:8545/rpc/mainnet",
        "https://rpc.ankr.com/eth/a1b2c3d4e5, rpc.ankr.com/eth/***"
    })
    void showsHostAndPathWithoutCredentials(String url, String shown) {
        EndpointUrl parsed = EndpointUrl.parse(url).orElseThrow();
        assertEquals(shown, parsed.display());
        assertEquals(shown, parsed.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "nonsense", "ftp://host/", "ws://host:8546", "http://", "//host/path"})
    void rejectsWhatIsNotHttp(String url) {
        assertEquals(Optional.empty(), EndpointUrl.parse(url));
    }

    @org.junit.jupiter.api.Test
    void credentialsBecomeBasicAuthAndLeaveTheRequestUrl() {
        EndpointUrl parsed = EndpointUrl.parse("https://alice:s%40cret@host.example/v1?apikey=KEY-123&x=1")
                .orElseThrow();
        assertEquals(
                "https://host.example/v1?apikey=KEY-123&x=1",
                parsed.requestUrl().toString());
        String basic = parsed.basicAuthorization().orElseThrow();
        assertEquals(
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString("alice:s@cret".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                basic);
        Secrets secrets = parsed.secrets();
        String scrubbed = secrets.scrub("alice s@cret s%40cret KEY-123 apikey=KEY-123&x=1 " + basic);
        for (String secret : new String[] {"alice", "s@cret", "s%40cret", "KEY-123", basic.substring(6)}) {
            assertFalse(scrubbed.contains(secret), scrubbed);
        }
        assertTrue(scrubbed.contains("***"));
    }
}
