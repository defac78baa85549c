package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hex;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.WsException;
import io.mevkit.ws.WsRpcException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link BackfillSource} over a node's HTTP JSON-RPC endpoint: one blocking okhttp call per method, Jackson for the
 * JSON. The URL and header values may hold secrets and never appear in messages. Thread-safe.
 */
public final class HttpBackfillSource implements BackfillSource {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final String url;
    private final String name;
    private final Map<String, String> headers;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param http the client (shared pools)
     * @param url the JSON-RPC URL
     * @param name a redacted label for messages
     * @param headers sent with every request
     */
    public HttpBackfillSource(OkHttpClient http, String url, String name, Map<String, String> headers) {
        this.http = http;
        this.url = url;
        this.name = name;
        this.headers = Map.copyOf(headers);
    }

    @Override
    public long blockNumber() {
        return Hex.toLong(call("eth_blockNumber", Json.array()).asText());
    }

    @Override
    public Optional<Head> blockByNumber(long number) {
        JsonNode block = call("eth_getBlockByNumber", Json.params(Hex.quantity(number), false));
        return block.isNull() ? Optional.empty() : Optional.of(Json.head(block));
    }

    @Override
    public List<LogEvent> logs(LogFilter filter, long fromBlock, long toBlock) {
        JsonNode logs = call("eth_getLogs", Json.params(Json.getLogsFilter(filter, fromBlock, toBlock)));
        if (!logs.isArray()) {
            throw new WsException(name + ": eth_getLogs returned " + logs.getNodeType() + ", not an array");
        }
        List<LogEvent> result = new ArrayList<>(logs.size());
        logs.forEach(log -> result.add(Json.log(log)));
        return result;
    }

    private JsonNode call(String method, JsonNode params) {
        String body = Json.request(ids.incrementAndGet(), method, params);
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        headers.forEach(request::header);
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            if (!response.isSuccessful() || responseBody == null) {
                throw new WsException(name + ": " + method + " answered HTTP " + response.code());
            }
            JsonNode root = Json.MAPPER.readTree(responseBody.byteStream());
            JsonNode error = root.get("error");
            if (error != null && !error.isNull()) {
                JsonNode data = error.get("data");
                throw new WsRpcException(
                        method,
                        error.path("code").asInt(),
                        error.path("message").asText(),
                        data == null ? null : data.toString());
            }
            JsonNode result = root.get("result");
            if (result == null) {
                throw new WsException(name + ": " + method + " answered without a result");
            }
            return result;
        } catch (IOException e) {
            throw new WsException(
                    name + ": " + method + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "HttpBackfillSource[" + name + "]";
    }
}
