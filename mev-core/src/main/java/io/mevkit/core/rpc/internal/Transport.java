package io.mevkit.core.rpc.internal;

import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcHttpRequest;
import io.mevkit.core.rpc.RpcHttpResponse;
import io.mevkit.core.rpc.RpcInterceptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Sends one HTTP exchange through the interceptor chain and reads the response body within the size limit, never
 * buffering more than the limit plus one read chunk. Thread-safe.
 */
public final class Transport {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long READ_CHUNK = 8192;

    private final OkHttpClient http;
    private final List<RpcInterceptor> interceptors;
    private final long maxResponseBytes;

    public Transport(OkHttpClient http, List<RpcInterceptor> interceptors, long maxResponseBytes) {
        this.http = http;
        this.interceptors = List.copyOf(interceptors);
        this.maxResponseBytes = maxResponseBytes;
    }

    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Runs {@code request} through the interceptors and over HTTP.
     *
     * @param label the method name used in exceptions
     * @param sentHeaders receives the headers of the request as finally sent (to scrub their values from replies)
     * @throws RpcException of kind TRANSPORT, TIMEOUT, INTERRUPTED or OVERSIZE_RESPONSE
     */
    public RpcHttpResponse exchange(
            Endpoint endpoint, RpcHttpRequest request, Duration timeout, String label, List<String> sentHeaders) {
        return new ChainImpl(endpoint, request, timeout, label, sentHeaders, 0).proceed(request);
    }

    private final class ChainImpl implements RpcInterceptor.Chain {
        private final Endpoint endpoint;
        private final RpcHttpRequest request;
        private final Duration timeout;
        private final String label;
        private final List<String> sentHeaders;
        private final int index;
        private boolean proceeded;

        ChainImpl(
                Endpoint endpoint,
                RpcHttpRequest request,
                Duration timeout,
                String label,
                List<String> sentHeaders,
                int index) {
            this.endpoint = endpoint;
            this.request = request;
            this.timeout = timeout;
            this.label = label;
            this.sentHeaders = sentHeaders;
            this.index = index;
        }

        @Override
        public RpcHttpRequest request() {
            return request;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public RpcHttpResponse proceed(RpcHttpRequest next) {
            if (proceeded) {
                throw new IllegalStateException("an interceptor called proceed() twice");
            }
            proceeded = true;
            if (index == interceptors.size()) {
                return send(endpoint, next, timeout, label, sentHeaders);
            }
            RpcInterceptor interceptor = interceptors.get(index);
            RpcHttpResponse response;
            try {
                response = interceptor.intercept(new ChainImpl(endpoint, next, timeout, label, sentHeaders, index + 1));
            } catch (RpcException e) {
                throw e;
            } catch (RuntimeException e) {
                throw RpcException.of(
                        RpcException.Kind.TRANSPORT,
                        label,
                        endpoint.display(),
                        "interceptor " + interceptor.getClass().getName() + " failed: "
                                + e.getClass().getName(),
                        endpoint.secrets().scrub(e));
            }
            if (response == null) {
                throw new IllegalStateException(
                        "interceptor " + interceptor.getClass().getName() + " returned no response");
            }
            return response;
        }
    }

    private RpcHttpResponse send(
            Endpoint endpoint, RpcHttpRequest request, Duration timeout, String label, List<String> sentHeaders) {
        Request.Builder builder = new Request.Builder()
                .url(endpoint.url().requestUrl())
                .post(RequestBody.create(request.body(), JSON))
                .header("Accept", "application/json");
        endpoint.url().basicAuthorization().ifPresent(basic -> builder.header("Authorization", basic));
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
            if (Secrets.isSensitiveHeader(header.getKey())) {
                sentHeaders.add(header.getValue());
            }
        }
        Call call = http.newCall(builder.build());
        call.timeout().timeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            byte[] body = readBounded(response, endpoint, label);
            Map<String, List<String>> headers = response.headers().toMultimap();
            return RpcHttpResponse.of(response.code(), headers, body);
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw RpcException.of(
                        RpcException.Kind.INTERRUPTED,
                        label,
                        endpoint.display(),
                        "interrupted",
                        endpoint.secrets().scrub(e));
            }
            throw RpcException.of(
                    RpcException.Kind.TIMEOUT,
                    label,
                    endpoint.display(),
                    "no complete response within " + timeout.toMillis() + " ms",
                    endpoint.secrets().scrub(e));
        } catch (IOException e) {
            if (call.isCanceled()) {
                throw RpcException.of(
                        RpcException.Kind.TIMEOUT,
                        label,
                        endpoint.display(),
                        "no complete response within " + timeout.toMillis() + " ms",
                        endpoint.secrets().scrub(e));
            }
            Secrets secrets = endpoint.secrets().plus(sentHeaders);
            throw RpcException.of(
                    RpcException.Kind.TRANSPORT,
                    label,
                    endpoint.display(),
                    e.getClass().getSimpleName() + ": " + secrets.scrub(String.valueOf(e.getMessage())),
                    secrets.scrub(e));
        }
    }

    private byte[] readBounded(Response response, Endpoint endpoint, String label) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return new byte[0];
        }
        long declared = body.contentLength();
        if (declared > maxResponseBytes) {
            throw oversize(endpoint, label, "declares " + declared + " bytes");
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= maxResponseBytes) {
            if (source.read(buffer, READ_CHUNK) == -1) {
                return buffer.readByteArray();
            }
        }
        throw oversize(endpoint, label, "exceeds the limit");
    }

    private RpcException oversize(Endpoint endpoint, String label, String what) {
        return RpcException.of(
                RpcException.Kind.OVERSIZE_RESPONSE,
                label,
                endpoint.display(),
                "response body " + what + " of " + maxResponseBytes + " bytes; reading stopped",
                null);
    }

    /** Collects the sensitive header values of one exchange. */
    public static List<String> newHeaderSink() {
        return new ArrayList<>(2);
    }
}
