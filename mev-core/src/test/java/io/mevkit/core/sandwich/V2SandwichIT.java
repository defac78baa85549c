package io.mevkit.core.sandwich;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Math;
import io.mevkit.core.amm.V2Pool;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.Receipt;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV2;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Random pools and victims on the real Uniswap V2 bytecode: decode the victim's calldata, size the sandwich, then mine
 * front-run, victim and back-run (three dev accounts) into one block and compare every realized amount with the plan,
 * to the wei; then check the bound on chain (the bound keeps the victim whole, one wei more reverts it).
 */
class V2SandwichIT {
    private static final Logger LOG = LoggerFactory.getLogger(V2SandwichIT.class);

    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final String SWAP_TOPIC = Hash.keccak256(
                    "Swap(address,uint256,uint256,uint256,uint256,address)".getBytes(StandardCharsets.US_ASCII))
            .hex();
    private static final BigInteger DEADLINE = BigInteger.ONE.shiftLeft(40);
    private static final long LEG_GAS = 600_000;
    private static final int CASES = 26;
    private static final int[] DECIMALS = {6, 8, 18};
    private static final BigInteger ETH_BUFFER = BigInteger.TEN.pow(22);

    enum Shape {
        EXACT_TOKENS_IN,
        EXACT_ETH_IN,
        EXACT_OUT,
        MULTI_HOP_CAPITAL_SECOND,
        MULTI_HOP_CAPITAL_FIRST,
        MULTI_HOP_EXACT_OUT
    }

    static Anvil anvil;
    static UniswapV2 v2;
    static TestTokens tokens;
    static String deployer;
    static String frontRunner;
    static String victim;
    static String backRunner;
    static Address weth;
    static VictimDecoder decoder;

    @BeforeAll
    static void deploy() {
        anvil = ANVIL.anvil();
        v2 = UniswapV2.deploy(anvil);
        tokens = new TestTokens(anvil);
        deployer = anvil.accounts().get(0);
        frontRunner = anvil.accounts().get(1);
        victim = anvil.accounts().get(2);
        backRunner = anvil.accounts().get(3);
        weth = Address.of(v2.weth());
        decoder = VictimDecoders.uniswapV2(weth);
        for (String account : List.of(frontRunner, victim, backRunner)) {
            tokens.approveMax(account, v2.weth(), v2.router());
        }
    }

    /** One generated case: its pools (capital hop first in the list order of the path) and the victim's call. */
    record Case(Shape shape, List<String> path, List<String> pairs, String calldata, BigInteger value, String label) {}

    @Test
    void randomSandwichesRealizeThePlanToTheWeiAndTheBoundIsExactOnChain() {
        SplittableRandom random = new SplittableRandom(20_251_121L);
        Map<Shape, Integer> executed = new EnumMap<>(Shape.class);
        Map<NoSandwich.Kind, Integer> rejected = new EnumMap<>(NoSandwich.Kind.class);
        int done = 0;
        int boundChecks = 0;
        for (int attempt = 0; attempt < 120 && done < CASES; attempt++) {
            Shape shape = Shape.values()[attempt % Shape.values().length];
            Case c = generate(shape, random);
            VictimTx tx = VictimTx.of(Address.of(victim), Address.of(v2.router()), c.value(), c.calldata());
            VictimSwap swap = assertInstanceOf(DecodeResult.Swaps.class, decoder.decode(tx))
                    .only();
            long head = anvil.blockNumber();
            SandwichRequest request = SandwichRequest.builder()
                    .victim(swap)
                    .pools(pools(c, head))
                    .capital(weth, BigInteger.ONE.shiftLeft(112))
                    .wrappedNative(weth)
                    .legGas(new LegGas(LEG_GAS, LEG_GAS))
                    .baseFee(BigInteger.ZERO)
                    .headBlock(head)
                    .targetTimestamp(latestTimestamp() + 1)
                    .build();
            SandwichDecision decision = SandwichSizer.defaults().size(request);
            if (decision instanceof NoSandwich no) {
                rejected.merge(no.kind(), 1, Integer::sum);
                LOG.info("{}: {}", c.label(), no);
                continue;
            }
            SandwichPlan plan = (SandwichPlan) decision;
            LOG.info(
                    "{}: front-run {} of bound {} ({}), gross {}",
                    c.label(),
                    plan.frontRunIn(),
                    plan.maxFrontRun(),
                    plan.limit(),
                    plan.grossProfit());
            fund(plan.maxFrontRun().add(BigInteger.ONE), c);
            executeAndCompare(c, plan);
            boundChecks += checkBoundOnChain(c, plan) ? 1 : 0;
            executed.merge(shape, 1, Integer::sum);
            done++;
        }
        LOG.info(
                "executed {} by shape {}, rejected {}, on-chain bound checks {}",
                done,
                executed,
                rejected,
                boundChecks);
        assertEquals(CASES, done, "planned cases executed; rejected: " + rejected);
        assertEquals(Shape.values().length, executed.size(), "every shape executed: " + executed);
        assertTrue(boundChecks >= CASES - 2, "bound checked on chain in " + boundChecks + " cases");
    }

