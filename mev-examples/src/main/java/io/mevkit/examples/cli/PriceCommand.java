package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.examples.config.Durations;
import io.mevkit.examples.config.MevkitConfig;
import io.mevkit.oracle.AggregatedPrice;
import io.mevkit.oracle.AssetKey;
import io.mevkit.oracle.ChainlinkFeed;
import io.mevkit.oracle.ChainlinkSource;
import io.mevkit.oracle.EthCaller;
import io.mevkit.oracle.Exclusion;
import io.mevkit.oracle.PriceOracle;
import io.mevkit.oracle.PriceRegistry;
import io.mevkit.oracle.PriceUnavailableException;
import io.mevkit.oracle.Quote;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.OkHttpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit price}: a token's USD price aggregated over the sources given (a Chainlink feed on the node, CoinGecko,
 * Pyth), with the provenance of every quote: which counted, which were excluded and why.
 */
@Command(
        name = "price",
        mixinStandardHelpOptions = true,
        description = {
            "Aggregated USD price of a token with its provenance table.",
            "Exit 0 with a confident price; 1 when the sources give no trustworthy price (the table says why)."
        })
public final class PriceCommand implements Callable<Integer> {
    private static final MathContext SHOWN = new MathContext(10);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--token",
            required = true,
            converter = Converters.AddressConverter.class,
            description = "The token.")
    Address token;

    @Option(
            names = "--chainlink-feed",
            converter = Converters.AddressConverter.class,
            description = "A Chainlink <token>/USD feed (proxy) on the node.")
    Address chainlinkFeed;

    @Option(
            names = "--chainlink-heartbeat",
            defaultValue = "1h",
            description = "The feed's heartbeat: older answers are stale (default: ${DEFAULT-VALUE}).")
    String chainlinkHeartbeat;

    @Option(
            names = "--chainlink-deviation",
            defaultValue = "0.005",
            description = "The feed's deviation threshold, a fraction (default: ${DEFAULT-VALUE}).")
    BigDecimal chainlinkDeviation;

    @Option(
            names = "--coingecko-id",
            description = "CoinGecko coin id, e.g. ethereum (base URL: MEVKIT_COINGECKO_URL).")
    String coingeckoId;

    @Option(names = "--pyth-id", description = "Pyth price feed id, 64 hex digits (base URL: MEVKIT_PYTH_URL).")
    String pythId;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        MevkitConfig config = ctx.config();
        if (chainlinkFeed == null && coingeckoId == null && pythId == null) {
            throw new ParameterException(
                    spec.commandLine(), "give at least one source: --chainlink-feed, --coingecko-id or --pyth-id");
        }
        Duration heartbeat = Durations.parse(chainlinkHeartbeat)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "--chainlink-heartbeat must be a duration such as 1h but was '" + chainlinkHeartbeat + "'"));
        AssetKey asset = new AssetKey(config.chainId(), token);
        PriceRegistry.Builder registry = PriceRegistry.builder();
        PriceOracle.Builder oracle = config.priceOracleBuilder();
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(config.price().sourceTimeout())
                .build();
        RpcClient rpc = null;
        try {
            if (chainlinkFeed != null) {
                rpc = config.rpcClientBuilder().build();
                registry.chainlink(asset, ChainlinkFeed.of(chainlinkFeed, heartbeat, chainlinkDeviation));
                oracle.source(ChainlinkSource.create(EthCaller.of(rpc), Clock.systemUTC()));
            }
            if (coingeckoId != null) {
                registry.coingeckoId(asset, coingeckoId);
                oracle.source(config.coinGeckoBuilder(http).build());
            }
            if (pythId != null) {
                registry.pyth(asset, pythId);
                oracle.source(config.pythBuilder(http).build());
            }
            try (PriceOracle o = oracle.registry(registry.build()).build()) {
                try {
                    AggregatedPrice p = o.price(config.chainId(), token);
                    print(ctx, p, null);
                    return ExitCodes.OK;
                } catch (PriceUnavailableException e) {
                    print(ctx, null, e);
                    ctx.status("mevkit: no trustworthy price: " + ErrorHandler.oneLine(e.getMessage()));
                    return ExitCodes.NEGATIVE;
                }
            }
        } finally {
            if (rpc != null) {
                rpc.close();
            }
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private void print(CliContext ctx, AggregatedPrice p, PriceUnavailableException failure) {
        List<Quote> included = p != null ? p.included() : failure.included();
        List<Exclusion> excluded = p != null ? p.excluded() : failure.excluded();
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            o.put("chainId", ctx.config().chainId());
            o.put("token", token.toString());
            if (p != null) {
                o.put("price", p.value().toPlainString());
                o.put("sigma", p.sigma().toPlainString());
                o.put("lower", p.lower().toPlainString());
                o.put("upper", p.upper().toPlainString());
                o.put("score", p.score());
                o.put("confident", p.confident());
                o.put("asOf", p.asOf().toString());
            } else {
                o.putNull("price");
                o.put("failure", failure.failure().name());
            }
            ArrayNode sources = o.putArray("sources");
            for (Quote q : included) {
                sources.add(quoteJson(ctx, q, "included", null, null));
            }
            for (Exclusion x : excluded) {
                sources.add(quoteJson(ctx, x.quote().orElse(null), "excluded", x, x.source()));
            }
            ctx.printJson(o);
            return;
        }
        if (p != null) {
            ctx.out()
                    .printf(
                            "%s USD  ±%s  [%s, %s]  score %.3f%s%n",
                            p.value().round(SHOWN).toPlainString(),
                            p.sigma().round(SHOWN).toPlainString(),
                            p.lower().round(SHOWN).toPlainString(),
                            p.upper().round(SHOWN).toPlainString(),
                            p.score(),
                            p.confident() ? " (confident)" : " (NOT confident)");
        } else {
            ctx.out().printf("no price: %s%n", failure.failure());
        }
        Table t = Table.of("source", "kind", "status", "price", "±", "observed", "block", "detail")
                .right(3, 4, 6);
        for (Quote q : included) {
            t.row(
                    q.source(),
                    q.kind(),
                    "included",
                    shown(q.price()),
                    shown(q.uncertainty()),
                    q.observedAt(),
                    block(q),
                    "");
        }
        for (Exclusion x : excluded) {
            Quote q = x.quote().orElse(null);
            t.row(
                    x.source(),
                    x.kind(),
                    "excluded: " + x.reason(),
                    q == null ? "-" : shown(q.price()),
                    q == null ? "-" : shown(q.uncertainty()),
                    q == null ? "-" : q.observedAt(),
                    q == null ? "-" : block(q),
                    ErrorHandler.oneLine(x.detail()));
        }
        t.print(ctx.out());
    }

    private static String shown(BigDecimal d) {
        return d.round(SHOWN).stripTrailingZeros().toPlainString();
    }

    private static String block(Quote q) {
        return q.block().isPresent() ? Long.toString(q.block().getAsLong()) : "-";
    }

    private static ObjectNode quoteJson(CliContext ctx, Quote q, String status, Exclusion x, String source) {
        ObjectNode o = ctx.object();
        o.put("source", q != null ? q.source() : source);
        o.put("status", status);
        if (x != null) {
            o.put("kind", x.kind().name());
            o.put("reason", x.reason().name());
            o.put("detail", x.detail());
        } else {
            o.put("kind", q.kind().name());
        }
        if (q != null) {
            o.put("price", q.price().toPlainString());
            o.put("uncertainty", q.uncertainty().toPlainString());
            o.put("observedAt", q.observedAt().toString());
            q.block().ifPresent(b -> o.put("block", b));
        }
        return o;
    }
}
