package io.mevkit.core.bundle;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.Failsafe;
import dev.failsafe.Policy;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.spi.Scheduler;
import io.mevkit.core.Hash;
import io.mevkit.core.MevException;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Sends one bundle to many builders for several target blocks at once. Each (opportunity, target block) gets one
 * replacement id, derived deterministically, so every retry and every resend of that submission replaces rather
 * than competes. Per builder: a timeout per attempt, retries on 5xx, 429, timeouts and broken connections (waiting
 * what {@code Retry-After} asks, else exponential backoff with full jitter), and a circuit breaker shared by all
 * submissions, and an optional rate limit. Builders never wait on each other: each (builder, block) is its own
 * asynchronous execution. As a {@link BundleSubmitter} it is what a {@link BundleTracker} sends each re-validated
 * bundle through, to every builder at once. Thread-safe; the clients and the scheduler belong to the caller.
 */
public final class BundleFanOut implements BundleSubmitter {
    /** One (builder, target block) submission and its acknowledgement (the builder's bundle hash). */
    public record Submission(
            String builder, long blockNumber, String replacementId, CompletableFuture<Hash> acknowledgement) {
        public Submission {
            Objects.requireNonNull(builder, "builder");
            Objects.requireNonNull(replacementId, "replacementId");
            Objects.requireNonNull(acknowledgement, "acknowledgement");
        }
    }

    private final List<BundleSubmitter> clients;
    private final Map<String, RateLimiter<Hash>> rateLimiters = new LinkedHashMap<>();
    private final Map<String, CircuitBreaker<Hash>> breakers = new LinkedHashMap<>();
    private final Scheduler scheduler;
    private final Duration attemptTimeout;
    private final int maxRetries;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    private BundleFanOut(Builder b) {
        this.clients = List.copyOf(b.clients);
        for (BundleSubmitter c : clients) {
            breakers.put(c.name(), b.breakers.get());
            RateLimit limit = b.rateLimits.get(c.name());
            if (limit != null) {
                // a permit per attempt; waiting longer than one attempt's timeout fails the submission instead
                rateLimiters.put(
                        c.name(),
                        RateLimiter.<Hash>burstyBuilder(limit.requests(), limit.period())
                                .withMaxWaitTime(b.attemptTimeout)
                                .build());
            }
        }
        this.scheduler = Objects.requireNonNull(b.scheduler);
        this.attemptTimeout = b.attemptTimeout;
        this.maxRetries = b.maxRetries;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.maxRetryAfter = b.maxRetryAfter;
        this.random = b.random;
    }

