package io.mevkit.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Hash;
import io.mevkit.core.ValidationException;
import io.mevkit.core.bundle.internal.BundleJson;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcException.Kind;
import io.mevkit.core.rpc.internal.NoDelaySocketFactory;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC client of one block builder: {@code eth_sendBundle}, {@code eth_callBundle}, cancellation (by
 * {@code eth_cancelBundle} or by an empty bundle, per {@link BuilderDialect}), {@code mev_sendBundle} and
 * {@code flashbots_getBundleStatsV2}. Each request body is serialised once and those exact bytes are signed
 * ({@link FlashbotsSigner}) and sent. Failures of the exchange throw {@link RpcException}; a simulation's revert or
 * a top-level error from {@code eth_callBundle} is a {@link CallBundleOutcome}. Thread-safe; close it to release the
 * HTTP client it created (a client passed in is left to its owner).
 */
public final class BuilderClient implements BundleSubmitter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BuilderClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** A bundle answer is small; a larger body is a misbehaving builder. */
    private static final long MAX_RESPONSE_BYTES = 4L << 20;

    private final BuilderEndpoint endpoint;
    private final @Nullable FlashbotsSigner signer;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final AtomicLong ids = new AtomicLong();

    private BuilderClient(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint);
        this.signer = b.signer;
        if (b.http != null) {
            this.http = b.http.newBuilder().callTimeout(b.timeout).build();
            this.ownsHttp = false;
        } else {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequestsPerHost(b.maxConcurrentRequests);
            dispatcher.setMaxRequests(b.maxConcurrentRequests);
            this.http = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .socketFactory(NoDelaySocketFactory.instance())
                    .callTimeout(b.timeout)
                    .build();
            this.ownsHttp = true;
        }
    }

    /** A builder; {@link Builder#endpoint(BuilderEndpoint)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The builder this client talks to. */
    public BuilderEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return endpoint.name();
    }

    /** Cancels by replacement id without a target block (see {@link #cancelBundle(String, OptionalLong)}). */
    @Override
    public void cancel(String replacementId) {
        cancelBundle(replacementId, OptionalLong.empty());
    }

    @Override
    public CompletableFuture<Void> cancelAsync(String replacementId) {
        return cancelBundleAsync(replacementId, OptionalLong.empty());
    }

    /** {@code eth_sendBundle}; returns the bundle hash the builder answered with. */
    public Hash sendBundle(Bundle bundle) {
        return join(sendBundleAsync(bundle));
    }

    /** The asynchronous twin of {@link #sendBundle(Bundle)}. */
    @Override
    public CompletableFuture<Hash> sendBundleAsync(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        ObjectNode params = BundleJson.sendBundleParams(bundle, endpoint.dialect());
        return exchange("eth_sendBundle", params, BundleJson::bundleHash, null);
    }

    /**
     * Cancels the bundles sent with {@code replacementId}: {@code eth_cancelBundle} or, for builders that cancel by
     * replacement, an empty {@code eth_sendBundle} with the same id (and {@code blockNumber}, when given).
     */
    public void cancelBundle(String replacementId, OptionalLong blockNumber) {
        join(cancelBundleAsync(replacementId, blockNumber));
    }

    /** The asynchronous twin of {@link #cancelBundle(String, OptionalLong)}. */
    public CompletableFuture<Void> cancelBundleAsync(String replacementId, OptionalLong blockNumber) {
        Objects.requireNonNull(replacementId, "replacementId");
        Objects.requireNonNull(blockNumber, "blockNumber");
        if (replacementId.isBlank()) {
            throw new ValidationException("replacementId", replacementId, "must not be blank");
        }
        BuilderDialect dialect = endpoint.dialect();
        CompletableFuture<JsonNode> answer;
        if (dialect.cancel() == BuilderDialect.Cancel.ENDPOINT) {
            ObjectNode params = BundleJson.MAPPER.createObjectNode().put("replacementUuid", replacementId);
            answer = exchange("eth_cancelBundle", params, r -> r, null);
        } else {
            answer = exchange(
                    "eth_sendBundle", BundleJson.emptyBundleParams(replacementId, dialect, blockNumber), r -> r, null);
        }
        return answer.thenApply(r -> null);
    }

    /**
     * {@code eth_callBundle}: simulates {@code bundle} for its {@code blockNumber} on {@code stateBlock}'s state.
     *
     * @return the typed simulation, a revert, or the builder's top-level error
     * @throws RpcException when the exchange failed or the answer was malformed or inconsistent
     */
    public CallBundleOutcome callBundle(Bundle bundle, BlockTag stateBlock, OptionalLong timestamp) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(stateBlock, "stateBlock");
        Objects.requireNonNull(timestamp, "timestamp");
        ObjectNode params = BundleJson.callBundleParams(bundle, stateBlock, timestamp);
        return join(exchange(
                "eth_callBundle",
                params,
                r -> {
                    CallBundleResult result = BundleJson.callBundleResult(r);
                    for (int i = 0; i < result.results().size(); i++) {
                        CallBundleResult.TxResult t = result.results().get(i);
                        if (t.failed()) {
                            return new CallBundleOutcome.Reverted(
                                    result, i, t.txHash(), t.error().orElse("reverted"), t.revert());
                        }
                    }
                    return new CallBundleOutcome.Simulated(result);
                },
                e -> new CallBundleOutcome.Failed(
                        e.code().orElse(0),
                        e.rpcMessage().orElse(""),
                        e.dataJson().orElse(null))));
    }

    /** {@code mev_sendBundle} (MEV-Share v0.1); returns the bundle hash. */
    public Hash sendMevShareBundle(MevShareBundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        return join(exchange("mev_sendBundle", BundleJson.mevShareParams(bundle), BundleJson::bundleHash, null));
    }

    /** {@code flashbots_getBundleStatsV2} for a bundle sent (by this signer) for {@code blockNumber}. */
    public BundleStats bundleStats(Hash bundleHash, long blockNumber) {
        Objects.requireNonNull(bundleHash, "bundleHash");
        ObjectNode params = BundleJson.MAPPER.createObjectNode();
        params.put("bundleHash", bundleHash.hex());
        params.put("blockNumber", io.mevkit.core.Hex.quantity(blockNumber));
        return join(exchange("flashbots_getBundleStatsV2", params, BundleJson::bundleStats, null));
    }

    private <T> CompletableFuture<T> exchange(
            String method,
            ObjectNode params,
            Function<JsonNode, T> decode,
            @Nullable Function<RpcException, T> onRpcError) {
        if (endpoint.dialect().signatureRequired() && signer == null) {
            throw new ValidationException("signer", endpoint.name(), "is required by this builder");
        }
        ObjectNode envelope = BundleJson.MAPPER.createObjectNode();
        envelope.put("jsonrpc", "2.0");
        envelope.put("id", ids.incrementAndGet());
        envelope.put("method", method);
        envelope.putArray("params").add(params);
        byte[] body;
        try {
            body = BundleJson.MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + method, e);
        }
        Request.Builder request =
                new Request.Builder().url(endpoint.url().toString()).post(RequestBody.create(body, JSON));
        if (signer != null) {
            // signed over exactly these bytes: the body is never re-serialised after this point
            request.header(FlashbotsSigner.HEADER, signer.header(body));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        Call call = http.newCall(request.build());
        String where = endpoint.toString();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                Kind kind = e instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.TRANSPORT;
                future.completeExceptionally(
                        RpcException.of(kind, method, where, e.getClass().getSimpleName(), e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(decodeResponse(method, where, response, decode, onRpcError));
                } catch (RpcException | RetryAfterException e) {
                    future.completeExceptionally(e);
                } catch (RuntimeException | IOException e) {
                    future.completeExceptionally(
                            RpcException.of(Kind.MALFORMED_RESPONSE, method, where, String.valueOf(e.getMessage()), e));
                }
            }
        });
        LOG.trace("{} sent to {} ({} bytes)", method, where, body.length);
        return future;
    }

    private static <T> T decodeResponse(
            String method,
            String where,
            Response response,
            Function<JsonNode, T> decode,
            @Nullable Function<RpcException, T> onRpcError)
            throws IOException {
        byte[] bytes = readBounded(response.body(), method, where);
        JsonNode root = null;
        try {
            root = BundleJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            if (response.isSuccessful()) {
                throw RpcException.of(Kind.MALFORMED_RESPONSE, method, where, "body is not JSON", e);
            }
        }
        JsonNode error = root == null ? null : root.get("error");
        if (!response.isSuccessful()) {
            Integer code = error != null && error.path("code").isInt()
                    ? error.get("code").asInt()
                    : null;
            String message = error != null ? error.path("message").asText(null) : null;
            RpcException failure =
                    RpcException.httpStatus(method, where, response.code(), code, message, dataJson(error));
            Duration retryAfter = retryAfter(response);
            if (retryAfter != null && (response.code() == 429 || response.code() == 503)) {
                throw new RetryAfterException(failure, retryAfter);
            }
            throw failure;
        }
        if (root == null || !root.isObject()) {
            throw RpcException.of(Kind.MALFORMED_RESPONSE, method, where, "body is not a JSON-RPC object", null);
        }
        if (error != null && !error.isNull()) {
            RpcException e = RpcException.rpcError(
                    method,
                    where,
                    error.path("code").asInt(0),
                    error.path("message").asText(""),
                    dataJson(error));
            if (onRpcError != null) {
                return onRpcError.apply(e);
            }
            throw e;
        }
        if (!root.has("result")) {
            throw RpcException.of(Kind.MALFORMED_RESPONSE, method, where, "neither result nor error", null);
        }
        try {
            return decode.apply(root.get("result"));
        } catch (ValidationException e) {
            throw RpcException.of(Kind.MALFORMED_RESPONSE, method, where, e.getMessage(), e);
        }
    }

    /** {@code Retry-After} in delta-seconds (the form builders use); an HTTP date or garbage is ignored. */
    private static @Nullable Duration retryAfter(Response response) {
        String value = response.header("Retry-After");
        if (value == null
                || value.isEmpty()
                || value.length() > 9
                || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    private static @Nullable String dataJson(@Nullable JsonNode error) {
        return error != null && error.has("data") ? error.get("data").toString() : null;
    }

    private static byte[] readBounded(@Nullable ResponseBody body, String method, String where) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        BufferedSource source = body.source();
        if (source.request(MAX_RESPONSE_BYTES + 1)) {
            throw RpcException.of(
                    Kind.OVERSIZE_RESPONSE, method, where, "body over " + MAX_RESPONSE_BYTES + " bytes", null);
        }
        return source.readByteArray();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Releases the HTTP client's threads and connections if this client created it. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
            try {
                http.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "BuilderClient[" + endpoint + (signer == null ? "" : ", reputation=" + signer.address()) + "]";
    }

    /** Configures a {@link BuilderClient}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable BuilderEndpoint endpoint;
        private @Nullable FlashbotsSigner signer;
        private @Nullable OkHttpClient http;
        private Duration timeout = Duration.ofSeconds(2);
        private int maxConcurrentRequests = 64;

        private Builder() {}

        /** The builder to talk to (required). */
        public Builder endpoint(BuilderEndpoint value) {
            this.endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        /** The reputation key that signs every request; required by dialects with {@code signatureRequired}. */
        public Builder signer(FlashbotsSigner value) {
            this.signer = Objects.requireNonNull(value, "signer");
            return this;
        }

        /** Shares an HTTP client (its dispatcher must allow a request per builder per host at once). */
        public Builder okHttpClient(OkHttpClient value) {
            this.http = Objects.requireNonNull(value, "okHttpClient");
            return this;
        }

        /** The whole-call timeout of one request (default 2 s). */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("timeout", value, "must be positive");
            }
            this.timeout = value;
            return this;
        }

        /** Concurrent requests allowed by the HTTP client this builder creates (default 64). */
        public Builder maxConcurrentRequests(int value) {
            if (value < 1) {
                throw new ValidationException("maxConcurrentRequests", value, "must be positive");
            }
            this.maxConcurrentRequests = value;
            return this;
        }

        public BuilderClient build() {
            if (endpoint == null) {
                throw new ValidationException("endpoint", "(unset)", "is required");
            }
            if (endpoint.dialect().signatureRequired() && signer == null) {
                throw new ValidationException("signer", endpoint.name(), "is required by this builder");
            }
            return new BuilderClient(this);
        }
    }

    /** The reputation address requests are signed with, if any. */
    public Optional<io.mevkit.core.Address> reputationAddress() {
        return Optional.ofNullable(signer).map(FlashbotsSigner::address);
    }
}
