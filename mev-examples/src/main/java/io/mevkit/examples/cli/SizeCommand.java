package io.mevkit.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.MevException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.core.pool.V2FeeRegistry;
import io.mevkit.core.pool.V2PoolReader;
import io.mevkit.core.pool.V2PoolState;
import io.mevkit.core.pool.V3TickReader;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.Transaction;
import io.mevkit.core.sandwich.DecodeResult;
import io.mevkit.core.sandwich.LegGas;
import io.mevkit.core.sandwich.NoSandwich;
import io.mevkit.core.sandwich.RouterDialect;
import io.mevkit.core.sandwich.SandwichDecision;
import io.mevkit.core.sandwich.SandwichPlan;
import io.mevkit.core.sandwich.SandwichRequest;
import io.mevkit.core.sandwich.SandwichSizer;
import io.mevkit.core.sandwich.SwapKind;
import io.mevkit.core.sandwich.V3DecodeResult;
import io.mevkit.core.sandwich.V3PathHop;
import io.mevkit.core.sandwich.V3SandwichPlan;
import io.mevkit.core.sandwich.V3SandwichRequest;
import io.mevkit.core.sandwich.V3SandwichSizer;
import io.mevkit.core.sandwich.V3SwapDecoder;
import io.mevkit.core.sandwich.V3VictimSwap;
import io.mevkit.core.sandwich.VictimDecoders;
import io.mevkit.core.sandwich.VictimSwap;
import io.mevkit.core.sandwich.VictimTx;
import io.mevkit.core.token.TokenMetadataClient;
import io.mevkit.examples.config.MevkitConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mevkit size}: the sandwich plan for a Uniswap V2 victim, either a pending transaction on the node (decoded,
 * its pairs read through the factory at the head) or explicit numbers (one pair, raw amounts).
 */
@Command(
        name = "size",
        mixinStandardHelpOptions = true,
        description = {
            "Size a sandwich around a Uniswap swap: a pending V2 or V3 transaction (--tx), or explicit V2 numbers.",
            "Exit 0 with a profitable plan; 1 when there is none (the reason and its figures are printed)."
        })
