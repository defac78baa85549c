package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V3SwapResult;
import io.mevkit.core.amm.V3SwapSimulator;
import io.mevkit.core.amm.V3TickDataMissingException;
import io.mevkit.core.pool.V2FeeRegistry;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.pool.V2PoolState;
import io.mevkit.core.pool.V3PoolReader;
import io.mevkit.core.pool.V3PoolSnapshot;
import io.mevkit.core.pool.V3PoolState;
import io.mevkit.core.pool.V3TickReader;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.token.TokenMetadata;
import io.mevkit.core.token.TokenMetadataClient;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mevkit quote}: what a Uniswap V2 pair or V3 pool on the node pays for an exact input, to the wei. */
@Command(
        name = "quote",
        mixinStandardHelpOptions = true,
        description = "Quote an exact-input swap on a Uniswap V2 pair or V3 pool, from the node's state.")
public final class QuoteCommand implements Callable<Integer> {
    /** The pool type. */
    public enum Kind {
        AUTO,
        V2,
        V3
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--pool",
            required = true,
            converter = Converters.AddressConverter.class,
            description = "The pair or pool.")
    Address pool;

    @Option(
            names = "--token-in",
            required = true,
            converter = Converters.AddressConverter.class,
            description = "The token sold (one of the pool's two).")
    Address tokenIn;

    @Option(
            names = "--amount-in",
            required = true,
            description = "Amount sold in the token's units (1.5), or smallest units with a 'wei' suffix (1500000wei).")
    String amountIn;

    @Option(names = "--raw", description = "Read --amount-in as smallest units.")
    boolean raw;

    @Option(
            names = "--kind",
            defaultValue = "AUTO",
            description = "Pool type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, detected from the pool).")
    Kind kind;

    @Option(names = "--block", description = "Block to quote at (default: the latest).")
    Long block;

    @Option(
            names = "--v2-fee",
            defaultValue = "997/1000",
            description = "A V2 pair's fee as the fraction kept (default: ${DEFAULT-VALUE}, Uniswap's 0.3%%).")
    String v2Fee;

