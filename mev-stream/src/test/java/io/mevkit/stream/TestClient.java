package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A JDK WebSocket client for tests: parses each text message and hands it to a handler (by default a queue). */
final class TestClient implements WebSocket.Listener {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);

    private final StringBuilder partial = new StringBuilder();
    final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Consumer<JsonNode> handler;
    volatile WebSocket socket;

    TestClient() {
        this.handler = inbox::add;
    }

    TestClient(Consumer<JsonNode> handler) {
        this.handler = handler;
    }

    static WebSocket.Builder builder(HttpClient http, String token) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    CompletableFuture<TestClient> connect(HttpClient http, URI uri, String token) {
        return builder(http, token).buildAsync(uri, this).thenApply(ws -> {
            socket = ws;
            return this;
        });
    }

    static TestClient open(HttpClient http, URI uri, String token) throws Exception {
        return new TestClient().connect(http, uri, token).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                handler.accept(MAPPER.readTree(text));
            } catch (JsonProcessingException e) {
                throw new AssertionError("server sent invalid JSON: " + text, e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void send(JsonNode json) {
        send(json.toString());
    }

    /** The next message, failing after {@link #WAIT}. */
    JsonNode next() throws InterruptedException {
        JsonNode n = inbox.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(n, "no message within " + WAIT);
        return n;
    }

    /** The next message, which must have {@code type}. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode n = next();
        assertEquals(type, n.path("type").asText(), () -> "expected " + type + " but got " + n);
        return n;
    }

    void subscribe(String... channels) throws InterruptedException {
        StringBuilder sb = new StringBuilder("{\"type\":\"subscribe\",\"channels\":[");
        for (int i = 0; i < channels.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(channels[i]).append('"');
        }
        send(sb.append("]}").toString());
        next("subscribed");
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