    @Test
    void aDeflatingTokenVictimIsRejectedAsFeeOnTransfer() {
        String dtt = anvil.deploy(ContractArtifact.load("DeflatingERC20"), new Uint256(BigInteger.TEN.pow(30)));
        String pair = v2.createPair(v2.weth(), dtt);
        BigInteger reserveW = BigInteger.TEN.pow(21);
        BigInteger reserveD = BigInteger.TEN.pow(24);
        put(v2.weth(), pair, reserveW);
        tokens.transfer(deployer, dtt, pair, reserveD); // 1 % of it burns on the way: the pair holds 99 %
        anvil.invoke(deployer, pair, fn("mint", address(deployer)));
        V2Pool pool = pool(pair, v2.weth(), dtt, anvil.blockNumber());
        assertEquals(
                reserveD.multiply(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)),
                pool.reserveOf(Address.of(dtt)));

        BigInteger in = BigInteger.TEN.pow(19);
        BigInteger quote = pool.amountOut(weth, in);
        String calldata = encode(
                "swapExactTokensForTokensSupportingFeeOnTransferTokens",
                uint(in),
                uint(quote.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100))),
                io.mevkit.testing.Abi.path(v2.weth(), dtt),
                address(victim),
                new Uint256(DEADLINE));
        VictimSwap swap = assertInstanceOf(
                        DecodeResult.Swaps.class,
                        decoder.decode(
                                VictimTx.of(Address.of(victim), Address.of(v2.router()), BigInteger.ZERO, calldata)))
                .only();
        assertTrue(swap.feeOnTransferVariant());
        SandwichRequest.Builder request = SandwichRequest.builder()
                .victim(swap)
                .pools(List.of(pool))
                .capital(weth, BigInteger.TEN.pow(24))
                .wrappedNative(weth)
                .legGas(new LegGas(LEG_GAS, LEG_GAS))
                .baseFee(BigInteger.ZERO)
                .headBlock(pool.blockNumber())
                .targetTimestamp(latestTimestamp() + 1);
        NoSandwich.FeeOnTransferToken rejected = assertInstanceOf(
                NoSandwich.FeeOnTransferToken.class, SandwichSizer.defaults().size(request.build()));
        LOG.info("deflating victim: {}", rejected);

        // the same swap through the plain function, with the token listed as taxed, is rejected too
        String plain = encode(
                "swapExactTokensForTokens",
                uint(in),
                uint(BigInteger.ONE),
                io.mevkit.testing.Abi.path(v2.weth(), dtt),
                address(victim),
                new Uint256(DEADLINE));
        VictimSwap plainSwap = assertInstanceOf(
                        DecodeResult.Swaps.class,
                        decoder.decode(
                                VictimTx.of(Address.of(victim), Address.of(v2.router()), BigInteger.ZERO, plain)))
                .only();
        assertFalse(plainSwap.feeOnTransferVariant());
        assertEquals(
                new NoSandwich.FeeOnTransferToken(
                        java.util.Optional.of(Address.of(dtt)), "listed as taking a fee on transfer"),
                SandwichSizer.defaults()
                        .size(request.victim(plainSwap)
                                .feeOnTransferTokens(java.util.Set.of(Address.of(dtt)))
                                .build()));

        // and why: on chain the victim receives less than the pair math says (the token burns 1 % of every transfer)
        fundVictim(v2.weth(), in);
        BigInteger before = tokens.balanceOf(dtt, victim);
        String hash = anvil.sendTransaction(new Tx(victim, v2.router(), calldata, BigInteger.ZERO, LEG_GAS, null));
        anvil.mine();
        assertTrue(receipt(hash).success());
        BigInteger received = tokens.balanceOf(dtt, victim).subtract(before);
        assertNotEquals(quote, received);
        assertEquals(quote.subtract(quote.divide(BigInteger.valueOf(100))), received);
    }

    /** Sends front-run, victim and back-run, mines one block, and compares every amount with the plan. */
    private void executeAndCompare(Case c, SandwichPlan plan) {
        String snapshot = anvil.snapshot();
        String x = plan.tokenIn().hex();
        String y = plan.tokenOut().hex();
        String pair = plan.pool().address().hex();
        BigInteger before = tokens.balanceOf(x, backRunner);
        String front =
                anvil.sendTransaction(swapTx(frontRunner, plan.frontRunIn(), plan.frontRunMinOut(), x, y, backRunner));
        String vic = anvil.sendTransaction(new Tx(victim, v2.router(), c.calldata(), c.value(), LEG_GAS, null));
        String back =
                anvil.sendTransaction(swapTx(backRunner, plan.backRunIn(), plan.backRunMinOut(), y, x, backRunner));
        anvil.mine();
        Receipt rf = receipt(front);
        Receipt rv = receipt(vic);
        Receipt rb = receipt(back);
        assertTrue(rf.success() && rv.success() && rb.success(), c.label() + ": all three succeed");
        assertEquals(rf.blockNumber(), rv.blockNumber(), c.label());
        assertEquals(rf.blockNumber(), rb.blockNumber(), c.label());
        assertEquals(List.of(0, 1, 2), List.of(rf.transactionIndex(), rv.transactionIndex(), rb.transactionIndex()));

        BigInteger[] f = swapAmounts(rf, pair, x, y);
        assertEquals(plan.frontRunIn(), f[0], c.label() + ": front-run in");
        assertEquals(plan.frontRunOut(), f[1], c.label() + ": front-run out");
        List<BigInteger> realized = victimAmounts(rv, c);
        assertEquals(plan.victimAmounts(), realized, c.label() + ": victim amounts");
        BigInteger[] b = swapAmounts(rb, pair, y, x);
        assertEquals(plan.backRunIn(), b[0], c.label() + ": back-run in");
        assertEquals(plan.backRunOut(), b[1], c.label() + ": back-run out");
        assertEquals(plan.backRunOut(), tokens.balanceOf(x, backRunner).subtract(before), c.label() + ": received");
        assertEquals(plan.grossProfit(), b[1].subtract(f[0]), c.label() + ": gross profit");
        anvil.revert(snapshot);
    }

    /** The bound keeps the victim whole on chain and one wei more makes it revert; false if the bound is the reserve cap. */
    private boolean checkBoundOnChain(Case c, SandwichPlan plan) {
        String x = plan.tokenIn().hex();
        String y = plan.tokenOut().hex();
        BigInteger bound = plan.maxFrontRun();
        // one wei more must still fit the pair's uint112 reserve, or the front-run itself would revert
        BigInteger reserve = plan.pool().reserveOf(plan.tokenIn());
        if (reserve.add(bound).add(BigInteger.ONE).bitLength() > 112) {
            return false;
        }
        for (int extra = 0; extra <= 1; extra++) {
            String snapshot = anvil.snapshot();
            String front = anvil.sendTransaction(
                    swapTx(frontRunner, bound.add(BigInteger.valueOf(extra)), BigInteger.ZERO, x, y, backRunner));
            String vic = anvil.sendTransaction(new Tx(victim, v2.router(), c.calldata(), c.value(), LEG_GAS, null));
            anvil.mine();
            assertTrue(receipt(front).success(), c.label() + ": front-run of bound + " + extra);
            assertEquals(
                    extra == 0, receipt(vic).success(), c.label() + ": victim after a front-run of bound + " + extra);
            anvil.revert(snapshot);
        }
        return true;
    }

    private Case generate(Shape shape, SplittableRandom random) {
        String t1 = tokens.deploy("T1", "T1", DECIMALS[random.nextInt(3)]);
        String t2 = tokens.deploy("T2", "T2", DECIMALS[random.nextInt(3)]);
        tokens.approveMax(victim, t1, v2.router());
        tokens.approveMax(backRunner, t1, v2.router());
        tokens.approveMax(backRunner, t2, v2.router());
        String w = v2.weth();
        List<String> path =
                switch (shape) {
                    case EXACT_TOKENS_IN, EXACT_ETH_IN, EXACT_OUT -> List.of(w, t1);
                    case MULTI_HOP_CAPITAL_SECOND -> List.of(t1, w, t2);
                    case MULTI_HOP_CAPITAL_FIRST, MULTI_HOP_EXACT_OUT -> List.of(w, t1, t2);
                };
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < path.size(); i++) {
            BigInteger ra;
            BigInteger rb;
            do {
                ra = reserve(random);
                rb = reserve(random);
            } while (ra.multiply(rb).compareTo(BigInteger.TEN.pow(8)) < 0);
            String pair = v2.createPair(path.get(i), path.get(i + 1));
            seed(pair, path.get(i), ra, path.get(i + 1), rb);
            pairs.add(pair);
        }
        List<V2Pool> pools = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            pools.add(pool(pairs.get(i), path.get(i), path.get(i + 1), 0));
        }
        List<Address> p = path.stream().map(Address::of).toList();
        BigInteger firstReserve = pools.get(0).reserveOf(p.get(0));
        long bps = 1 + random.nextInt(1000);
        long permille = 5 + random.nextInt(295);
        String label = shape + " " + path.size() + "-token path, " + bps + " bps, reserves "
                + pools.stream().map(q -> q.reserve0() + "/" + q.reserve1()).toList();
        boolean exactOut = shape == Shape.EXACT_OUT || shape == Shape.MULTI_HOP_EXACT_OUT;
        String calldata;
        BigInteger value = BigInteger.ZERO;
        if (exactOut) {
            // an output the path can deliver: what a fraction of the first reserve would buy
            BigInteger probe = firstReserve
                    .multiply(BigInteger.valueOf(permille))
                    .divide(BigInteger.valueOf(1_000))
                    .max(BigInteger.ONE);
            BigInteger out =
                    V2Math.getAmountsOut(probe, p, pools).get(path.size() - 1).max(BigInteger.ONE);
            BigInteger in = V2Math.getAmountsIn(out, p, pools).get(0);
            BigInteger max = in.multiply(BigInteger.valueOf(10_000 + bps)).divide(BigInteger.valueOf(10_000));
            fundVictim(path.get(0), max);
            calldata = encode(
                    "swapTokensForExactTokens",
                    uint(out),
                    uint(max),
                    io.mevkit.testing.Abi.path(path.toArray(String[]::new)),
                    address(victim),
                    new Uint256(DEADLINE));
        } else {
            BigInteger in = firstReserve
                    .multiply(BigInteger.valueOf(permille))
                    .divide(BigInteger.valueOf(1_000))
                    .max(BigInteger.ONE);
            BigInteger quote = V2Math.getAmountsOut(in, p, pools).get(path.size() - 1);
            BigInteger min = quote.multiply(BigInteger.valueOf(10_000 - bps)).divide(BigInteger.valueOf(10_000));
            if (shape == Shape.EXACT_ETH_IN) {
                value = in;
                anvil.setBalance(victim, in.add(ETH_BUFFER));
                calldata = encode(
                        "swapExactETHForTokens",
                        uint(min),
                        io.mevkit.testing.Abi.path(path.toArray(String[]::new)),
                        address(victim),
                        new Uint256(DEADLINE));
            } else {
                fundVictim(path.get(0), in);
                calldata = encode(
                        "swapExactTokensForTokens",
                        uint(in),
                        uint(min),
                        io.mevkit.testing.Abi.path(path.toArray(String[]::new)),
                        address(victim),
                        new Uint256(DEADLINE));
            }
        }
        return new Case(shape, path, pairs, calldata, value, label);
    }

    private List<V2Pool> pools(Case c, long head) {
        List<V2Pool> pools = new ArrayList<>();
        for (int i = 0; i < c.pairs().size(); i++) {
            pools.add(pool(c.pairs().get(i), c.path().get(i), c.path().get(i + 1), head));
        }
        return pools;
    }

    private static V2Pool pool(String pair, String tokenA, String tokenB, long block) {
        UniswapV2.Reserves r = v2.reserves(pair);
        Address a = Address.of(tokenA);
        Address b = Address.of(tokenB);
        Address token0 = a.compareTo(b) < 0 ? a : b;
        Address token1 = token0.equals(a) ? b : a;
        return new V2Pool(Address.of(pair), token0, token1, r.reserve0(), r.reserve1(), V2Fee.UNISWAP, block);
    }

    /** 10^3 to 10^30 raw units. */
    private static BigInteger reserve(SplittableRandom random) {
        int exponent = 3 + random.nextInt(28);
        BigInteger mantissa = BigInteger.valueOf(1_000 + random.nextInt(9_000));
        return mantissa.multiply(BigInteger.TEN.pow(exponent)).divide(BigInteger.valueOf(1_000));
    }

    private static void seed(String pair, String tokenA, BigInteger amountA, String tokenB, BigInteger amountB) {
        put(tokenA, pair, amountA);
        put(tokenB, pair, amountB);
        anvil.invoke(deployer, pair, fn("mint", address(deployer)));
    }

    /** Gives {@code to} exactly {@code amount} of {@code token}: minted, or wrapped from ETH for WETH. */
    private static void put(String token, String to, BigInteger amount) {
        if (token.equals(v2.weth())) {
            anvil.setBalance(deployer, amount.add(ETH_BUFFER));
            anvil.sendAndExpectSuccess(Tx.call(deployer, token, FunctionEncoder.encode(fn("deposit")))
                    .withValue(amount));
            tokens.transfer(deployer, token, to, amount);
        } else {
            tokens.mint(token, to, amount);
        }
    }

    private static void fundVictim(String token, BigInteger amount) {
        put(token, victim, amount);
    }

    private static void fund(BigInteger frontRunAmount, Case c) {
        put(v2.weth(), frontRunner, frontRunAmount);
    }

    private Tx swapTx(String from, BigInteger amountIn, BigInteger minOut, String tokenIn, String tokenOut, String to) {
        String data = encode(
                "swapExactTokensForTokens",
                uint(amountIn),
                uint(minOut),
                io.mevkit.testing.Abi.path(tokenIn, tokenOut),
                address(to),
                new Uint256(DEADLINE));
        return new Tx(from, v2.router(), data, BigInteger.ZERO, LEG_GAS, null);
    }

    @SuppressWarnings("rawtypes")
    private static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, List.<Type>of(args), List.of()));
    }

    private static Receipt receipt(String hash) {
        return anvil.receipt(hash).orElseThrow(() -> new AssertionError("no receipt for " + hash));
    }

    private static long latestTimestamp() {
        return io.mevkit.core.Hex.toLong(
                anvil.block("latest").orElseThrow().path("timestamp").asText());
    }

    /** {amountIn of tokenIn, amountOut of tokenOut} from the pair's Swap event in the receipt. */
    private static BigInteger[] swapAmounts(Receipt receipt, String pair, String tokenIn, String tokenOut) {
        for (Receipt.Log log : receipt.logs()) {
            if (log.address().equalsIgnoreCase(pair) && log.topics().get(0).equalsIgnoreCase(SWAP_TOPIC)) {
                // data: amount0In, amount1In, amount0Out, amount1Out
                BigInteger[] w = words(log.data());
                boolean inIsToken0 = Address.of(tokenIn).compareTo(Address.of(tokenOut)) < 0;
                return inIsToken0 ? new BigInteger[] {w[0], w[3]} : new BigInteger[] {w[1], w[2]};
            }
        }
        throw new AssertionError("no Swap of " + pair + " in " + receipt.txHash());
    }

    /** The victim's router amounts array, read back from the Swap events of each hop, in order. */
    private static List<BigInteger> victimAmounts(Receipt receipt, Case c) {
        List<BigInteger> amounts = new ArrayList<>();
        for (int i = 0; i < c.pairs().size(); i++) {
            BigInteger[] hop = swapAmounts(
                    receipt, c.pairs().get(i), c.path().get(i), c.path().get(i + 1));
            if (i == 0) {
                amounts.add(hop[0]);
            } else {
                assertEquals(amounts.get(i), hop[0], "hop " + i + " spends what hop " + (i - 1) + " bought");
            }
            amounts.add(hop[1]);
        }
        return amounts;
    }

    private static BigInteger[] words(String data) {
        String hex = data.startsWith("0x") ? data.substring(2) : data;
        BigInteger[] out = new BigInteger[hex.length() / 64];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BigInteger(hex.substring(64 * i, 64 * i + 64), 16);
        }
        return out;
    }
}
