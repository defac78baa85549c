package io.mevkit.ws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.ws.Head;
import io.mevkit.ws.LogEvent;
import io.mevkit.ws.LogFilter;
import io.mevkit.ws.PendingTransaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON-RPC framing and the decoders from node JSON to mevkit's records. Stateless; thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** A node's JSON did not have the shape a field requires. */
    public static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedException(String message) {
            super(message);
        }
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code {"jsonrpc":"2.0","id":id,"method":method,"params":params}}. */
    public static String request(long id, String method, JsonNode params) {
        ObjectNode node = NODES.objectNode();
        node.put("jsonrpc", "2.0");
        node.put("id", id);
        node.put("method", method);
        node.set("params", params);
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a JSON-RPC request", e);
        }
    }

    /** Converts request parameters given as Java values (strings, numbers, booleans, maps, lists, JsonNodes). */
    public static ArrayNode params(Object... params) {
        ArrayNode array = NODES.arrayNode();
        for (Object param : params) {
            array.add(param instanceof JsonNode node ? node : MAPPER.valueToTree(param));
        }
        return array;
    }

    /** The filter object of {@code eth_subscribe("logs", …)}. */
    public static ObjectNode filter(LogFilter filter) {
        ObjectNode node = NODES.objectNode();
        if (!filter.addresses().isEmpty()) {
            ArrayNode addresses = node.putArray("address");
            filter.addresses().forEach(a -> addresses.add(a.hex()));
        }
        if (!filter.topics().isEmpty()) {
            ArrayNode topics = node.putArray("topics");
            for (List<Hash> position : filter.topics()) {
                if (position.isEmpty()) {
                    topics.addNull();
                } else {
                    ArrayNode any = topics.addArray();
                    position.forEach(t -> any.add(t.hex()));
                }
            }
        }
        return node;
    }

    /** The filter object of {@code eth_getLogs} for blocks {@code from..to}. */
    public static ObjectNode getLogsFilter(LogFilter filter, long from, long to) {
        ObjectNode node = filter(filter);
        node.put("fromBlock", Hex.quantity(from));
        node.put("toBlock", Hex.quantity(to));
        return node;
    }

    public static Head head(JsonNode n) {
        requireObject(n, "block header");
        JsonNode baseFee = n.get("baseFeePerGas");
        return new Head(
                quantity(n, "number"),
                hash(n, "hash"),
                hash(n, "parentHash"),
                quantity(n, "timestamp"),
                baseFee == null || baseFee.isNull()
                        ? Optional.empty()
                        : Optional.of(Hex.toBigInteger(baseFee.asText())),
                quantity(n, "gasLimit"),
                quantity(n, "gasUsed"),
                Address.of(text(n, "miner")));
    }

    public static LogEvent log(JsonNode n) {
        requireObject(n, "log");
        JsonNode topicsNode = n.get("topics");
        List<Hash> topics = new ArrayList<>(4);
        if (topicsNode != null && topicsNode.isArray()) {
            for (JsonNode t : topicsNode) {
                topics.add(Hash.of(t.asText()));
            }
        }
        JsonNode removed = n.get("removed");
        return new LogEvent(
                Address.of(text(n, "address")),
                topics,
                text(n, "data").toLowerCase(Locale.ROOT),
                quantity(n, "blockNumber"),
                hash(n, "blockHash"),
                hash(n, "transactionHash"),
                (int) quantity(n, "transactionIndex"),
                (int) quantity(n, "logIndex"),
                removed != null && removed.asBoolean());
    }

    public static PendingTransaction pendingTransaction(JsonNode n) {
        requireObject(n, "transaction");
        JsonNode to = n.get("to");
        JsonNode type = n.get("type");
        return new PendingTransaction(
                hash(n, "hash"),
                Address.of(text(n, "from")),
                to == null || to.isNull() ? Optional.empty() : Optional.of(Address.of(to.asText())),
                quantity(n, "nonce"),
                Hex.toBigInteger(text(n, "value")),
                quantity(n, "gas"),
                optionalBig(n, "gasPrice"),
                optionalBig(n, "maxFeePerGas"),
                optionalBig(n, "maxPriorityFeePerGas"),
                input(n),
                type == null || type.isNull() ? 0 : (int) Hex.toLong(type.asText()));
    }

    public static Hash hash(JsonNode n) {
        if (!n.isTextual()) {
            throw new MalformedException("expected a 32-byte hash but got " + n.getNodeType());
        }
        return Hash.of(n.asText());
    }

    private static String input(JsonNode n) {
        JsonNode input = n.get("input");
        if (input == null) {
            input = n.get("data");
        }
        if (input == null || !input.isTextual()) {
            throw new MalformedException("transaction without input");
        }
        return input.asText().toLowerCase(Locale.ROOT);
    }

    private static Optional<BigInteger> optionalBig(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(Hex.toBigInteger(v.asText()));
    }

    private static long quantity(JsonNode n, String field) {
        return Hex.toLong(text(n, field));
    }

    private static Hash hash(JsonNode n, String field) {
        return Hash.of(text(n, field));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedException("missing or non-text field " + field);
        }
        return v.asText();
    }

    private static void requireObject(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new MalformedException("expected a " + what + " object");
        }
    }
}
