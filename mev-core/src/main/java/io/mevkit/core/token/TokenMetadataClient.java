package io.mevkit.core.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.mevkit.core.Address;
import io.mevkit.core.Chain;
import io.mevkit.core.Hex;
import io.mevkit.core.ValidationException;
import io.mevkit.core.rpc.BatchResult;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.RpcRequest;
import io.mevkit.core.rpc.internal.BatchedCalls;
import io.mevkit.core.rpc.internal.BatchedCalls.Outcome;
import io.mevkit.core.token.TokenMetadataException.Reason;
import io.mevkit.core.token.internal.Multicall3Codec;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Reads ERC-20 decimals, symbol and name for many tokens in few round trips: through Multicall3
 * {@code aggregate3} (every call allowed to fail; {@code chunkSize} calls per {@code eth_call}, all chunks in one
 * JSON-RPC batch), or, when no Multicall3 code is at the configured address, through one JSON-RPC batch of plain
 * {@code eth_call}s. Results are cached by (chain, address) in a bounded cache: metadata forever (until evicted),
 * failures for {@code failureTtl}. Thread-safe.
 */
public final class TokenMetadataClient {
    private static final String[] METHODS = {"decimals", "symbol", "name"};
    private static final byte[][] SELECTORS = {
        Hex.decode("0x313ce567"), Hex.decode("0x95d89b41"), Hex.decode("0x06fdde03")
    };

    private final RpcClient client;
    private final Chain chain;
    private final Optional<Address> multicall3;
    private final int chunkSize;
    private final Cache<Key, Object> cache;
    private final AtomicReference<@Nullable Boolean> batcherDeployed = new AtomicReference<>();
    private final Map<Reason, LongAdder> loadFailures = new EnumMap<>(Reason.class);

    private record Key(long chainId, Address address) {}

