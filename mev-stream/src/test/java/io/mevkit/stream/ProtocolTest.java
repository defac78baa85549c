package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.ValidationException;
import io.mevkit.testing.MutableClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProtocolTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private StreamServer server;
    private ExecutorService executor;
    private HttpClient http;
    private final List<TestClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        server = StreamServer.builder().clock(clock).replayBufferSize(4).build();
        executor = Executors.newFixedThreadPool(2);
        http = HttpClient.newBuilder().executor(executor).build();
    }

    @AfterEach
    void stop() {
        clients.forEach(TestClient::close);
        server.close();
        executor.shutdownNow();
    }

    private TestClient connect() throws Exception {
        TestClient c = TestClient.open(http, server.uri(), null);
        clients.add(c);
        return c;
    }

    @Test
    void welcomesWithEpochAndEveryChannelWhenUnauthenticated() throws Exception {
        TestClient c = connect();
        JsonNode welcome = c.next("welcome");
        assertEquals(StreamServer.PROTOCOL, welcome.get("protocol").asText());
        assertEquals(server.epoch(), welcome.get("epoch").asText());
        assertEquals(8, welcome.get("channels").size());
        assertEquals(clock.millis(), welcome.get("timestamp").asLong());
        assertFalse(server.authenticated());
    }

    @Test
    void subscribeIsAcknowledgedWithHeadsAndEventsCarryChannelSeqTimestampAndData() throws Exception {
        server.publish(Channel.GAS_PRICES, Map.of("baseFee", "7"));
        TestClient c = connect();
        c.next("welcome");
        c.send("{\"type\":\"subscribe\",\"id\":7,\"channels\":[\"gas_prices\",\"bundles\"]}");
        JsonNode ack = c.next("subscribed");
        assertEquals(7, ack.get("id").asInt());
        assertEquals(1, ack.get("heads").get("gas_prices").asLong());
        assertEquals(0, ack.get("heads").get("bundles").asLong());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(2, server.publish(Channel.GAS_PRICES, Map.of("baseFee", "8")));
        server.publish(Channel.OPPORTUNITIES, Map.of("not", "subscribed"));
        assertEquals(1, server.publish(Channel.BUNDLES, List.of(1, 2)));
        JsonNode gas = c.next("event");
        assertEquals("gas_prices", gas.get("channel").asText());
        assertEquals(2, gas.get("seq").asLong());
        assertEquals(clock.millis(), gas.get("timestamp").asLong());
        assertEquals("8", gas.get("data").get("baseFee").asText());
        JsonNode bundle = c.next("event");
        assertEquals("bundles", bundle.get("channel").asText());
        assertEquals(1, bundle.get("seq").asLong());
        assertEquals("[1,2]", bundle.get("data").toString());
    }

    @Test
    void unsubscribeIsAcknowledgedAndStopsTheChannel() throws Exception {
        TestClient c = connect();
        c.next("welcome");
        c.subscribe("metrics", "node_status");
        server.publish(Channel.METRICS, Map.of("i", 1));
        assertEquals(1, c.next("event").get("seq").asLong());
        c.send("{\"type\":\"unsubscribe\",\"id\":\"u\",\"channels\":[\"metrics\"]}");
        JsonNode ack = c.next("unsubscribed");
        assertEquals("u", ack.get("id").asText());
        assertEquals(1, ack.get("heads").get("metrics").asLong());
        server.publish(Channel.METRICS, Map.of("i", 2));
        server.publish(Channel.NODE_STATUS, Map.of("up", true));
        JsonNode next = c.next("event");
        assertEquals("node_status", next.get("channel").asText(), "metrics must not arrive after unsubscribing");
    }

    @Test
    void subscribingTwiceDoesNotDuplicateEvents() throws Exception {
        TestClient c = connect();
        c.next("welcome");
        c.subscribe("price_feeds");
        c.subscribe("price_feeds");
        c.subscribe("system_alerts");
        server.publish(Channel.PRICE_FEEDS, Map.of("p", 1));
        server.publish(Channel.SYSTEM_ALERTS, Map.of("marker", true));
        assertEquals("price_feeds", c.next("event").get("channel").asText());
        JsonNode after = c.next("event");
        assertEquals("system_alerts", after.get("channel").asText(), "one price event only");
        assertEquals(1, after.get("seq").asLong());
    }

    @Test
    void reconnectWithLastSeqReplaysWhatWasMissedThenContinuesLive() throws Exception {
        TestClient first = connect();
        first.next("welcome");
        first.subscribe("transactions");
        for (int i = 1; i <= 3; i++) {
            server.publish(Channel.TRANSACTIONS, Map.of("i", i));
        }
        long last = 0;
        for (int i = 1; i <= 3; i++) {
            last = first.next("event").get("seq").asLong();
        }
        first.close();
        server.publish(Channel.TRANSACTIONS, Map.of("i", 4));
        server.publish(Channel.TRANSACTIONS, Map.of("i", 5));

        TestClient second = connect();
        second.next("welcome");
        second.send("{\"type\":\"subscribe\",\"channels\":[\"transactions\"],\"lastSeq\":{\"transactions\":" + last
                + "},\"epoch\":\"" + server.epoch() + "\"}");
        assertEquals(
                5, second.next("subscribed").get("heads").get("transactions").asLong());
        assertEquals(4, second.next("event").get("seq").asLong());
        assertEquals(5, second.next("event").get("seq").asLong());
        server.publish(Channel.TRANSACTIONS, Map.of("i", 6));
        JsonNode live = second.next("event");
        assertEquals(6, live.get("seq").asLong());
        assertEquals(6, live.get("data").get("i").asInt());
        assertEquals(2, server.stats().replayed());
    }

    @Test
    void aReplayBeyondTheBufferStartsWithATypedGap() throws Exception {
        for (int i = 1; i <= 10; i++) {
            server.publish(Channel.BUNDLES, Map.of("i", i));
        }
        TestClient c = connect();
        c.next("welcome");
        c.send("{\"type\":\"subscribe\",\"channels\":[\"bundles\"],\"lastSeq\":{\"bundles\":2}}");
        c.next("subscribed");
        JsonNode gap = c.next("gap");
        assertEquals("bundles", gap.get("channel").asText());
        assertEquals("evicted", gap.get("reason").asText());
        assertEquals(3, gap.get("from").asLong());
        assertEquals(6, gap.get("to").asLong());
        for (long seq = 7; seq <= 10; seq++) {
            JsonNode e = c.next("event");
            assertEquals(seq, e.get("seq").asLong());
            assertEquals(seq, e.get("data").get("i").asLong());
        }
        assertEquals(1, server.stats().gaps());
    }

    @Test
    void aSequenceFromAnotherEpochGetsAResetGapAndTheRetainedMessages() throws Exception {
        server.publish(Channel.METRICS, Map.of("i", 1));
        server.publish(Channel.METRICS, Map.of("i", 2));
        TestClient c = connect();
        c.next("welcome");
        c.send("{\"type\":\"subscribe\",\"channels\":[\"metrics\"],\"lastSeq\":{\"metrics\":900},"
                + "\"epoch\":\"an-older-server\"}");
        c.next("subscribed");
        JsonNode gap = c.next("gap");
        assertEquals("reset", gap.get("reason").asText());
        assertEquals(server.epoch(), gap.get("epoch").asText());
        assertEquals(1, c.next("event").get("seq").asLong());
        assertEquals(2, c.next("event").get("seq").asLong());
    }

    @Test
    void badRequestsGetTypedErrorsAndTheConnectionStays() throws Exception {
        TestClient c = connect();
        c.next("welcome");
        c.send("not json");
        assertEquals("bad_request", c.next("error").get("code").asText());
        c.send("{\"type\":\"dance\",\"id\":1}");
        JsonNode unknownType = c.next("error");
        assertEquals("bad_request", unknownType.get("code").asText());
        assertEquals(1, unknownType.get("id").asInt());
        c.send("{\"type\":\"subscribe\",\"channels\":[\"gas_prices\",\"mempool\"]}");
        JsonNode unknown = c.next("error");
        assertEquals("unknown_channel", unknown.get("code").asText());
        assertEquals("\"mempool\"", unknown.get("channel").asText());
        c.send("{\"type\":\"subscribe\",\"channels\":[\"gas_prices\"],\"lastSeq\":{\"gas_prices\":-1}}");
        assertEquals("bad_request", c.next("error").get("code").asText());
        c.send("{\"type\":\"ping\",\"id\":\"p\"}");
        assertEquals("p", c.next("pong").get("id").asText());
        assertEquals(4, server.stats().inboundRejected());
        assertTrue(server.stats().clients() == 1);
    }

    @Test
    void aPayloadJacksonCannotSerializeIsATypedError() {
        ValidationException e =
                assertThrows(ValidationException.class, () -> server.publish(Channel.METRICS, new Object()));
        assertEquals("payload", e.field());
        assertEquals(0, server.stats().published(Channel.METRICS));
    }
}
