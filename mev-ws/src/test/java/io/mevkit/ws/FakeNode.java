package io.mevkit.ws;

import static io.mevkit.ws.FakeChain.JSON;
import static io.mevkit.ws.FakeChain.hex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * An Ethereum node played by MockWebServer over a {@link FakeChain}: WebSocket JSON-RPC with {@code eth_subscribe}
 * (newHeads, logs, newPendingTransactions), and HTTP JSON-RPC for backfill. Faults are switched on by the test:
 * refused or slow upgrades, subscription errors, swallowed requests, muted notifications, server closes, raw frames,
 * and blocks the HTTP side lacks. Thread-safe.
 */
final class FakeNode implements FakeChain.Listener, AutoCloseable {
    final FakeChain chain;
    final long chainId;
    private final MockWebServer server = new MockWebServer();
    private final List<Session> sessions = new CopyOnWriteArrayList<>();

    volatile int rejectUpgradeStatus;
    final AtomicInteger slowHandshakes = new AtomicInteger();
    volatile long slowHandshakeMillis = 500;
    final AtomicInteger failSubscribes = new AtomicInteger();
    volatile int subscribeErrorCode = -32000;
    volatile boolean muted;
    /** Methods the socket side never answers (to leave requests in flight). */
    final Set<String> swallow = ConcurrentHashMap.newKeySet();
    /** Blocks the HTTP side does not have (pruned history). */
    final Set<Long> httpLacks = ConcurrentHashMap.newKeySet();
    /** While set, HTTP requests wait for it to open (at most 10 s), to hold a backfill in progress. */
    volatile CountDownLatch httpGate;
    /** HTTP requests waiting at {@link #httpGate} now. */
    final AtomicInteger httpWaiting = new AtomicInteger();
    /** When positive, a socket closes (1001) right after sending this many more log notifications. */
    final AtomicInteger closeAfterLogs = new AtomicInteger();

    final AtomicLong upgrades = new AtomicLong();
    final AtomicLong httpCalls = new AtomicLong();
    final Map<String, AtomicLong> socketCalls = new ConcurrentHashMap<>();

    static {
        // MockWebServer logs every connection the fault proxy cuts as a crash; the tests count faults themselves
        java.util.logging.Logger.getLogger(MockWebServer.class.getName()).setLevel(java.util.logging.Level.OFF);
    }

    FakeNode(FakeChain chain, long chainId) {
        this.chain = chain;
        this.chainId = chainId;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return FakeNode.this.dispatch(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chain.addListener(this);
    }

    int port() {
        return server.getPort();
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + server.getPort() + "/ws";
    }

    String httpUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/rpc";
    }

    Endpoint endpoint() {
        return Endpoint.of(wsUrl(), httpUrl());
    }

    long socketCalls(String method) {
        AtomicLong n = socketCalls.get(method);
        return n == null ? 0 : n.get();
    }

    int openSessions() {
        return sessions.size();
    }

    /** Live subscriptions of {@code kind} over every open session. */
    long liveSubscriptions(String kind) {
        long n = 0;
        for (Session s : sessions) {
            synchronized (s) {
                n += s.subs.values().stream()
                        .filter(sub -> sub.kind.equals(kind))
                        .count();
            }
        }
        return n;
    }

    /** Closes every socket from the server side with {@code code}. */
    void closeAll(int code, String reason) {
        for (Session s : sessions) {
            s.ws.close(code, reason);
        }
    }

    /** Drops every socket (1012, service restart: okhttp cannot cancel a server-side socket). */
    void cancelAll() {
        closeAll(1012, "service restart");
    }

    /** Sends a raw text frame on every socket. */
    void sendRaw(String text) {
        for (Session s : sessions) {
            s.ws.send(text);
        }
    }

    /** Pushes a pending transaction to every newPendingTransactions subscription. */
    void pushPending(ObjectNode tx) {
        for (Session s : sessions) {
            synchronized (s) {
                s.subs.forEach((id, sub) -> {
                    if (sub.kind.equals("newPendingTransactions")) {
                        s.notify(id, sub.full ? tx : tx.get("hash"));
                    }
                });
            }
        }
    }

    @Override
    public void onBlock(FakeChain.Block block) {
        if (muted) {
            return;
        }
        for (Session s : sessions) {
            s.onBlock(block, false);
        }
    }

    @Override
    public void onReorg(List<FakeChain.Block> removed, List<FakeChain.Block> added) {
        if (muted) {
            return;
        }
        for (Session s : sessions) {
            for (FakeChain.Block b : removed) {
                s.onBlock(b, true);
            }
            for (FakeChain.Block b : added) {
                s.onBlock(b, false);
            }
        }
    }