    @Option(
            names = "--tick-words",
            defaultValue = "2",
            description = "V3: tick-bitmap words read on each side of the current price (default: ${DEFAULT-VALUE}).")
    int tickWords;

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        V2Fee fee = parseFee();
        if (tickWords < 0 || tickWords > 64) {
            throw new ParameterException(spec.commandLine(), "--tick-words must be 0..64 but was " + tickWords);
        }
        try (RpcClient rpc = ctx.config().rpcClientBuilder().build()) {
            long at = block != null ? block : rpc.blockNumber();
            Kind k = kind == Kind.AUTO ? detect(rpc, at) : kind;
            TokenMetadataClient tokens = TokenMetadataClient.builder()
                    .client(rpc)
                    .chain(ctx.config().chain())
                    .build();
            Quote q = k == Kind.V2 ? quoteV2(rpc, tokens, fee, at) : quoteV3(rpc, tokens, at);
            print(ctx, q);
            return ExitCodes.OK;
        }
    }

    private record Quote(
            Kind kind,
            long block,
            TokenMetadata in,
            TokenMetadata out,
            BigInteger amountIn,
            BigInteger amountOut,
            String feeText,
            Map<String, String> extra) {}

    private Kind detect(RpcClient rpc, long at) {
        try {
            V3PoolReader.of(rpc).read(pool, at);
            return Kind.V3;
        } catch (RpcException e) {
            if (e.kind() != RpcException.Kind.RPC_ERROR) {
                throw e;
            }
        } catch (MevException e) {
            // not a V3 pool; try V2 below
        }
        try {
            V2PoolReader.of(rpc, V2FeeRegistry.of(Map.of())).read(pool, at);
            return Kind.V2;
        } catch (RpcException e) {
            if (e.kind() != RpcException.Kind.RPC_ERROR) {
                throw e;
            }
        } catch (MevException e) {
            // reported below
        }
        throw new MevException(pool + " is neither a Uniswap V2 pair nor a V3 pool at block " + at);
    }

    private Quote quoteV2(RpcClient rpc, TokenMetadataClient tokens, V2Fee fee, long at) {
        V2PoolState s = V2PoolReader.of(rpc, V2FeeRegistry.of(Map.of())).read(pool, at);
        boolean zeroForOne = side(s.token0(), s.token1());
        TokenMetadata in = tokens.get(zeroForOne ? s.token0() : s.token1());
        TokenMetadata out = tokens.get(zeroForOne ? s.token1() : s.token0());
        BigInteger amount = Amounts.parse("--amount-in", amountIn, in.decimals(), raw);
        BigInteger reserveIn = zeroForOne ? s.reserve0() : s.reserve1();
        BigInteger reserveOut = zeroForOne ? s.reserve1() : s.reserve0();
        BigInteger amountOut = V2Math.getAmountOut(amount, reserveIn, reserveOut, fee);
        return new Quote(
                Kind.V2,
                at,
                in,
                out,
                amount,
                amountOut,
                fee.numerator() + "/" + fee.denominator(),
                Map.of(
                        "reserveIn", Amounts.format(reserveIn, in.decimals()),
                        "reserveOut", Amounts.format(reserveOut, out.decimals())));
    }

    private Quote quoteV3(RpcClient rpc, TokenMetadataClient tokens, long at) {
        V3PoolSnapshot snapshot = V3TickReader.builder()
                .client(rpc)
                .chain(CliContext.of(spec).config().chain())
                .wordRadius(tickWords)
                .build()
                .read(pool, at);
        V3PoolState s = snapshot.metadata();
        boolean zeroForOne = side(s.token0(), s.token1());
        TokenMetadata in = tokens.get(zeroForOne ? s.token0() : s.token1());
        TokenMetadata out = tokens.get(zeroForOne ? s.token1() : s.token0());
        BigInteger amount = Amounts.parse("--amount-in", amountIn, in.decimals(), raw);
        io.mevkit.core.amm.V3PoolState state = snapshot.swapState();
        V3SwapResult r;
        try {
            r = V3SwapSimulator.exactInput(state, zeroForOne, amount);
        } catch (V3TickDataMissingException e) {
            throw new MevException(
                    "the swap crosses beyond the tick data read (" + e.getMessage() + "); raise --tick-words", e);
        }
        return new Quote(
                Kind.V3,
                at,
                in,
                out,
                r.amountIn(),
                r.amountOut(),
                s.fee() + " (hundredths of a bip)",
                Map.of(
                        "ticksCrossed", Integer.toString(r.ticksCrossed()),
                        "tickAfter", Integer.toString(r.tickAfter())));
    }

    private boolean side(Address token0, Address token1) {
        if (tokenIn.equals(token0)) {
            return true;
        }
        if (tokenIn.equals(token1)) {
            return false;
        }
        throw new ParameterException(
                spec.commandLine(),
                "--token-in " + tokenIn + " is not a token of pool " + pool + " (" + token0 + ", " + token1 + ")");
    }

    private V2Fee parseFee() {
        String[] parts = v2Fee.split("/", -1);
        try {
            if (parts.length == 2) {
                return new V2Fee(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new ParameterException(
                spec.commandLine(), "--v2-fee must be a fraction kept, such as 997/1000, but was '" + v2Fee + "'");
    }

    private void print(CliContext ctx, Quote q) {
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            o.put("pool", pool.toString());
            o.put("kind", q.kind().name().toLowerCase(java.util.Locale.ROOT));
            o.put("block", q.block());
            o.put("tokenIn", q.in().address().toString());
            o.put("symbolIn", q.in().symbol());
            o.put("decimalsIn", q.in().decimals());
            o.put("amountIn", q.amountIn().toString());
            o.put("tokenOut", q.out().address().toString());
            o.put("symbolOut", q.out().symbol());
            o.put("decimalsOut", q.out().decimals());
            o.put("amountOut", q.amountOut().toString());
            o.put("fee", q.feeText());
            q.extra().forEach(o::put);
            ctx.printJson(o);
            return;
        }
        Table t = Table.of("", "token", "amount", "raw").right(2, 3);
        t.row(
                "in",
                q.in().symbol() + " " + q.in().address(),
                Amounts.format(q.amountIn(), q.in().decimals()),
                q.amountIn());
        t.row(
                "out",
                q.out().symbol() + " " + q.out().address(),
                Amounts.format(q.amountOut(), q.out().decimals()),
                q.amountOut());
        ctx.out().printf("%s pool %s at block %d, fee %s%n", q.kind().name(), pool, q.block(), q.feeText());
        t.print(ctx.out());
        q.extra().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> ctx.out()
                .printf("%s: %s%n", e.getKey(), e.getValue()));
        ctx.out().flush();
    }
}