    /** A builder; at least one client and a scheduler are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The replacement id of an opportunity's bundle for one target block: a UUID (version-4 layout) derived from
     * both, so the same submission always carries the same id.
     */
    public static String replacementId(String opportunityId, long targetBlock) {
        Objects.requireNonNull(opportunityId, "opportunityId");
        if (opportunityId.isBlank()) {
            throw new ValidationException("opportunityId", opportunityId, "must not be blank");
        }
        byte[] h = Hash.keccak256((opportunityId + "@" + targetBlock).getBytes(StandardCharsets.UTF_8))
                .bytes();
        h[6] = (byte) ((h[6] & 0x0f) | 0x40);
        h[8] = (byte) ((h[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (h[i] & 0xff);
            lsb = (lsb << 8) | (h[8 + i] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /**
     * Sends {@code bundle} (its transactions and options; target block and replacement id are set here) to every
     * builder for blocks {@code firstBlock .. firstBlock + extraBlocks}.
     *
     * @return one submission per (builder, block), builders in configuration order within each block
     */
    public List<Submission> submit(String opportunityId, Bundle bundle, long firstBlock, int extraBlocks) {
        Objects.requireNonNull(bundle, "bundle");
        if (firstBlock <= 0) {
            throw new ValidationException("firstBlock", firstBlock, "must be positive");
        }
        if (extraBlocks < 0 || extraBlocks > 64) {
            throw new ValidationException("extraBlocks", extraBlocks, "must be 0..64");
        }
        List<Submission> out = new ArrayList<>();
        for (long block = firstBlock; block <= firstBlock + extraBlocks; block++) {
            String id = replacementId(opportunityId, block);
            Bundle targeted =
                    bundle.toBuilder().blockNumber(block).replacementUuid(id).build();
            for (BundleSubmitter client : clients) {
                out.add(new Submission(client.name(), block, id, send(client, targeted)));
            }
        }
        return out;
    }

    /** {@code fan-out} and the builders' names. */
    @Override
    public String name() {
        return "fan-out" + clients.stream().map(BundleSubmitter::name).toList();
    }

    /**
     * Sends a bundle already targeted (its {@code blockNumber} and {@code replacementUuid} set, as {@link
     * BundleTracker} sets them) to every builder at once, each with its own retries, breaker and rate limit. Completes
     * with the first acknowledgement, so a slow or failing builder never holds up the caller (the others go on in the
     * background); fails only when every builder has failed.
     */
    @Override
    public CompletableFuture<Hash> sendBundleAsync(Bundle bundle) {
        Objects.requireNonNull(bundle, "bundle");
        if (bundle.blockNumber().isEmpty()) {
            throw new ValidationException(
                    "bundle.blockNumber", "(unset)", "is required: a fan-out sends for one block");
        }
        if (bundle.replacementUuid().isEmpty()) {
            throw new ValidationException(
                    "bundle.replacementUuid", "(unset)", "is required, so that a retry replaces rather than competes");
        }
        List<CompletableFuture<Hash>> acks = new ArrayList<>();
        for (BundleSubmitter client : clients) {
            acks.add(send(client, bundle));
        }
        CompletableFuture<Hash> first = new CompletableFuture<>();
        whenAllSettled(acks, failures -> {
            if (failures.size() == clients.size()) {
                first.completeExceptionally(allFailed(
                        "every builder refused block " + bundle.blockNumber().getAsLong(), failures));
            }
        });
        acks.forEach(ack -> ack.thenAccept(first::complete));
        return first;
    }

    /** Cancels at every builder at once and waits for all of them (each within its own timeout). */
    @Override
    public void cancel(String replacementId) {
        try {
            cancelAsync(replacementId).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Cancels at every builder at once; fails, once all have answered, if any of them failed. */
    @Override
    public CompletableFuture<Void> cancelAsync(String replacementId) {
        Objects.requireNonNull(replacementId, "replacementId");
        List<CompletableFuture<?>> cancels = new ArrayList<>();
        for (BundleSubmitter client : clients) {
            CompletableFuture<Void> one;
            try {
                one = client.cancelAsync(replacementId);
            } catch (RuntimeException e) {
                one = CompletableFuture.failedFuture(e);
            }
            cancels.add(one);
        }
        CompletableFuture<Void> all = new CompletableFuture<>();
        whenAllSettled(cancels, failures -> {
            if (failures.isEmpty()) {
                all.complete(null);
            } else {
                all.completeExceptionally(allFailed("cancel of " + replacementId + " failed", failures));
            }
        });
        return all;
    }

    /** Runs {@code then} with the failures (builder name to cause) once every future has completed. */
    private void whenAllSettled(List<? extends CompletableFuture<?>> futures, Consumer<Map<String, Throwable>> then) {
        Map<String, Throwable> failures = new LinkedHashMap<>();
        CompletableFuture<?>[] guarded = new CompletableFuture<?>[futures.size()];
        for (int i = 0; i < futures.size(); i++) {
            String name = clients.get(i).name();
            guarded[i] = futures.get(i).whenComplete((ok, error) -> {
                if (error != null) {
                    synchronized (failures) {
                        failures.put(name, unwrap(error));
                    }
                }
            });
        }
        CompletableFuture.allOf(guarded).whenComplete((ok, error) -> {
            synchronized (failures) {
                then.accept(failures);
            }
        });
    }

    private static MevException allFailed(String what, Map<String, Throwable> failures) {
        StringBuilder detail = new StringBuilder(what).append(':');
        failures.forEach((name, cause) -> detail.append(' ')
                .append(name)
                .append(": ")
                .append(cause.getMessage())
                .append(';'));
        MevException e =
                new MevException(detail.toString(), failures.values().iterator().next());
        failures.values().stream().skip(1).forEach(e::addSuppressed);
        return e;
    }

    private CompletableFuture<Hash> send(BundleSubmitter client, Bundle bundle) {
        RetryPolicy<Hash> retry = RetryPolicy.<Hash>builder()
                .handleIf(BundleFanOut::retryable)
                .withMaxRetries(maxRetries)
                .withDelayFn(ctx -> delay(ctx.getAttemptCount(), ctx.getLastException()))
                .build();
        Timeout<Hash> timeout = Timeout.of(attemptTimeout);
        try {
            List<Policy<Hash>> policies = new ArrayList<>(List.of(retry, breakers.get(client.name())));
            RateLimiter<Hash> limiter = rateLimiters.get(client.name());
            if (limiter != null) {
                policies.add(limiter);
            }
            policies.add(timeout);
            return Failsafe.with(policies).with(scheduler).getStageAsync(() -> client.sendBundleAsync(bundle));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Duration delay(int attempts, @Nullable Throwable last) {
        Throwable failure = unwrap(last);
        if (failure instanceof RetryAfterException r) {
            return r.retryAfter().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : r.retryAfter();
        }
        long cap = backoffBase.toNanos() << Math.min(Math.max(attempts - 1, 0), 20);
        cap = Math.min(cap, backoffMax.toNanos());
        return Duration.ofNanos(cap <= 0 ? 0 : random.nextLong(cap + 1));
    }

    private static boolean retryable(Throwable t) {
        Throwable failure = unwrap(t);
        if (failure instanceof RetryAfterException || failure instanceof TimeoutExceededException) {
            return true;
        }
        if (failure instanceof RpcException e) {
            return switch (e.kind()) {
                case TIMEOUT, TRANSPORT -> true;
                case HTTP_STATUS -> {
                    int status = e.httpStatus().orElse(0);
                    yield status == 429 || status >= 500;
                }
                default -> false;
            };
        }
        return false;
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable t) {
        Throwable x = t;
        while (x instanceof CompletionException && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /** The circuit breaker of the named builder. */
    public CircuitBreaker<Hash> breaker(String builderName) {
        CircuitBreaker<Hash> b = breakers.get(builderName);
        if (b == null) {
            throw new ValidationException("builderName", builderName, "must be one of " + breakers.keySet());
        }
        return b;
    }

    private record RateLimit(long requests, Duration period) {}

    /** Configures a {@link BundleFanOut}; validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final List<BundleSubmitter> clients = new ArrayList<>();
        private final Map<String, RateLimit> rateLimits = new LinkedHashMap<>();
        private @Nullable Scheduler scheduler;
        private Duration attemptTimeout = Duration.ofSeconds(2);
        private int maxRetries = 3;
        private Duration backoffBase = Duration.ofMillis(50);
        private Duration backoffMax = Duration.ofSeconds(1);
        private Duration maxRetryAfter = Duration.ofSeconds(12);
        private RandomGenerator random = RandomGenerator.getDefault();
        private Supplier<CircuitBreaker<Hash>> breakers = () -> CircuitBreaker.<Hash>builder()
                .handleIf(BundleFanOut::retryable)
                .withFailureThreshold(5)
                .withDelay(Duration.ofSeconds(30))
                .build();

        private Builder() {}

        /** Adds a builder (names must be unique). */
        public Builder client(BuilderClient client) {
            return submitter(client);
        }

        /** Adds any bundle taker, e.g. a {@link LocalBuilder} (names must be unique). */
        public Builder submitter(BundleSubmitter client) {
            Objects.requireNonNull(client, "client");
            for (BundleSubmitter c : clients) {
                if (c.name().equals(client.name())) {
                    throw new ValidationException("client", client.name(), "names must be unique");
                }
            }
            clients.add(client);
            return this;
        }

        /**
         * Limits the requests sent to the named builder to {@code requests} per {@code period} (each attempt takes a
         * permit; a submission that would wait longer than one attempt's timeout fails with failsafe's
         * {@code RateLimitExceededException}, is not retried and does not count against the circuit breaker).
         */
        public Builder rateLimit(String builderName, long requests, Duration period) {
            Objects.requireNonNull(builderName, "builderName");
            if (requests < 1) {
                throw new ValidationException("rateLimit.requests", requests, "must be positive");
            }
            rateLimits.put(builderName, new RateLimit(requests, positive("rateLimit.period", period)));
            return this;
        }

        /** Where retry delays and timeouts are scheduled (required). */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = Scheduler.of(Objects.requireNonNull(value, "scheduler"));
            return this;
        }

        /** Where retry delays and timeouts are scheduled, as a failsafe scheduler. */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The timeout of one attempt at one builder (default 2 s). */
        public Builder attemptTimeout(Duration value) {
            this.attemptTimeout = positive("attemptTimeout", value);
            return this;
        }

        /** Retries per (builder, block) after the first attempt (default 3). */
        public Builder maxRetries(int value) {
            if (value < 0 || value > 20) {
                throw new ValidationException("maxRetries", value, "must be 0..20");
            }
            this.maxRetries = value;
            return this;
        }

        /** Exponential backoff with full jitter between {@code base} and {@code max} (default 50 ms .. 1 s). */
        public Builder backoff(Duration base, Duration max) {
            positive("backoff.base", base);
            positive("backoff.max", max);
            if (max.compareTo(base) < 0) {
                throw new ValidationException("backoff.max", max, "must be ≥ base " + base);
            }
            this.backoffBase = base;
            this.backoffMax = max;
            return this;
        }

        /** The longest {@code Retry-After} honoured; longer asks wait this long (default 12 s, one slot). */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = positive("maxRetryAfter", value);
            return this;
        }

        /** The jitter source (inject a seeded one for reproducible tests). */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** A new circuit breaker per builder (default: open after 5 consecutive failures, for 30 s). */
        public Builder circuitBreakers(Supplier<CircuitBreaker<Hash>> factory) {
            this.breakers = Objects.requireNonNull(factory, "circuitBreakers");
            return this;
        }

        public BundleFanOut build() {
            for (String name : rateLimits.keySet()) {
                if (clients.stream().noneMatch(c -> c.name().equals(name))) {
                    throw new ValidationException("rateLimit.builderName", name, "must name a configured builder");
                }
            }
            if (clients.isEmpty()) {
                throw new ValidationException("clients", 0, "must hold at least one builder");
            }
            if (scheduler == null) {
                throw new ValidationException("scheduler", "(unset)", "is required");
            }
            return new BundleFanOut(this);
        }

        private static Duration positive(String field, Duration value) {
            Objects.requireNonNull(value, field);
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException(field, value, "must be positive");
            }
            return value;
        }
    }
}
