package io.mevkit.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Hex;
import io.mevkit.ws.BackfillSource;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.WsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Backfills over the WebSocket itself, for endpoints without an HTTP URL. Catch-ups run only once a socket is ready,
 * so the requests have a socket to go to; it cannot serve the polling fallback. Thread-safe.
 */
final class SocketBackfillSource implements BackfillSource {
    private final WsEngine engine;

    SocketBackfillSource(WsEngine engine) {
        this.engine = engine;
    }

    @Override
    public long blockNumber() {
        return Hex.toLong(
                engine.requestBlocking("eth_blockNumber", Json.array()).asText());
    }

    @Override
    public Optional<Head> blockByNumber(long number) {
        JsonNode block = engine.requestBlocking("eth_getBlockByNumber", Json.params(Hex.quantity(number), false));
        return block.isNull() ? Optional.empty() : Optional.of(Json.head(block));
    }

    @Override
    public List<LogEvent> logs(LogFilter filter, long fromBlock, long toBlock) {
        JsonNode logs =
                engine.requestBlocking("eth_getLogs", Json.params(Json.getLogsFilter(filter, fromBlock, toBlock)));
        if (!logs.isArray()) {
            throw new WsException("eth_getLogs returned " + logs.getNodeType() + ", not an array");
        }
        List<LogEvent> result = new ArrayList<>(logs.size());
        logs.forEach(log -> result.add(Json.log(log)));
        return result;
    }
}
