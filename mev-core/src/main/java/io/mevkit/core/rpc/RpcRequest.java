package io.mevkit.core.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.mevkit.core.rpc.internal.Methods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One JSON-RPC call to make: the method, its positional params, the Java type its result decodes into, an optional
 * per-call timeout and whether it is an idempotent read (which the client may retry and fail over).
 *
 * <p>Params are written with mevkit's JSON mapping: {@code BigInteger} as a hex quantity, {@code byte[]},
 * {@code Address} and {@code Hash} as 0x-hex, {@link BlockTag} as its value, maps and lists as JSON objects and
 * arrays, other numbers, strings and booleans as themselves. Results decode into mevkit's records ({@link Block},
 * {@link Transaction}, {@link TransactionReceipt}, {@link Log}, {@link FeeHistory}), {@code Address}, {@code Hash},
 * {@code BigInteger}/{@code Long} (from hex quantities), {@code byte[]} (from 0x-hex), {@code JsonNode}, or any type
 * Jackson can bind. Immutable.
 *
 * @param <T> the result type
 */
public final class RpcRequest<T> {
    private static final TypeFactory TYPES = TypeFactory.defaultInstance();

    private final String method;
    private final List<@Nullable Object> params;
    private final JavaType resultType;
    private final @Nullable Duration timeout;
    private final boolean idempotent;

    private RpcRequest(
            String method,
            List<@Nullable Object> params,
            JavaType resultType,
            @Nullable Duration timeout,
            boolean idempotent) {
        this.method = method;
        this.params = params;
        this.resultType = resultType;
        this.timeout = timeout;
        this.idempotent = idempotent;
    }

    /** A call of {@code method} with {@code params} whose result decodes into {@code resultType}. */
    public static <T> RpcRequest<T> of(String method, Class<T> resultType, @Nullable Object... params) {
        Objects.requireNonNull(resultType, "resultType");
        return create(method, TYPES.constructType(resultType), Arrays.asList(params));
    }

    /** A call whose result decodes into a generic type, e.g. {@code new TypeReference<List<Log>>() {}}. */
    public static <T> RpcRequest<T> of(String method, TypeReference<T> resultType, @Nullable Object... params) {
        Objects.requireNonNull(resultType, "resultType");
        return create(method, TYPES.constructType(resultType), Arrays.asList(params));
    }

    /**
     * A call whose result decodes into {@code resultType}; the caller vouches that {@code T} matches it.
     *
     * @param params positional params; may contain nulls
     */
    public static <T> RpcRequest<T> of(String method, JavaType resultType, List<?> params) {
        Objects.requireNonNull(resultType, "resultType");
        return create(method, resultType, params);
    }

    private static <T> RpcRequest<T> create(String method, JavaType resultType, List<?> params) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (!Methods.isValidName(method)) {
            throw new IllegalArgumentException(
                    "method must be a JSON-RPC method name like eth_call but was '" + method + "'");
        }
        List<@Nullable Object> copy = Collections.unmodifiableList(new ArrayList<>(params));
        return new RpcRequest<>(method, copy, resultType, null, Methods.isIdempotentRead(method));
    }

    public String method() {
        return method;
    }

    /** The positional params (unmodifiable; may contain nulls). */
    public List<@Nullable Object> params() {
        return params;
    }

    public JavaType resultType() {
        return resultType;
    }

    /** The timeout of each HTTP exchange of this call, when it overrides the client's default. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * Whether the client may retry this call and fail it over to another endpoint after a failure that may have
     * reached the node. By default true for {@code eth_}, {@code net_} and {@code web3_} reads and false for
     * everything that sends, signs or creates server-side state (filters, subscriptions).
     */
    public boolean idempotent() {
        return idempotent;
    }

    /** This call with each HTTP exchange limited to {@code perExchange} (failover and retries take further ones). */
    public RpcRequest<T> withTimeout(Duration perExchange) {
        Objects.requireNonNull(perExchange, "timeout");
        if (perExchange.isNegative() || perExchange.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + perExchange);
        }
        return new RpcRequest<>(method, params, resultType, perExchange, idempotent);
    }

    /** This call, marked idempotent or not (see {@link #idempotent()}). */
    public RpcRequest<T> withIdempotent(boolean isIdempotent) {
        return new RpcRequest<>(method, params, resultType, timeout, isIdempotent);
    }

    @Override
    public String toString() {
        // params are not shown: they may carry signed transactions that are private until included
        return "RpcRequest[" + method + ", " + params.size() + " params -> " + resultType.toCanonical()
                + (timeout == null ? "" : ", timeout " + timeout) + (idempotent ? ", idempotent" : "") + "]";
    }
}