    private TokenMetadataClient(Builder b) {
        this.client = Objects.requireNonNull(b.client, "client");
        this.chain = Objects.requireNonNull(b.chain, "chain");
        this.multicall3 = b.multicall3 != null ? Optional.of(b.multicall3) : chain.multicall3();
        this.chunkSize = b.chunkSize;
        for (Reason reason : Reason.values()) {
            loadFailures.put(reason, new LongAdder());
        }
        Duration failureTtl = b.failureTtl;
        this.cache = Caffeine.newBuilder()
                .maximumSize(b.maximumSize)
                .ticker(b.ticker)
                .recordStats()
                .expireAfter(new Expiry<Key, Object>() {
                    @Override
                    public long expireAfterCreate(Key key, Object value, long currentTime) {
                        return value instanceof TokenMetadataException ? failureTtl.toNanos() : Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterUpdate(Key key, Object value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Key key, Object value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The metadata of one token.
     *
     * @throws TokenMetadataException if the token is not a readable ERC-20 (cached for the failure TTL)
     */
    public TokenMetadata get(Address token) {
        Lookup lookup = getAll(List.of(token));
        TokenMetadataException failure = lookup.failures().get(token);
        if (failure != null) {
            throw failure;
        }
        return Objects.requireNonNull(lookup.tokens().get(token));
    }

    /**
     * The metadata of many tokens: cached ones without a call, the rest in chunked Multicall3 calls (or one
     * JSON-RPC batch). Every token given is in exactly one of the two maps.
     *
     * @throws RpcException if the node could not be asked at all
     */
    public Lookup getAll(Collection<Address> tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Map<Address, TokenMetadata> found = new LinkedHashMap<>();
        Map<Address, TokenMetadataException> failed = new LinkedHashMap<>();
        List<Address> missing = new ArrayList<>();
        for (Address token : new LinkedHashSet<>(tokens)) {
            Object cached = cache.getIfPresent(new Key(chain.id(), Objects.requireNonNull(token, "token")));
            if (cached instanceof TokenMetadata m) {
                found.put(token, m);
            } else if (cached instanceof TokenMetadataException e) {
                failed.put(token, e);
            } else {
                missing.add(token);
            }
        }
        if (!missing.isEmpty()) {
            List<Outcome> outcomes = read(missing);
            List<Address> emptyAnswers = new ArrayList<>();
            for (int t = 0; t < missing.size(); t++) {
                for (int m = 0; m < METHODS.length; m++) {
                    Outcome o = outcomes.get(t * METHODS.length + m);
                    if (o.success() && o.data().length == 0) {
                        emptyAnswers.add(missing.get(t));
                        break;
                    }
                }
            }
            // an empty successful answer comes from an EOA or from a contract's silent fallback; the code tells
            Map<Address, Boolean> hasCode = hasCode(emptyAnswers);
            for (int t = 0; t < missing.size(); t++) {
                Address token = missing.get(t);
                Object value;
                try {
                    value = decode(token, outcomes.subList(t * METHODS.length, (t + 1) * METHODS.length), hasCode);
                } catch (TokenMetadataException e) {
                    loadFailures.get(e.reason()).increment();
                    value = e;
                }
                cache.put(new Key(chain.id(), token), value);
                if (value instanceof TokenMetadata m) {
                    found.put(token, m);
                } else {
                    failed.put(token, (TokenMetadataException) value);
                }
            }
        }
        return new Lookup(found, failed);
    }

    /** Hits, misses and evictions of the cache (failures count as entries). */
    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** Tokens read from the node that failed with {@code reason} so far (each read once, until its failure expires). */
    public long loadFailureCount(Reason reason) {
        return loadFailures.get(Objects.requireNonNull(reason, "reason")).sum();
    }

    /** The chain this client reads. */
    public Chain chain() {
        return chain;
    }

    /** The number of cached entries (metadata and unexpired failures). */
    public long cachedCount() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Whether reads go through Multicall3 (its address is known and has code; checked once). */
    public boolean usesMulticall3() {
        Boolean known = batcherDeployed.get();
        if (known == null) {
            known = multicall3.isPresent()
                    && Objects.requireNonNull(client.call(RpcRequest.of(
                                            "eth_getCode", byte[].class, multicall3.get(), BlockTag.LATEST)))
                                    .length
                            > 0;
            batcherDeployed.set(known);
        }
        return known;
    }

    /** {@code name}, {@code symbol} and {@code decimals} of each token, in that order, token after token. */
    private List<Outcome> read(List<Address> tokens) {
        List<BatchedCalls.Call> calls = new ArrayList<>(tokens.size() * METHODS.length);
        for (Address token : tokens) {
            for (byte[] selector : SELECTORS) {
                calls.add(new BatchedCalls.Call(token, selector));
            }
        }
        return BatchedCalls.call(
                client, usesMulticall3() ? multicall3 : Optional.empty(), chunkSize, calls, BlockTag.LATEST);
    }

    private Map<Address, Boolean> hasCode(List<Address> addresses) {
        if (addresses.isEmpty()) {
            return Map.of();
        }
        List<RpcRequest<byte[]>> requests = new ArrayList<>();
        for (Address a : addresses) {
            requests.add(RpcRequest.of("eth_getCode", byte[].class, a, BlockTag.LATEST));
        }
        BatchResult answers = client.batch(requests);
        Map<Address, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < addresses.size(); i++) {
            out.put(addresses.get(i), Objects.requireNonNull(answers.get(requests.get(i))).length > 0);
        }
        return out;
    }

    private TokenMetadata decode(Address token, List<Outcome> outcomes, Map<Address, Boolean> hasCode) {
        for (int m = 0; m < METHODS.length; m++) {
            Outcome o = outcomes.get(m);
            if (o.success() && o.data().length == 0) {
                throw hasCode.getOrDefault(token, true)
                        ? new TokenMetadataException(token, METHODS[m], Reason.NO_SUCH_METHOD, "empty answer")
                        : new TokenMetadataException(
                                token, METHODS[m], Reason.NOT_A_CONTRACT, "no code at the address");
            }
            if (!o.success()) {
                throw o.data().length == 0
                        ? new TokenMetadataException(token, METHODS[m], Reason.NO_SUCH_METHOD, "reverted without data")
                        : new TokenMetadataException(
                                token, METHODS[m], Reason.REVERTED, "reverted with " + Hex.encode(o.data()));
            }
        }
        BigInteger decimals = Multicall3Codec.decodeUintWord(outcomes.get(0).data());
        if (decimals == null) {
            throw new TokenMetadataException(
                    token, "decimals", Reason.MALFORMED, outcomes.get(0).data().length + " bytes, not one word");
        }
        if (decimals.bitLength() > 8 || decimals.intValue() > TokenMetadata.MAX_DECIMALS) {
            throw new TokenMetadataException(
                    token,
                    "decimals",
                    Reason.BAD_DECIMALS,
                    decimals + " is not a uint8 in 0.." + TokenMetadata.MAX_DECIMALS);
        }
        return new TokenMetadata(
                chain.id(),
                token,
                decimals.intValue(),
                text(token, "symbol", outcomes.get(1)),
                text(token, "name", outcomes.get(2)));
    }

    private static String text(Address token, String method, Outcome o) {
        try {
            return Multicall3Codec.decodeText(o.data());
        } catch (IllegalArgumentException e) {
            throw new TokenMetadataException(token, method, Reason.MALFORMED, e.getMessage());
        }
    }

    /**
     * The outcome of {@link #getAll}: each token's metadata or its typed failure. Immutable.
     *
     * @param tokens metadata by token, in the order asked
     * @param failures the reason per token that could not be read
     */
    public record Lookup(Map<Address, TokenMetadata> tokens, Map<Address, TokenMetadataException> failures) {
        public Lookup {
            tokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
            failures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        }
    }

    /** Configures a {@link TokenMetadataClient}; validated at each setter and at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable RpcClient client;
        private @Nullable Chain chain;
        private @Nullable Address multicall3;
        private int chunkSize = 200;
        private long maximumSize = 100_000;
        private Duration failureTtl = Duration.ofMinutes(1);
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {}

        public Builder client(RpcClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        public Builder chain(Chain value) {
            this.chain = Objects.requireNonNull(value, "chain");
            return this;
        }

        /** The Multicall3 address, overriding the chain's (e.g. one a test deployed). */
        public Builder multicall3(Address value) {
            this.multicall3 = Objects.requireNonNull(value, "multicall3");
            return this;
        }

        /** Calls per {@code aggregate3} (three per token); default 200, to stay under nodes' eth_call gas caps. */
        public Builder chunkSize(int value) {
            if (value < 1) {
                throw new ValidationException("chunkSize", value, "must be >= 1");
            }
            this.chunkSize = value;
            return this;
        }

        /** The most tokens cached; default 100,000. */
        public Builder maximumSize(long value) {
            if (value < 1) {
                throw new ValidationException("maximumSize", value, "must be >= 1");
            }
            this.maximumSize = value;
            return this;
        }

        /** How long a failure is remembered before the token is asked again; default 1 minute. */
        public Builder failureTtl(Duration value) {
            Objects.requireNonNull(value, "failureTtl");
            if (value.isNegative() || value.isZero()) {
                throw new ValidationException("failureTtl", value, "must be positive");
            }
            this.failureTtl = value;
            return this;
        }

        /** The cache's time source (tests inject a manual one). */
        public Builder ticker(Ticker value) {
            this.ticker = Objects.requireNonNull(value, "ticker");
            return this;
        }

        public TokenMetadataClient build() {
            if (client == null) {
                throw new ValidationException("client", "null", "must be set");
            }
            if (chain == null) {
                throw new ValidationException("chain", "null", "must be set");
            }
            if (client.configuredChainId() != chain.id()) {
                throw new ValidationException(
                        "chain", chain.id(), "must be the client's chain " + client.configuredChainId());
            }
            return new TokenMetadataClient(this);
        }
    }
}
