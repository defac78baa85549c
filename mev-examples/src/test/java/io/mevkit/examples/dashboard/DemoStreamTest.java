package io.mevkit.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.examples.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** DemoStream without the demo: the page is served, events become rows on their channels, a restart is survivable. */
class DemoStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Hash VICTIM = Hash.of("0x" + "ab".repeat(32));
    private static final Hash OTHER = Hash.of("0x" + "cd".repeat(32));
    private static final Hash FRONT = Hash.of("0x" + "01".repeat(32));
    private static final Hash BACK = Hash.of("0x" + "02".repeat(32));
    private static final Hash BUNDLE = Hash.of("0x" + "0b".repeat(32));
    private static final Address POOL = Address.of("0x" + "11".repeat(20));
    /** More than 2^53: a JSON number would lose it in a browser. */
    private static final BigInteger PROFIT = BigInteger.TWO.pow(70).add(BigInteger.ONE);

    @Test
    void servesTheDashboardPageItsScriptAndStyle() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (DemoStream stream = DemoStream.start(0)) {
            HttpResponse<String> page = get(http, stream.pageUri());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>mevkit demo dashboard</title>"), page.body());
            HttpResponse<String> script = get(http, stream.pageUri().resolve("app.js"));
            assertEquals(200, script.statusCode());
            assertTrue(script.body().contains("mevkit.stream.v1"), "the page speaks the stream's protocol");
            assertEquals(200, get(http, stream.pageUri().resolve("style.css")).statusCode());
            assertEquals(404, get(http, stream.pageUri().resolve("nothing.js")).statusCode());
        }
    }

    @Test
    void theSearchersEventsBecomeWholeRowsWithWeiAsDecimalStrings() throws Exception {
        try (DemoStream stream = DemoStream.start(0);
                Client client = Client.connect(stream)) {
            client.subscribe(null, 0);
            stream.opportunity(7, VICTIM, POOL, "sandwich-v2", 100);
            stream.submitted(
                    7, 3, BUNDLE, "V2", 101, List.of(FRONT, VICTIM, BACK), PROFIT, BigInteger.TEN, BigInteger.ONE);
            stream.settled(7, 3, VICTIM, "LANDED", 101, PROFIT, PROFIT);
            stream.opportunity(8, OTHER, POOL, "sandwich-v2", 101);
            stream.rejected(null, 8L, "NO_CAPITAL_HOP"); // known by its opportunity id only

            JsonNode landed = client.await(
                    "the landed row",
                    m -> isEvent(m, "opportunities")
                            && data(m).path("status").asText().equals("LANDED"));
            JsonNode row = data(landed);
            assertEquals(VICTIM.hex(), row.path("victim").asText());
            assertEquals(7, row.path("opportunityId").asLong());
            assertEquals(3, row.path("bundleId").asLong());
            assertEquals(POOL.hex(), row.path("pool").asText(), "the row keeps what earlier events said");
            assertTrue(row.path("realizedWei").isTextual(), row.toString());
            assertEquals(PROFIT.toString(), row.path("realizedWei").asText());
            assertEquals(PROFIT.toString(), row.path("predictedWei").asText());

            JsonNode rejected = client.await(
                    "the rejected row",
                    m -> isEvent(m, "opportunities")
                            && data(m).path("status").asText().equals("rejected"));
            assertEquals(OTHER.hex(), data(rejected).path("victim").asText());
            assertEquals("NO_CAPITAL_HOP", data(rejected).path("reason").asText());

            JsonNode bundle = client.await(
                    "the landed bundle",
                    m -> isEvent(m, "bundles")
                            && data(m).path("status").asText().equals("LANDED"));
            assertEquals(BUNDLE.hex(), data(bundle).path("bundleHash").asText());
            assertEquals(3, data(bundle).path("txs").size());
            assertEquals(PROFIT.toString(), data(bundle).path("realizedWei").asText());
            // sequence numbers per channel, in order, from 1
            List<Long> seqs = new ArrayList<>();
            synchronized (client.received) {
                client.received.stream()
                        .filter(m -> isEvent(m, "opportunities"))
                        .forEach(m -> seqs.add(m.path("seq").asLong()));
            }
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs);
        }
    }

    @Test
    void afterARestartTheSamePortServesANewEpochThatAnswersTheOldPositionWithAResetGap() throws Exception {
        try (DemoStream stream = DemoStream.start(0)) {
            int port = stream.port();
            String oldEpoch;
            try (Client client = Client.connect(stream)) {
                client.subscribe(null, 0);
                stream.opportunity(1, VICTIM, POOL, "sandwich-v3", 10);
                client.await("the first row", m -> isEvent(m, "opportunities"));
                oldEpoch = stream.epoch();
                stream.restart();
                client.await(
                        "the server going away", m -> m.path("type").asText().equals("closed"));
            }
            assertEquals(port, stream.port());
            assertNotEquals(oldEpoch, stream.epoch());
            assertEquals(1, stream.restarts());
            stream.rejected(null, 1L, "UNPROFITABLE_AFTER_GAS");
            try (Client client = Client.connect(stream)) {
                client.subscribe(oldEpoch, 1);
                JsonNode gap = client.await(
                        "a reset gap",
                        m -> m.path("type").asText().equals("gap")
                                && m.path("channel").asText().equals("opportunities"));
                assertEquals("reset", gap.path("reason").asText());
                JsonNode row = client.await("the row published after the restart", m -> isEvent(m, "opportunities"));
                assertEquals(1, row.path("seq").asLong(), "the new server numbers from 1");
                assertEquals("rejected", data(row).path("status").asText());
                assertEquals(POOL.hex(), data(row).path("pool").asText(), "rows survive the restart");
                client.await(
                        "the restart alert",
                        m -> isEvent(m, "system_alerts")
                                && data(m).path("message").asText().startsWith("stream server restarted"));
            }
            assertEquals(0, stream.droppedWhileDown());
        }
    }

    @Test
    void aBadStreamPortIsOneClearLineAndExitCodeTwo() {
        StringWriter err = new StringWriter();
        CommandLine cli =
                Main.commandLine(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, cli.execute("demo", "--stream-port", "70000"));
        assertTrue(err.toString().contains("--stream-port must be between 0 and 65535 but was 70000"), err.toString());
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isEvent(JsonNode m, String channel) {
        return m.path("type").asText().equals("event")
                && m.path("channel").asText().equals(channel);
    }

    private static JsonNode data(JsonNode m) {
        return m.path("data");
    }

    /** A WebSocket client on java.net.http that keeps every message it receives. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        final List<JsonNode> received = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Client connect(DemoStream stream) throws Exception {
            Client c = new Client();
            c.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .subprotocols("mevkit.stream.v1")
                    .buildAsync(URI.create("ws://127.0.0.1:" + stream.port() + "/stream"), c)
                    .get(10, TimeUnit.SECONDS);
            c.await("the welcome", m -> m.path("type").asText().equals("welcome"));
            return c;
        }

        void subscribe(String epoch, long lastSeq) throws Exception {
            var request = JSON.createObjectNode().put("type", "subscribe");
            var channels = request.putArray("channels");
            var since = request.putObject("lastSeq");
            for (io.mevkit.stream.Channel c : io.mevkit.stream.Channel.values()) {
                channels.add(c.wireName());
                since.put(c.wireName(), lastSeq);
            }
            if (epoch != null) {
                request.put("epoch", epoch);
            }
            socket.sendText(request.toString(), true).get(10, TimeUnit.SECONDS);
            await("the subscription", m -> m.path("type").asText().equals("subscribed"));
        }

        /** The first message (already received or arriving within 100 polls of 100 ms) that matches. */
        JsonNode await(String what, Predicate<JsonNode> match) throws InterruptedException {
            synchronized (received) {
                for (JsonNode m : received) {
                    if (match.test(m)) {
                        return m;
                    }
                }
            }
            for (int i = 0; i < 100; i++) {
                JsonNode m = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (m != null && match.test(m)) {
                    return m;
                }
            }
            fail("never received " + what + "; got " + received);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(partial.toString());
                    synchronized (received) {
                        received.add(m);
                    }
                    inbox.add(m);
                } catch (java.io.IOException e) {
                    inbox.add(JSON.createObjectNode().put("type", "unparseable"));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            JsonNode m = JSON.createObjectNode().put("type", "closed").put("code", statusCode);
            synchronized (received) {
                received.add(m);
            }
            inbox.add(m);
            return null;
        }

        @Override
        public void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
            socket.abort();
        }
    }
}
