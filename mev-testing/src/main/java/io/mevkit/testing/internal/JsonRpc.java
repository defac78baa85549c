package io.mevkit.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.testing.AnvilException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A minimal JSON-RPC 2.0 client for driving a test node. Test support only: the product's client is
 * {@code io.mevkit.core.rpc.RpcClient}, which this module cannot depend on (the core's tests depend on this module).
 */
public final class JsonRpc implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http;
    private final String url;
    private final AtomicLong ids = new AtomicLong();

    public JsonRpc(String url, Duration timeout) {
        this.url = url;
        this.http = new OkHttpClient.Builder()
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Calls {@code method} and returns its {@code result}; a JSON-RPC error becomes an {@link AnvilException}. */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object param : params) {
            array.add(MAPPER.valueToTree(param));
        }
        JsonNode response = post(request.toString(), method);
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new AnvilException(
                    method,
                    error.path("code").asLong(),
                    error.path("message").asText(),
                    error.has("data") ? error.get("data").toString() : null);
        }
        return response.path("result");
    }

    private JsonNode post(String body, String method) {
        Request request = new Request.Builder()
                .url(url)
                .post(RequestBody.create(body, JSON))
                .build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            if (!response.isSuccessful()) {
                throw new AnvilException(method, response.code(), "HTTP " + response.code() + ": " + text, null);
            }
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AnvilException(method, -1, "transport: " + e, null, e);
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