    private MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            upgrades.incrementAndGet();
            int status = rejectUpgradeStatus;
            if (status != 0) {
                return new MockResponse().setResponseCode(status);
            }
            MockResponse response = new MockResponse().withWebSocketUpgrade(new Session());
            if (slowHandshakes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                response.setHeadersDelay(slowHandshakeMillis, TimeUnit.MILLISECONDS);
            }
            return response;
        }
        httpCalls.incrementAndGet();
        CountDownLatch gate = httpGate;
        if (gate != null) {
            httpWaiting.incrementAndGet();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } finally {
                httpWaiting.decrementAndGet();
            }
        }
        try {
            JsonNode call = JSON.readTree(request.getBody().readUtf8());
            ObjectNode reply = JSON.createObjectNode();
            reply.put("jsonrpc", "2.0");
            reply.set("id", call.get("id"));
            try {
                reply.set("result", answer(call.get("method").asText(), call.get("params"), true));
            } catch (RpcError e) {
                ObjectNode error = reply.putObject("error");
                error.put("code", e.code);
                error.put("message", e.getMessage());
            }
            return new MockResponse()
                    .setBody(JSON.writeValueAsString(reply))
                    .setHeader("Content-Type", "application/json");
        } catch (IOException e) {
            return new MockResponse().setResponseCode(400);
        }
    }

    private static final class RpcError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        RpcError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The read methods both sides serve. */
    private JsonNode answer(String method, JsonNode params, boolean http) {
        switch (method) {
            case "eth_chainId":
                return JSON.getNodeFactory().textNode(hex(chainId));
            case "eth_blockNumber":
                return JSON.getNodeFactory().textNode(hex(chain.head()));
            case "eth_getBlockByNumber": {
                long n = Long.decode(params.get(0).asText());
                if (n > chain.head() || (http && httpLacks.contains(n))) {
                    return JSON.nullNode();
                }
                return chain.block(n).header();
            }
            case "eth_getLogs": {
                JsonNode filter = params.get(0);
                long from = Long.decode(filter.get("fromBlock").asText());
                long to = Long.decode(filter.get("toBlock").asText());
                if (http) {
                    for (long n = from; n <= to; n++) {
                        if (httpLacks.contains(n)) {
                            throw new RpcError(-32000, "history of block " + n + " is pruned");
                        }
                    }
                }
                JsonNode addresses = filter.get("address");
                String address = addresses == null ? null : addresses.get(0).asText();
                ArrayNode logs = JSON.createArrayNode();
                chain.logs(from, to, address).forEach(l -> logs.add(l.json(false)));
                return logs;
            }
            default:
                throw new RpcError(-32601, "method " + method + " not found");
        }
    }

    private static final class Sub {
        final String kind;
        final String address;
        final boolean full;

        Sub(String kind, String address, boolean full) {
            this.kind = kind;
            this.address = address;
            this.full = full;
        }
    }

    /** One server-side socket. */
    private final class Session extends WebSocketListener {
        final Map<String, Sub> subs = new ConcurrentHashMap<>();
        volatile WebSocket ws;
        private final AtomicLong ids = new AtomicLong(0x100);

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.ws = webSocket;
            sessions.add(this);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode call;
            try {
                call = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            String method = call.get("method").asText();
            socketCalls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            if (swallow.contains(method)) {
                return;
            }
            JsonNode params = call.get("params");
            ObjectNode reply = JSON.createObjectNode();
            reply.put("jsonrpc", "2.0");
            reply.set("id", call.get("id"));
            synchronized (this) {
                // the answer goes out before the subscription becomes live, as a real node does
                try {
                    switch (method) {
                        case "eth_subscribe" -> {
                            if (failSubscribes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                throw new RpcError(subscribeErrorCode, "subscription refused (injected)");
                            }
                            String kind = params.get(0).asText();
                            if (!Set.of("newHeads", "logs", "newPendingTransactions")
                                    .contains(kind)) {
                                throw new RpcError(-32602, "unsupported subscription " + kind);
                            }
                            String address = null;
                            boolean full = false;
                            if (kind.equals("logs")
                                    && params.size() > 1
                                    && params.get(1).has("address")) {
                                address = params.get(1).get("address").get(0).asText();
                            }
                            if (kind.equals("newPendingTransactions") && params.size() > 1) {
                                full = params.get(1).asBoolean();
                            }
                            String id = "0x" + Long.toHexString(ids.incrementAndGet()) + "aa";
                            reply.put("result", id);
                            send(reply);
                            subs.put(id, new Sub(kind, address, full));
                            return;
                        }
                        case "eth_unsubscribe" ->
                            reply.put("result", subs.remove(params.get(0).asText()) != null);
                        case "eth_call" -> reply.put("result", "0x" + "00".repeat(31) + "2a");
                        case "eth_sendRawTransaction" -> reply.put("result", "0x" + "11".repeat(32));
                        case "test_echo" -> reply.set("result", params);
                        default -> reply.set("result", answer(method, params, false));
                    }
                } catch (RpcError e) {
                    ObjectNode error = reply.putObject("error");
                    error.put("code", e.code);
                    error.put("message", e.getMessage());
                }
                send(reply);
            }
        }

        synchronized void onBlock(FakeChain.Block block, boolean removed) {
            subs.forEach((id, sub) -> {
                if (sub.kind.equals("newHeads") && !removed) {
                    notify(id, block.header());
                } else if (sub.kind.equals("logs")) {
                    for (FakeChain.Log log : block.logs()) {
                        if (sub.address == null || sub.address.equalsIgnoreCase(log.address())) {
                            notify(id, log.json(removed));
                            if (closeAfterLogs.get() > 0 && closeAfterLogs.decrementAndGet() == 0) {
                                ws.close(1001, "going away"); // the rest of this block never goes out here
                            }
                        }
                    }
                }
            });
        }

        void notify(String id, JsonNode result) {
            ObjectNode n = JSON.createObjectNode();
            n.put("jsonrpc", "2.0");
            n.put("method", "eth_subscription");
            ObjectNode params = n.putObject("params");
            params.put("subscription", id);
            params.set("result", result);
            send(n);
        }

        private void send(JsonNode node) {
            try {
                ws.send(JSON.writeValueAsString(node));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            sessions.remove(this);
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            sessions.remove(this);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            sessions.remove(this);
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
