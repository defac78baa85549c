package io.mevkit.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationTest {
    @Test
    void endpointsNeverPrintTheirSecrets() {
        Endpoint e = Endpoint.of(
                        "wss://eth-mainnet.example.com/v2/SECRETKEY123?token=abc",
                        "https://eth-mainnet.example.com/v2/SECRETKEY123")
                .withHeader("Authorization", "Bearer TOPSECRET");
        assertEquals("wss://eth-mainnet.example.com", e.name());
        assertFalse(e.toString().contains("SECRETKEY123"), e.toString());
        assertFalse(e.toString().contains("TOPSECRET"), e.toString());
        assertEquals("Bearer TOPSECRET", e.headers().get("Authorization"));

        ValidationException bad =
                assertThrows(ValidationException.class, () -> Endpoint.of("https://node.example/v2/SECRETKEY123"));
        assertEquals("webSocketUrl", bad.field());
        assertFalse(bad.getMessage().contains("SECRETKEY123"), bad.getMessage());
        ValidationException nullHeader = assertThrows(
                ValidationException.class,
                () -> new Endpoint("n", "ws://h", null, java.util.Collections.singletonMap("X-Key", null)));
        assertEquals("headers.X-Key", nullHeader.field());
    }

    @Test
    void builderRejectsBadOptionsNamingTheField() {
        assertEquals(
                "endpoints",
                assertThrows(ValidationException.class, () -> WsClient.builder().build())
                        .field());
        assertEquals(
                "backoff.max",
                assertThrows(ValidationException.class, () -> WsClient.builder()
                                .backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                        .field());
        assertEquals(
                "heartbeat",
                assertThrows(ValidationException.class, () -> WsClient.builder().heartbeat(Duration.ZERO))
                        .field());
        assertEquals(
                "expectedChainId",
                assertThrows(ValidationException.class, () -> WsClient.builder().expectedChainId(0))
                        .field());
        assertEquals(
                "maxMessageBytes",
                assertThrows(ValidationException.class, () -> WsClient.builder().maxMessageBytes(10))
                        .field());
        assertEquals(
                "circuitBreaker.failures",
                assertThrows(ValidationException.class, () -> WsClient.builder()
                                .circuitBreaker(0, Duration.ofSeconds(1)))
                        .field());
        assertEquals(
                "capacity",
                assertThrows(ValidationException.class, () -> SubscriptionOptions.of(0, OverflowPolicy.FAIL))
                        .field());
        assertEquals(
                "toBlock",
                assertThrows(ValidationException.class, () -> new Gap(5, 4, Gap.Reason.BACKFILL_LIMIT))
                        .field());
        assertEquals(
                "position",
                assertThrows(ValidationException.class, () -> LogFilter.any()
                                .withTopic(4, Hash.of("0x" + "00".repeat(32))))
                        .field());
    }

    @Test
    void sendsFailAndReadsResendByDefault() {
        for (String send :
                List.of("eth_sendRawTransaction", "eth_sendBundle", "mev_sendBundle", "eth_sendPrivateTransaction")) {
            assertEquals(RequestPolicy.FAIL, RequestPolicy.defaultFor(send), send);
        }
        for (String read : List.of("eth_call", "eth_getBalance", "eth_blockNumber", "eth_getLogs")) {
            assertEquals(RequestPolicy.RESEND, RequestPolicy.defaultFor(read), read);
        }
    }

    @Test
    void logFilterMatchesLikeTheNode() {
        Hash transfer = Hash.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        Hash other = Hash.of("0x" + "11".repeat(32));
        Address token = Address.of(FakeChain.CONTRACT);
        LogFilter filter = LogFilter.address(token).withTopic(0, transfer);
        LogEvent log = new LogEvent(token, List.of(transfer), "0x", 1, other, other, 0, 0, false);
        assertTrue(filter.matches(log));
        assertFalse(filter.matches(new LogEvent(token, List.of(other), "0x", 1, other, other, 0, 0, false)));
        assertFalse(LogFilter.address(Address.of(FakeChain.OTHER_CONTRACT)).matches(log));
        assertTrue(LogFilter.any().withTopic(1, other).topics().get(0).isEmpty(), "skipped positions match any");
    }
}