public final class SizeCommand implements Callable<Integer> {
    private static final Address SYNTHETIC_ROUTER = Address.of("0x00000000000000000000000000000000000000f1");
    private static final Address SYNTHETIC_PAIR = Address.of("0x00000000000000000000000000000000000000f2");
    private static final Address SYNTHETIC_CAPITAL = Address.of("0x00000000000000000000000000000000000000a1");
    private static final Address SYNTHETIC_TOKEN = Address.of("0x00000000000000000000000000000000000000b2");
    private static final Address SYNTHETIC_VICTIM = Address.of("0x00000000000000000000000000000000000000c3");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--tx",
            converter = Converters.HashConverter.class,
            description = "A pending (or mined) victim transaction.")
    Hash tx;

    @Option(
            names = "--factory",
            converter = Converters.AddressConverter.class,
            description = "--tx: the V2 factory of the victim's pairs.")
    Address factory;

    @Option(
            names = "--v3-factory",
            converter = Converters.AddressConverter.class,
            description = "--tx: the V3 factory of the victim's pools (for a V3 victim).")
    Address v3Factory;

    @Option(
            names = "--weth",
            converter = Converters.AddressConverter.class,
            description = "--tx: the wrapped native token, the capital token (default: the chain's).")
    Address weth;

    @Option(names = "--reserve-in", description = "Explicit: the pair's reserve of the capital token (smallest units).")
    BigInteger reserveIn;

    @Option(names = "--reserve-out", description = "Explicit: the pair's reserve of the other token (smallest units).")
    BigInteger reserveOut;

    @Option(names = "--victim-in", description = "Explicit: the victim's exact input (smallest units).")
    BigInteger victimIn;

    @Option(names = "--victim-min-out", description = "Explicit: the victim's minimum output (smallest units).")
    BigInteger victimMinOut;

    @Option(
            names = "--capital",
            required = true,
            description = "Capital available in the capital token: units (10.5) or smallest units ('wei' suffix).")
    String capital;

    @Option(names = "--base-fee", description = "Base fee in wei per gas (default: the head block's; explicit: 0).")
    BigInteger baseFee;

    @Option(
            names = "--tip",
            defaultValue = "0",
            description = "Priority fee in wei per gas (default: ${DEFAULT-VALUE}).")
    BigInteger tip;

    @Option(
            names = "--leg-gas",
            defaultValue = "120000,120000",
            split = ",",
            description = "Gas of the front-run and back-run legs (default: ${DEFAULT-VALUE}).")
    List<Long> legGas = new ArrayList<>();

    @Option(
            names = "--v2-fee",
            defaultValue = "997/1000",
            description = "The pairs' fee as the fraction kept (default: ${DEFAULT-VALUE}).")
    String v2Fee;

    /** The V3 pools of the victim's hops, as the factory named them. */
    private final List<Address> v3Pools = new ArrayList<>();

    private Address v3PoolAddress(V3SandwichPlan p) {
        return p.pool().address().orElseGet(() -> v3Pools.get(p.hopIndex()));
    }

    @Override
    public Integer call() {
        CliContext ctx = CliContext.of(spec);
        boolean explicit = reserveIn != null || reserveOut != null || victimIn != null || victimMinOut != null;
        if (explicit == (tx != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give either --tx or all of --reserve-in, --reserve-out, --victim-in and --victim-min-out");
        }
        if (legGas.size() != 2) {
            throw new ParameterException(spec.commandLine(), "--leg-gas takes two numbers: FRONT,BACK");
        }
        LegGas gas = new LegGas(legGas.get(0), legGas.get(1));
        V2Fee fee = parseFee();
        SandwichSizer sizer = SandwichSizer.defaults();
        if (explicit) {
            if (reserveIn == null || reserveOut == null || victimIn == null || victimMinOut == null) {
                throw new ParameterException(
                        spec.commandLine(),
                        "explicit sizing needs --reserve-in, --reserve-out, --victim-in and --victim-min-out");
            }
            VictimSwap victim = new VictimSwap(
                    RouterDialect.UNISWAP_V2_ROUTER02,
                    SYNTHETIC_ROUTER,
                    "swapExactTokensForTokens",
                    SwapKind.EXACT_INPUT,
                    List.of(SYNTHETIC_CAPITAL, SYNTHETIC_TOKEN),
                    victimIn,
                    victimMinOut,
                    SYNTHETIC_VICTIM,
                    Optional.empty(),
                    false,
                    false,
                    false);
            V2Pool pool = V2Pool.of(SYNTHETIC_PAIR, SYNTHETIC_CAPITAL, reserveIn, SYNTHETIC_TOKEN, reserveOut, fee, 0);
            SandwichRequest request = SandwichRequest.builder()
                    .victim(victim)
                    .pools(List.of(pool))
                    .capital(SYNTHETIC_CAPITAL, Amounts.parse("--capital", capital, 18, false))
                    .wrappedNative(SYNTHETIC_CAPITAL)
                    .legGas(gas)
                    .baseFee(baseFee == null ? BigInteger.ZERO : baseFee)
                    .tip(tip)
                    .headBlock(0)
                    .targetTimestamp(0)
                    .build();
            return print(ctx, sizer.size(request), a -> 18);
        }
        MevkitConfig config = ctx.config();
        try (RpcClient rpc = config.rpcClientBuilder().build()) {
            Address wrapped = weth != null
                    ? weth
                    : config.chain()
                            .wrappedNative()
                            .orElseThrow(() -> new ParameterException(
                                    spec.commandLine(),
                                    "--weth is required: chain " + config.chainId()
                                            + " has no known wrapped native token"));
            Transaction t = rpc.getTransactionByHash(tx)
                    .orElseThrow(() -> new MevException("the node knows no transaction " + tx.hex()));
            Address to = t.to().orElseThrow(() -> new MevException("transaction " + tx.hex() + " creates a contract"));
            DecodeResult decoded = VictimDecoders.firstUnderstood(
                            List.of(VictimDecoders.router02(wrapped), VictimDecoders.universalRouter(wrapped)))
                    .decode(VictimTx.of(t.from(), to, t.value(), t.input()));
            Block head = rpc.getBlockByNumber(BlockTag.LATEST, false)
                    .orElseThrow(() -> new MevException("the node has no latest block"));
            TokenMetadataClient tokens = TokenMetadataClient.builder()
                    .client(rpc)
                    .chain(config.chain())
                    .build();
            BigInteger capitalAmount =
                    Amounts.parse("--capital", capital, tokens.get(wrapped).decimals(), false);
            BigInteger fee0 = baseFee != null ? baseFee : head.baseFeePerGas().orElse(BigInteger.ZERO);
            long target = head.timestamp() + config.chain().blockTime().toSeconds();
            if (decoded instanceof DecodeResult.NotUnderstood n) {
                V3DecodeResult v3 = V3SwapDecoder.decode(t.input());
                if (v3 instanceof V3VictimSwap victim) {
                    return sizeV3(ctx, rpc, config, victim, wrapped, capitalAmount, gas, fee0, head, target, tokens);
                }
                ctx.status("mevkit: transaction " + tx.hex() + " is not a swap mevkit understands: " + n.reason() + " ("
                        + ErrorHandler.oneLine(n.detail()) + "); V3: " + ErrorHandler.oneLine(String.valueOf(v3)));
                return ExitCodes.NEGATIVE;
            }
            if (factory == null) {
                throw new ParameterException(
                        spec.commandLine(), "a V2 victim needs --factory (the V2 factory of its pairs)");
            }
            VictimSwap victim = ((DecodeResult.Swaps) decoded).swaps().get(0);
            V2PoolReader reader = V2PoolReader.of(rpc, V2FeeRegistry.of(Map.of()));
            List<V2Pool> pools = new ArrayList<>();
            for (int i = 0; i + 1 < victim.path().size(); i++) {
                Address a = victim.path().get(i);
                Address b = victim.path().get(i + 1);
                Address pair = reader.pairFor(factory, a, b, head.number())
                        .orElseThrow(() -> new MevException("factory " + factory + " has no pair for " + a + "/" + b));
                V2PoolState s = reader.read(pair, head.number());
                pools.add(new V2Pool(s.pool(), s.token0(), s.token1(), s.reserve0(), s.reserve1(), fee, head.number()));
            }
            SandwichRequest request = SandwichRequest.builder()
                    .victim(victim)
                    .pools(pools)
                    .capital(wrapped, capitalAmount)
                    .wrappedNative(wrapped)
                    .legGas(gas)
                    .baseFee(fee0)
                    .tip(tip)
                    .headBlock(head.number())
                    .targetTimestamp(target)
                    .build();
            return print(ctx, sizer.size(request), a -> tokens.get(a).decimals());
        }
    }

    private int sizeV3(
            CliContext ctx,
            RpcClient rpc,
            MevkitConfig config,
            V3VictimSwap victim,
            Address wrapped,
            BigInteger capitalAmount,
            LegGas gas,
            BigInteger fee0,
            Block head,
            long target,
            TokenMetadataClient tokens) {
        if (v3Factory == null) {
            throw new ParameterException(
                    spec.commandLine(), "a V3 victim needs --v3-factory (the V3 factory of its pools)");
        }
        V3TickReader ticks =
                V3TickReader.builder().client(rpc).chain(config.chain()).build();
        List<io.mevkit.core.amm.V3PoolState> pools = new ArrayList<>();
        for (V3PathHop hop : victim.path()) {
            Address pool = v3Pool(rpc, hop, head.number());
            v3Pools.add(pool);
            pools.add(ticks.read(pool, head.number()).swapState());
        }
        V3SandwichRequest request = V3SandwichRequest.builder()
                .victim(victim)
                .pools(pools)
                .capital(wrapped, capitalAmount)
                .wrappedNative(wrapped)
                .legGas(gas)
                .baseFee(fee0)
                .tip(tip)
                .headBlock(head.number())
                .targetTimestamp(target)
                .build();
        return print(ctx, V3SandwichSizer.defaults().size(request), a -> tokens.get(a)
                .decimals());
    }

    /** {@code factory.getPool(tokenIn, tokenOut, fee)} at {@code block}. */
    private Address v3Pool(RpcClient rpc, V3PathHop hop, long block) {
        byte[] data = new byte[4 + 96];
        System.arraycopy(Hex.decode("0x1698ee82"), 0, data, 0, 4);
        System.arraycopy(hop.tokenIn().bytes(), 0, data, 4 + 12, 20);
        System.arraycopy(hop.tokenOut().bytes(), 0, data, 36 + 12, 20);
        byte[] fee = BigInteger.valueOf(hop.fee()).toByteArray();
        System.arraycopy(fee, 0, data, 100 - fee.length, fee.length);
        byte[] answer = rpc.call(v3Factory, data, BlockTag.number(block));
        if (answer.length != 32) {
            throw new MevException(
                    "getPool of " + v3Factory + " answered " + answer.length + " bytes: not a V3 factory");
        }
        Address pool = Address.of(Hex.encode(java.util.Arrays.copyOfRange(answer, 12, 32)));
        if (pool.equals(Address.ZERO)) {
            throw new MevException("V3 factory " + v3Factory + " has no pool for " + hop.tokenIn() + "/"
                    + hop.tokenOut() + " fee " + hop.fee());
        }
        return pool;
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

    private int print(CliContext ctx, SandwichDecision decision, Function<Address, Integer> decimals) {
        if (decision instanceof SandwichPlan p) {
            if (ctx.json()) {
                ObjectNode o = ctx.object();
                o.put("decision", "plan");
                o.put("pool", p.pool().address().toString());
                o.set("plan", CliContext.toJson(p));
                ctx.printJson(o);
                return ExitCodes.OK;
            }
            int in = decimals.apply(p.tokenIn());
            int out = decimals.apply(p.tokenOut());
            ctx.out()
                    .printf(
                            "sandwich on pair %s (hop %d), limited by %s%n",
                            p.pool().address(), p.hopIndex(), p.limit());
            legs(
                    ctx,
                    p.frontRunIn(),
                    p.frontRunOut(),
                    p.frontRunMinOut(),
                    p.victimHopIn(),
                    p.victimHopOut(),
                    p.backRunIn(),
                    p.backRunOut(),
                    p.backRunMinOut(),
                    in,
                    out);
            profit(ctx, p.grossProfit(), p.gasCost(), p.builderPayment(), p.netProfitWei(), p.maxFrontRun());
            return ExitCodes.OK;
        }
        if (decision instanceof V3SandwichPlan p) {
            if (ctx.json()) {
                ObjectNode o = ctx.object();
                o.put("decision", "plan");
                o.put("pool", v3PoolAddress(p).toString());
                o.set("plan", CliContext.toJson(p));
                ctx.printJson(o);
                return ExitCodes.OK;
            }
            int in = decimals.apply(p.tokenIn());
            int out = decimals.apply(p.tokenOut());
            ctx.out()
                    .printf(
                            "V3 sandwich on pool %s (hop %d), limited by %s%n",
                            v3PoolAddress(p), p.hopIndex(), p.limit());
            legs(
                    ctx,
                    p.frontRunIn(),
                    p.frontRunOut(),
                    p.frontRunMinOut(),
                    p.victimAmounts().get(p.hopIndex()),
                    p.victimAmounts().get(p.hopIndex() + 1),
                    p.backRunIn(),
                    p.backRunOut(),
                    p.backRunMinOut(),
                    in,
                    out);
            profit(ctx, p.grossProfit(), p.gasCost(), p.builderPayment(), p.netProfitWei(), p.maxFrontRun());
            return ExitCodes.OK;
        }
        NoSandwich no = (NoSandwich) decision;
        if (ctx.json()) {
            ObjectNode o = ctx.object();
            o.put("decision", "none");
            o.put("reason", no.kind().name());
            o.set("details", CliContext.toJson(no));
            ctx.printJson(o);
        } else {
            ctx.out().printf("no sandwich: %s%n", no.kind());
            ctx.out().println(((Record) no).toString());
            ctx.out().flush();
        }
        return ExitCodes.NEGATIVE;
    }

    private static void legs(
            CliContext ctx,
            BigInteger frontIn,
            BigInteger frontOut,
            BigInteger frontMin,
            BigInteger victimIn,
            BigInteger victimOut,
            BigInteger backIn,
            BigInteger backOut,
            BigInteger backMin,
            int in,
            int out) {
        Table t = Table.of("leg", "in", "out", "min out").right(1, 2, 3);
        t.row("front-run", Amounts.format(frontIn, in), Amounts.format(frontOut, out), Amounts.format(frontMin, out));
        t.row("victim", Amounts.format(victimIn, in), Amounts.format(victimOut, out), "-");
        t.row("back-run", Amounts.format(backIn, out), Amounts.format(backOut, in), Amounts.format(backMin, in));
        t.print(ctx.out());
    }

    private static void profit(
            CliContext ctx, BigInteger gross, BigInteger gasCost, BigInteger payment, BigInteger net, BigInteger max) {
        Table money = Table.of("", "wei").right(1);
        money.row("gross profit", gross);
        money.row("gas cost", gasCost);
        money.row("builder payment", payment);
        money.row("net profit", net);
        money.row("max front-run", max);
        money.print(ctx.out());
    }
}
