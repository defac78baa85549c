package io.mevkit.testing;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

class AnvilIT {

    @Test
    void startsAnswersAndLeavesNoProcessBehind() {
        long pid;
        try (Anvil anvil = Anvil.start()) {
            assertEquals(31337L, anvil.chainId());
            assertEquals(0L, anvil.blockNumber());
            assertEquals(10, anvil.accounts().size());
            assertEquals(
                    "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                    anvil.accounts().get(0));
            assertTrue(anvil.isRunning());
            pid = anvil.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        Optional<ProcessHandle> after = ProcessHandle.of(pid);
        assertFalse(after.isPresent() && after.get().isAlive(), "anvil process " + pid + " outlived close()");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void routerQuoteOnRealUniswapV2EqualsTheConstantProductFormula() {
        try (Anvil anvil = Anvil.start()) {
            UniswapV2 v2 = UniswapV2.deploy(anvil);
            TestTokens tokens = new TestTokens(anvil);
            String a = tokens.deploy("Token A", "A", 18);
            String b = tokens.deploy("Token B", "B", 6);
            String pair = v2.createPair(a, b);
            BigInteger reserveA = new BigInteger("1000000000000000000000"); // 1000 A
            BigInteger reserveB = new BigInteger("2000000000"); // 2000 B
            v2.seed(pair, a, reserveA, b, reserveB);

            BigInteger amountIn = new BigInteger("1000000000000000000");
            List<Type> out = anvil.call(
                    v2.router(),
                    Abi.fn(
                            "getAmountsOut",
                            List.of(uint(amountIn), Abi.path(a, b)),
                            List.of(new TypeReference<DynamicArray<Uint256>>() {})));
            @SuppressWarnings("unchecked")
            List<Uint256> amounts = (List<Uint256>) out.get(0).getValue();
            // reference: amountIn * 997 * rOut / (rIn * 1000 + amountIn * 997), floor
            BigInteger withFee = amountIn.multiply(BigInteger.valueOf(997));
            BigInteger expected = withFee.multiply(reserveB)
                    .divide(reserveA.multiply(BigInteger.valueOf(1000)).add(withFee));
            assertEquals(expected, amounts.get(1).getValue());

            // and the swap itself pays exactly that
            String trader = anvil.accounts().get(1);
            tokens.mint(a, trader, amountIn);
            tokens.approveMax(trader, a, v2.router());
            anvil.invoke(
                    trader,
                    v2.router(),
                    fn(
                            "swapExactTokensForTokens",
                            uint(amountIn),
                            uint(expected),
                            Abi.path(a, b),
                            address(trader),
                            Abi.farDeadline()));
            assertEquals(expected, tokens.balanceOf(b, trader));
        }
    }

    @Test
    void fifoOrderingMinesTwoTransactionsOfOneSenderInOneBlock() {
        try (Anvil anvil = Anvil.builder().noMining().start()) {
            assertFalse(anvil.automine());
            String from = anvil.accounts().get(0);
            String to = anvil.accounts().get(1);
            String first = anvil.sendTransaction(Tx.transfer(from, to, BigInteger.ONE));
            String second = anvil.sendTransaction(Tx.transfer(from, to, BigInteger.TWO));
            assertTrue(anvil.receipt(first).isEmpty(), "nothing is mined before mine()");
            anvil.mine();
            Receipt r1 = anvil.awaitReceipt(first, Duration.ofSeconds(10));
            Receipt r2 = anvil.awaitReceipt(second, Duration.ofSeconds(10));
            assertEquals(1L, r1.blockNumber());
            assertEquals(1L, r2.blockNumber());
            assertEquals(0, r1.transactionIndex());
            assertEquals(1, r2.transactionIndex());
        }
    }

    @Test
    void snapshotAndRevertRestoreState() {
        try (Anvil anvil = Anvil.start()) {
            TestTokens tokens = new TestTokens(anvil);
            String token = tokens.deploy("T", "T", 8);
            String holder = anvil.accounts().get(2);
            String snapshot = anvil.snapshot();
            tokens.mint(token, holder, BigInteger.valueOf(123));
            assertEquals(BigInteger.valueOf(123), tokens.balanceOf(token, holder));
            anvil.revert(snapshot);
            assertEquals(BigInteger.ZERO, tokens.balanceOf(token, holder));
        }
    }

    @Test
    void gracefulStopDumpsStateAndRestartLoadsIt(@TempDir Path dir) {
        Path state = dir.resolve("state.json");
        try (Anvil anvil = Anvil.builder().dumpState(state).start()) {
            TestTokens tokens = new TestTokens(anvil);
            String token = tokens.deploy("T", "T", 18);
            String holder = anvil.accounts().get(3);
            tokens.mint(token, holder, BigInteger.valueOf(77));
            long height = anvil.blockNumber();
            int port = anvil.port();

            anvil.stop();
            assertFalse(anvil.isRunning());
            assertTrue(Files.exists(state), "--dump-state wrote nothing on a graceful stop");

            anvil.restart();
            assertEquals(port, anvil.port());
            assertEquals(height, anvil.blockNumber());
            assertEquals(BigInteger.valueOf(77), tokens.balanceOf(token, holder));
        }
    }

    @Test
    void reorgReplacesRecentBlocks() {
        try (Anvil anvil = Anvil.start()) {
            anvil.mine(5);
            String before = anvil.block("0x4").orElseThrow().path("hash").asText();
            anvil.reorg(2);
            assertEquals(5L, anvil.blockNumber());
            String after = anvil.block("0x4").orElseThrow().path("hash").asText();
            assertNotEquals(before, after);
        }
    }

    @Test
    void blockTimeMinesOnItsOwn() {
        try (Anvil anvil = Anvil.builder().blockTime(Duration.ofSeconds(1)).start()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (anvil.blockNumber() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(anvil.blockNumber() >= 2, "no blocks mined by --block-time");
        }
    }

    @Test
    void rpcErrorsAreTypedWithTheMethod() {
        try (Anvil anvil = Anvil.start()) {
            AnvilException e = assertThrows(AnvilException.class, () -> anvil.rpc("eth_noSuchMethod"));
            assertEquals("eth_noSuchMethod", e.method());
        }
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Anvil.builder()
                .noMining()
                .blockTime(Duration.ofSeconds(2))
                .start());
        assertTrue(e.getMessage().contains("noMining"));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Anvil.builder().order("random").start());
        assertTrue(e.getMessage().contains("random"));
    }

    @Test
    void uniswapV3PoolInitializesAndTakesLiquidity() {
        try (Anvil anvil = Anvil.start()) {
            UniswapV2 v2 = UniswapV2.deploy(anvil);
            UniswapV3 v3 = UniswapV3.deploy(anvil, v2.weth());
            TestTokens tokens = new TestTokens(anvil);
            String x = tokens.deploy("X", "X", 18);
            String y = tokens.deploy("Y", "Y", 18);
            boolean xFirst = new BigInteger(x.substring(2), 16).compareTo(new BigInteger(y.substring(2), 16)) < 0;
            String token0 = xFirst ? x : y;
            String token1 = xFirst ? y : x;
            BigInteger price1 = BigInteger.ONE.shiftLeft(96); // sqrtPriceX96 of price 1: tick 0
            String pool = v3.createPool(token0, token1, 3000, price1);
            assertEquals(new UniswapV3.PoolState(price1, 0, BigInteger.ZERO), v3.state(pool));

            String provider = anvil.accounts().get(4);
            BigInteger amount = new BigInteger("1000000000000000000000");
            tokens.mint(token0, provider, amount);
            tokens.mint(token1, provider, amount);
            tokens.approveMax(provider, token0, v3.positionManager());
            tokens.approveMax(provider, token1, v3.positionManager());
            v3.mint(provider, token0, token1, 3000, -600, 600, amount, amount);
            assertTrue(v3.state(pool).liquidity().signum() > 0);
        }
    }

    @Test
    void rawRpcGivesBlocksWithTransactions() {
        try (Anvil anvil = Anvil.start()) {
            anvil.send(Tx.transfer(anvil.accounts().get(0), anvil.accounts().get(1), BigInteger.TEN));
            JsonNode block = anvil.block("latest").orElseThrow();
            assertEquals(1, block.path("transactions").size());
            assertEquals("0xa", block.path("transactions").get(0).path("value").asText());
        }
    }
}
