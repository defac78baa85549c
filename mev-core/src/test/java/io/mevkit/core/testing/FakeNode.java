package io.mevkit.core.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A scriptable JSON-RPC node on a {@link MockWebServer}: answers {@code eth_chainId} with its chain id, other methods
 * with the handler registered for them (or a "method not found" error), batches element by element, and records
 * every call. An {@link #override} replaces whole HTTP responses (status codes, broken bodies, no response).
 */
public final class FakeNode extends Dispatcher implements AutoCloseable {
    /** Keeps JSON numbers exactly as written (a node's float ratios must survive a round trip). */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final JsonNodeFactory NODES = JSON.getNodeFactory();

    private final MockWebServer server = new MockWebServer();
    private volatile long chainId;
    private final Map<String, Function<JsonNode, JsonNode>> handlers = new ConcurrentHashMap<>();
    private final List<JsonNode> calls = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<String, MockResponse> override;
    private volatile Function<List<JsonNode>, List<JsonNode>> batchOrder = list -> list;

    public FakeNode(long chainId) {
        this.chainId = chainId;
        server.setDispatcher(this);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return server.url("/").toString();
    }

    public MockWebServer server() {
        return server;
    }

    public FakeNode chainId(long id) {
        this.chainId = id;
        return this;
    }

    /** Answers {@code method} with the JSON-RPC response object {@code handler} builds from the request object. */
    public FakeNode on(String method, Function<JsonNode, JsonNode> handler) {
        handlers.put(method, handler);
        return this;
    }

    /** Replaces every response except those to {@code eth_chainId} with {@code response}. */
    public FakeNode failAllBut(MockResponse response) {
        return override(method -> method.equals("eth_chainId") ? null : response);
    }

    /** Answers {@code method} with {@code result}. */
    public FakeNode result(String method, Object result) {
        JsonNode value = JSON.valueToTree(result);
        return on(method, req -> response(req, value));
    }

    /** Answers {@code method} with a JSON-RPC error. */
    public FakeNode error(String method, int code, String message, Object data) {
        return on(method, req -> errorResponse(req, code, message, data));
    }

    /**
     * Replaces HTTP responses while set: {@code value} gets the request's method ({@code batch} for a batch) and
     * returns the response to send, or null to answer normally. Null clears it.
     */
    public FakeNode override(Function<String, MockResponse> value) {
        this.override = value;
        return this;
    }

    /** Reorders (or drops) the entries of batch responses. */
    public FakeNode batchOrder(Function<List<JsonNode>, List<JsonNode>> value) {
        this.batchOrder = value;
        return this;
    }

    /** Every JSON-RPC call received, in order (batch entries one by one). */
    public List<JsonNode> calls() {
        return List.copyOf(calls);
    }

    /** The methods received, in order. */
    public List<String> methods() {
        return calls.stream().map(c -> c.path("method").asText()).toList();
    }

    /** Every HTTP request received. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public static ObjectNode response(JsonNode request, Object result) {
        ObjectNode out = NODES.objectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", request.get("id"));
        out.set("result", JSON.valueToTree(result));
        return out;
    }

    public static ObjectNode errorResponse(JsonNode request, int code, String message, Object data) {
        ObjectNode out = NODES.objectNode();
        out.put("jsonrpc", "2.0");
        out.set("id", request.get("id"));
        ObjectNode error = out.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.set("data", JSON.valueToTree(data));
        }
        return out;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody().readUtf8());
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400).setBody("bad request");
        }
        if (body.isArray()) {
            body.forEach(calls::add);
        } else {
            calls.add(body);
        }
        Function<String, MockResponse> o = override;
        if (o != null) {
            MockResponse response =
                    o.apply(body.isArray() ? "batch" : body.path("method").asText());
            if (response != null) {
                return response;
            }
        }
        JsonNode answer;
        if (body.isArray()) {
            ArrayNode out = NODES.arrayNode();
            List<JsonNode> entries = new java.util.ArrayList<>();
            body.forEach(call -> entries.add(answer(call)));
            batchOrder.apply(entries).forEach(out::add);
            answer = out;
        } else {
            answer = answer(body);
        }
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(answer.toString());
    }

    private JsonNode answer(JsonNode call) {
        String method = call.path("method").asText();
        Function<JsonNode, JsonNode> handler = handlers.get(method);
        if (handler != null) {
            return handler.apply(call);
        }
        if (method.equals("eth_chainId")) {
            return response(call, "0x" + Long.toHexString(chainId));
        }
        return errorResponse(call, -32601, "the method " + method + " does not exist/is not available", null);
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
