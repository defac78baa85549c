package io.mevkit.core.rpc;

import com.fasterxml.jackson.databind.JavaType;
import io.mevkit.core.rpc.internal.JsonRpcCodec;
import io.mevkit.core.rpc.internal.JsonRpcMapper;
import io.mevkit.core.rpc.internal.Secrets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes JSON-RPC response bodies exactly as {@link RpcClient} does, for bodies obtained elsewhere (recorded
 * fixtures, caches, another transport). Thread-safe.
 */
public final class RpcJson {
    private static final JsonRpcCodec CODEC = new JsonRpcCodec(JsonRpcMapper.shared());

    private RpcJson() {}

    /**
     * The result of the single JSON-RPC response in {@code body}, decoded into {@code type}; null when the result is
     * JSON null.
     *
     * @param method the method the response answers, for error messages
     * @throws RpcException {@link RpcException.Kind#RPC_ERROR} for an error response,
     *     {@link RpcException.Kind#MALFORMED_RESPONSE} for anything that is not a response or does not decode
     */
    public static <T> @Nullable T decodeResult(String method, byte[] body, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return decodeResult(method, body, JsonRpcMapper.TYPES.constructType(type));
    }

    /** Like {@link #decodeResult(String, byte[], Class)} for a generic type; the caller vouches for {@code T}. */
    @SuppressWarnings("unchecked")
    public static <T> @Nullable T decodeResult(String method, byte[] body, JavaType type) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(type, "type");
        return (T) CODEC.readSingle(body, -1, type, new JsonRpcCodec.Source(method, null, Secrets.none()));
    }
}
