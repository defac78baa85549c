package io.mevkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local Ethereum node for the WebSocket benchmarks: answers {@code eth_chainId}, {@code eth_blockNumber},
 * {@code eth_subscribe} and {@code eth_unsubscribe} over a WebSocket, and pushes {@code eth_subscription} notifications
 * of full pending transactions (about 1 KB each) to the socket opened on a given path. Upgrades can be refused a number
 * of times, and sockets dropped, for the reconnect harness.
 */
final class WsNode implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SUBSCRIPTION = "0x9cef478923ff08bf67fde6c64013158d";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, WebSocket> ready = new ConcurrentHashMap<>();
    final AtomicInteger refuseUpgrades = new AtomicInteger();

    WsNode() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (refuseUpgrades.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse().setResponseCode(503);
                }
                return new MockResponse().withWebSocketUpgrade(new Session(request.getPath()));
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "ws://127.0.0.1:" + server.getPort() + path;
    }

    /** The socket on {@code path} once it has a subscription, or null. */
    WebSocket socket(String path) {
        return ready.get(path);
    }

    WebSocket awaitSocket(String path) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        WebSocket ws;
        while ((ws = ready.get(path)) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no subscription on " + path);
            }
            Thread.onSpinWait();
        }
        return ws;
    }

    /** Forgets the socket on {@code path} (it was dropped). */
    void forget(String path) {
        ready.remove(path);
    }

    /**
     * An {@code eth_subscription} notification of a full EIP-1559 swap transaction; {@code nonce} makes each one
     * distinct (and carries a send time in the latency benchmark).
     */
    static String notification(long nonce) {
        String n = Long.toHexString(nonce);
        return "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\"" + SUBSCRIPTION
                + "\",\"result\":{\"blockHash\":null,\"blockNumber\":null,"
                + "\"from\":\"0x8f4a23c1b0e2d7a4f9c8b1e3d6a5f4c2b1a0e9d8\",\"gas\":\"0x3d090\","
                + "\"gasPrice\":\"0x4a817c800\",\"maxFeePerGas\":\"0x4a817c800\",\"maxPriorityFeePerGas\":\"0x3b9aca00\","
                + "\"hash\":\"0x" + String.format("%064x", nonce + 0x5eedL) + "\","
                + "\"input\":\"0x7ff36ab5000000000000000000000000000000000000000000000000016345785d8a0000"
                + "0000000000000000000000000000000000000000000000000000000000000080"
                + "0000000000000000000000008f4a23c1b0e2d7a4f9c8b1e3d6a5f4c2b1a0e9d8"
                + "0000000000000000000000000000000000000000000000000000000065a4f2c0"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "000000000000000000000000c02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
                + "000000000000000000000000a0b86991c6218b36c1d19d4a2e9eb0ce3606eb48\","
                + "\"nonce\":\"0x" + n + "\",\"to\":\"0x7a250d5630b4cf539739df2c5dacb4c659f2488d\","
                + "\"transactionIndex\":null,\"value\":\"0xde0b6b3a7640000\",\"type\":\"0x2\",\"accessList\":[],"
                + "\"chainId\":\"0x1\",\"v\":\"0x1\",\"yParity\":\"0x1\","
                + "\"r\":\"0x4d1e2f3a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a\","
                + "\"s\":\"0x1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809\"}}}";
    }

    private final class Session extends WebSocketListener {
        private final String path;

        Session(String path) {
            this.path = path;
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            try {
                JsonNode call = JSON.readTree(text);
                String method = call.get("method").asText();
                String result =
                        switch (method) {
                            case "eth_chainId" -> "\"0x7a69\"";
                            case "eth_blockNumber" -> "\"0x10\"";
                            case "eth_subscribe" -> "\"" + SUBSCRIPTION + "\"";
                            case "eth_unsubscribe" -> "true";
                            default -> "null";
                        };
                webSocket.send("{\"jsonrpc\":\"2.0\",\"id\":" + call.get("id") + ",\"result\":" + result + "}");
                if (method.equals("eth_subscribe")) {
                    ready.put(path, webSocket); // notifications may follow the answer from now on
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            ready.remove(path, webSocket);
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            ready.remove(path, webSocket);
        }
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
