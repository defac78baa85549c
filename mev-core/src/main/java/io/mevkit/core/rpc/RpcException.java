package io.mevkit.core.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.MevException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A failed JSON-RPC call: the {@linkplain #method() method}, the {@linkplain #kind() kind} of failure, the redacted
 * {@linkplain #endpoint() endpoint} that failed and, for an error object returned by the node, its
 * {@linkplain #code() code}, {@linkplain #rpcMessage() message} and {@linkplain #data() data}.
 *
 * <p>The message never contains a secret: endpoint URLs appear as host and path with credentials, query strings
 * and key-like path segments removed, and text the node sent back is scrubbed of the client's credentials.
 * Instances are immutable.
 */
public class RpcException extends MevException {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper DATA_READER = new ObjectMapper();

    /** Why a call failed; {@link #isRetryable()} tells which kinds a read may be retried on. */
    public enum Kind {
        /** The node answered with a JSON-RPC error object (code, message, data). */
        RPC_ERROR,
        /** The HTTP status was not 2xx. */
        HTTP_STATUS,
        /** The connection failed or broke (refused, reset, DNS, TLS). */
        TRANSPORT,
        /** No complete answer within the call's timeout. */
        TIMEOUT,
        /** The body was not a valid JSON-RPC response, or its result did not decode into the expected type. */
        MALFORMED_RESPONSE,
        /** The body was larger than the client's limit; reading stopped at the limit. */
        OVERSIZE_RESPONSE,
        /** The endpoint serves another chain than the client is configured for; it is never used. */
        WRONG_CHAIN,
        /** Every usable endpoint's circuit breaker was open. */
        CIRCUIT_OPEN,
        /** A batch response had no entry for this request's id. */
        MISSING_RESPONSE,
        /** The calling thread was interrupted. */
        INTERRUPTED,
        /** The client was closed. */
        CLOSED
    }

    private final Kind kind;
    private final String method;
    private final @Nullable String endpoint;
    private final @Nullable Integer code;
    private final @Nullable String rpcMessage;
    private final @Nullable String dataJson;
    private final int httpStatus;
    private final String detail;

    private RpcException(
            Kind kind,
            String method,
            @Nullable String endpoint,
            @Nullable Integer code,
            @Nullable String rpcMessage,
            @Nullable String dataJson,
            int httpStatus,
            String detail,
            @Nullable Throwable cause) {
        super(compose(method, endpoint, detail), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.method = Objects.requireNonNull(method, "method");
        this.endpoint = endpoint;
        this.code = code;
        this.rpcMessage = rpcMessage;
        this.dataJson = dataJson;
        this.httpStatus = httpStatus;
        this.detail = detail;
    }

    private static String compose(String method, @Nullable String endpoint, String detail) {
        return method + (endpoint == null ? "" : " at " + endpoint) + ": " + detail;
    }

    /**
     * A JSON-RPC error object returned by the node.
     *
     * @param dataJson the error's {@code data} member as JSON text, or null when absent
     */
    public static RpcException rpcError(
            String method, @Nullable String endpoint, int code, String message, @Nullable String dataJson) {
        Objects.requireNonNull(message, "message");
        return new RpcException(
                Kind.RPC_ERROR,
                method,
                endpoint,
                code,
                message,
                dataJson,
                0,
                "JSON-RPC error " + code + ": " + message,
                null);
    }

    /** A non-2xx HTTP status; {@code code}/{@code message} are set when the body carried a JSON-RPC error. */
    public static RpcException httpStatus(
            String method,
            @Nullable String endpoint,
            int status,
            @Nullable Integer code,
            @Nullable String message,
            @Nullable String dataJson) {
        String detail = "HTTP " + status + (message == null ? "" : " (JSON-RPC error " + code + ": " + message + ")");
        return new RpcException(Kind.HTTP_STATUS, method, endpoint, code, message, dataJson, status, detail, null);
    }

    /** Any kind other than {@link Kind#RPC_ERROR} and {@link Kind#HTTP_STATUS}, with a detail and an optional cause. */
    public static RpcException of(
            Kind kind, String method, @Nullable String endpoint, String detail, @Nullable Throwable cause) {
        if (kind == Kind.RPC_ERROR || kind == Kind.HTTP_STATUS) {
            throw new IllegalArgumentException("use rpcError or httpStatus for " + kind);
        }
        return new RpcException(kind, method, endpoint, null, null, null, 0, detail, cause);
    }

    /** The same failure attributed to another method name (e.g. a batch element), keeping everything else. */
    public RpcException withMethod(String otherMethod) {
        RpcException copy = new RpcException(
                kind, otherMethod, endpoint, code, rpcMessage, dataJson, httpStatus, detail, getCause());
        for (Throwable suppressed : getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON-RPC method that failed (for a whole batch, {@code batch[m1,m2,...]}). */
    public String method() {
        return method;
    }

    /** The redacted endpoint (host and path) that produced the failure, when one did. */
    public Optional<String> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** The JSON-RPC error code, for {@link Kind#RPC_ERROR} (and an HTTP error whose body carried one). */
    public OptionalInt code() {
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** The JSON-RPC error message as the node sent it (scrubbed of the client's credentials). */
    public Optional<String> rpcMessage() {
        return Optional.ofNullable(rpcMessage);
    }

    /** The JSON-RPC error's {@code data} member (often revert data), as raw JSON text. */
    public Optional<String> dataJson() {
        return Optional.ofNullable(dataJson);
    }

    /** The JSON-RPC error's {@code data} member as a fresh tree. */
    public Optional<JsonNode> data() {
        if (dataJson == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(DATA_READER.readTree(dataJson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored error data is not JSON", e);
        }
    }

    /** The HTTP status, for {@link Kind#HTTP_STATUS}. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /**
     * Whether an idempotent read may be retried after this failure: transport failures, timeouts, HTTP 408, 429 and
     * 5xx, malformed bodies, open circuits, and the node's rate-limit error ({@code -32005}).
     */
    public boolean isRetryable() {
        return switch (kind) {
            case TRANSPORT, TIMEOUT, MALFORMED_RESPONSE, CIRCUIT_OPEN -> true;
            case HTTP_STATUS -> httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
            case RPC_ERROR -> code != null && code == -32005;
            case OVERSIZE_RESPONSE, WRONG_CHAIN, MISSING_RESPONSE, INTERRUPTED, CLOSED -> false;
        };
    }
}
