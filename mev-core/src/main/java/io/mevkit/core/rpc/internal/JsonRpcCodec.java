package io.mevkit.core.rpc.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.MevException;
import io.mevkit.core.rpc.RpcException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes JSON-RPC 2.0 requests and reads responses with Jackson's streaming parser: a result is bound straight into
 * its Java type without an intermediate tree (a batch element whose {@code result} precedes its {@code id} is
 * buffered as a tree). Thread-safe.
 */
public final class JsonRpcCodec {
    private final ObjectMapper mapper;

    public JsonRpcCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** One call in a request body. */
    public record Call(long id, String method, List<@Nullable Object> params) {}

    /** The body of a single call. */
    public byte[] write(Call call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            writeCall(g, call);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The body of a batch. */
    public byte[] writeBatch(List<Call> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * calls.size());
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartArray();
            for (Call call : calls) {
                writeCall(g, call);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeCall(JsonGenerator g, Call call) throws IOException {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeNumberField("id", call.id());
        g.writeStringField("method", call.method());
        g.writeFieldName("params");
        g.writeStartArray();
        for (Object param : call.params()) {
            mapper.writeValue(g, param);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Where a response was read from, for messages. */
    public record Source(String method, @Nullable String endpoint, Secrets secrets) {}

    /**
     * Reads a single response and returns its decoded result (null for a JSON null result).
     *
     * @param id the id the response must carry (a null id is accepted: nodes answer parse errors so), or a negative
     *     number to accept any
     * @throws RpcException RPC_ERROR for an error object, MALFORMED_RESPONSE for anything that is not a response to
     *     {@code id} or whose result does not decode into {@code type}
     */
    public @Nullable Object readSingle(InputStream body, long id, JavaType type, Source source) {
        try {
            return readSingle(mapper.createParser(body), id, type, source);
        } catch (IOException e) {
            throw malformed(source, "the body could not be read", e);
        }
    }

    /** As {@link #readSingle(InputStream, long, JavaType, Source)}, from bytes in memory. */
    public @Nullable Object readSingle(byte[] body, long id, JavaType type, Source source) {
        try {
            return readSingle(mapper.createParser(body), id, type, source);
        } catch (IOException e) {
            throw malformed(source, "the body could not be read", e);
        }
    }

    private @Nullable Object readSingle(JsonParser parser, long id, JavaType type, Source source) {
        try (JsonParser p = parser) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw malformed(source, "the body is not a JSON-RPC response object", null);
            }
            Element element = readElement(p, type, source);
            if (element.error != null) {
                throw element.error; // whatever its id: parse errors come with a null id
            }
            if (id >= 0 && element.id != null && element.id != id) {
                throw malformed(source, "the response answers id " + element.id + ", not " + id, null);
            }
            return element.outcome(source);
        } catch (StreamReadException e) {
            throw malformed(source, "the body is not valid JSON", e);
        } catch (IOException e) {
            throw malformed(source, "the body could not be read", e);
        }
    }

    /**
     * Reads a batch response, matching entries to requests by id in any order.
     *
     * @param ids the request ids, in request order
     * @param types the result types, in request order
     * @param methods the method names, in request order
     * @return per request, its decoded result or the {@link RpcException} for that request
     * @throws RpcException for a body that is not a valid batch response as a whole (a JSON-RPC error object in place
     *     of the array is an RPC_ERROR)
     */
    public Object[] readBatch(
            InputStream body, List<Long> ids, List<JavaType> types, List<String> methods, Source source) {
        Map<Long, Integer> index = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        Object[] results = new Object[ids.size()];
        boolean[] seen = new boolean[ids.size()];
        try (JsonParser p = mapper.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                // some nodes answer a whole batch with one error (batch too large, rate limited)
                Element element = readElement(p, mapper.constructType(JsonNode.class), source);
                if (element.error != null) {
                    throw element.error;
                }
                throw malformed(source, "a batch was answered with a single response object", null);
            }
            if (first != JsonToken.START_ARRAY) {
                throw malformed(source, "the body is not a JSON-RPC batch response array", null);
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Element element = readElementById(p, index, types, methods, source);
                if (element.id == null) {
                    if (element.error != null) {
                        throw element.error; // an error for the batch as a whole
                    }
                    throw malformed(source, "a batch entry has no id", null);
                }
                Integer i = index.get(element.id);
                if (i == null) {
                    throw malformed(source, "a batch entry answers unknown id " + element.id, null);
                }
                if (seen[i]) {
                    throw malformed(source, "the batch answers id " + element.id + " twice", null);
                }
                seen[i] = true;
                Source elementSource = new Source(methods.get(i), source.endpoint(), source.secrets());
                try {
                    results[i] = element.outcome(elementSource);
                } catch (RpcException e) {
                    results[i] = e;
                }
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw malformed(source, "a batch response entry is not an object", null);
            }
        } catch (StreamReadException e) {
            throw malformed(source, "the body is not valid JSON", e);
        } catch (IOException e) {
            throw malformed(source, "the body could not be read", e);
        }
        for (int i = 0; i < results.length; i++) {
            if (!seen[i]) {
                results[i] = RpcException.of(
                        RpcException.Kind.MISSING_RESPONSE,
                        methods.get(i),
                        source.endpoint(),
                        "the batch response has no entry for id " + ids.get(i),
                        null);
            }
        }
        return results;
    }

    /** One parsed response object: its id, and either a decoded result, a decode failure or an error. */
    private static final class Element {
        @Nullable
        Long id;

        boolean hasResult;

        @Nullable
        Object result;

        @Nullable
        JsonNode pendingResult;

        @Nullable
        RpcException error;

        @Nullable
        RpcException decodeFailure;

        @Nullable
        Object outcome(Source source) {
            if (error != null) {
                throw error.method().equals(source.method()) ? error : error.withMethod(source.method());
            }
            if (decodeFailure != null) {
                throw decodeFailure;
            }
            if (!hasResult) {
                throw RpcException.of(
                        RpcException.Kind.MALFORMED_RESPONSE,
                        source.method(),
                        source.endpoint(),
                        "the response has neither result nor error",
                        null);
            }
            return result;
        }
    }

    private Element readElement(JsonParser p, JavaType type, Source source) throws IOException {
        return readElementById(p, null, List.of(type), List.of(source.method()), source);
    }

    /**
     * Reads one response object (the parser is at its START_OBJECT). With {@code index} null the single type
     * applies; otherwise the type is looked up by id, and a result seen before the id is buffered.
     */
    private Element readElementById(
            JsonParser p, @Nullable Map<Long, Integer> index, List<JavaType> types, List<String> methods, Source source)
            throws IOException {
        Element element = new Element();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "id" -> element.id = readId(p, value, source);
                case "result" -> {
                    element.hasResult = true;
                    Integer i = index == null ? Integer.valueOf(0) : element.id == null ? null : index.get(element.id);
                    if (value == JsonToken.VALUE_NULL) {
                        element.result = null;
                    } else if (i != null) {
                        decodeInto(element, p, types.get(i), methods.get(i), source);
                    } else {
                        element.pendingResult = mapper.readTree(p);
                    }
                }
                case "error" -> element.error = readError(p, value, source);
                default -> p.skipChildren();
            }
        }
        if (element.pendingResult != null && element.id != null && index != null) {
            Integer i = index.get(element.id);
            if (i != null) {
                try (JsonParser buffered = mapper.treeAsTokens(element.pendingResult)) {
                    buffered.nextToken();
                    decodeInto(element, buffered, types.get(i), methods.get(i), source);
                }
            }
        }
        return element;
    }

    private void decodeInto(Element element, JsonParser p, JavaType type, String method, Source source)
            throws IOException {
        try {
            element.result = mapper.readValue(p, type);
        } catch (StreamReadException e) {
            throw e; // broken JSON: the whole body is unusable
        } catch (IOException | MevException | IllegalArgumentException e) {
            // a well-formed result that does not fit the type: this response only
            element.decodeFailure = RpcException.of(
                    RpcException.Kind.MALFORMED_RESPONSE,
                    method,
                    source.endpoint(),
                    "the result does not decode into " + type.toCanonical() + ": "
                            + source.secrets().scrub(firstLine(e.getMessage())),
                    source.secrets().scrub(e));
            if (p.currentToken() != null && p.currentToken().isStructStart()) {
                p.skipChildren();
            }
        }
    }

    private @Nullable Long readId(JsonParser p, JsonToken value, Source source) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT -> p.getLongValue();
            case VALUE_STRING -> {
                try {
                    yield Long.parseLong(p.getText());
                } catch (NumberFormatException e) {
                    throw malformed(source, "the response id is not one this client sent", null);
                }
            }
            case VALUE_NULL -> null;
            default -> throw malformed(source, "the response id is not a number", null);
        };
    }

    private RpcException readError(JsonParser p, JsonToken value, Source source) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return malformed(source, "the error member is not an object", null);
        }
        Integer code = null;
        String message = null;
        String data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "code" -> code = token == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "message" -> message = token == JsonToken.VALUE_STRING ? p.getText() : null;
                case "data" -> {
                    JsonNode node = mapper.readTree(p);
                    data = node == null || node.isNull() ? null : node.toString();
                }
                default -> p.skipChildren();
            }
        }
        if (code == null) {
            return malformed(source, "the error object has no integer code", null);
        }
        Secrets secrets = source.secrets();
        return RpcException.rpcError(
                source.method(),
                source.endpoint(),
                code,
                String.valueOf(secrets.scrub(message == null ? "(no message)" : message)),
                secrets.scrub(data));
    }

    private static RpcException malformed(Source source, String what, @Nullable Throwable cause) {
        String detail = what;
        if (cause != null) {
            detail += ": " + source.secrets().scrub(firstLine(cause.getMessage()));
        }
        return RpcException.of(
                RpcException.Kind.MALFORMED_RESPONSE,
                source.method(),
                source.endpoint(),
                detail,
                cause == null ? null : source.secrets().scrub(cause));
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
