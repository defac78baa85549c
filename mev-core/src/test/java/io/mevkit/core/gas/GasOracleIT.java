package io.mevkit.core.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Chain;
import io.mevkit.core.Chains;
import io.mevkit.core.FeeMarket;
import io.mevkit.core.gas.BaseFeeRule.Direction;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Predicted base fees against the blocks anvil actually builds. */
class GasOracleIT {
    /** 0.1 gwei: tips stay below the max fee anvil fills in for a 1 gwei base fee. */
    private static final BigInteger TIP = BigInteger.TEN.pow(8);

    private static RpcClient client(Anvil anvil) {
        return RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    private static BigInteger baseFeeOf(RpcClient client, long number) {
        Block block = client.getBlockByNumber(BlockTag.number(number), false).orElseThrow();
        return block.baseFeePerGas().orElseThrow();
    }

    /** A transfer carrying {@code dataBytes} non-zero calldata bytes, so blocks use gas in uneven amounts. */
    private static Tx transfer(String from, String to, int dataBytes) {
        String data = "0x" + "ab".repeat(dataBytes);
        // 21000 + 40 gas per non-zero byte covers both the standard cost and the EIP-7623 calldata floor
        return new Tx(from, to, data, BigInteger.ONE, 21_000L + 64L * dataBytes, null);
    }

    /**
     * anvil in OP Stack mode (its headers carry no Holocene {@code extraData}, so the chain's defaults apply): 30
     * predicted base fees with elasticity 6 and denominator 250 equal the blocks it builds.
     */
    @Test
    void opStackBaseFeesEqualTheBlocksAnvilBuildsInOptimismMode() {
        Chain opStack = new Chain(
                31337,
                "Anvil (OP Stack)",
                "ETH",
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                Duration.ofSeconds(2),
                FeeMarket.opStack(6, 250));
        // a 3M gas limit puts the 500k target within reach of a few dozen transfers
        try (Anvil anvil = Anvil.builder()
                        .noMining()
                        .gasLimit(3_000_000)
                        .arg("--network", "optimism")
                        .start();
                RpcClient client = client(anvil)) {
            GasOracle oracle = GasOracle.of(client, opStack);
            List<String> accounts = anvil.accounts();
            Random random = new Random(10);
            Set<Direction> seen = EnumSet.noneOf(Direction.class);
            for (int block = 0; block < 30; block++) {
                int count = random.nextInt(30);
                for (int i = 0; i < count; i++) {
                    String from = accounts.get(i % (accounts.size() - 1));
                    anvil.sendTransaction(transfer(from, accounts.get(accounts.size() - 1), random.nextInt(600)));
                }
                anvil.mine();
                Block parent = client.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
                assertEquals("0x", parent.extraData());
                NextBaseFee predicted = oracle.nextBaseFee(parent);
                seen.add(predicted.step().orElseThrow().direction());
                anvil.mine();
                assertEquals(
                        baseFeeOf(client, predicted.blockNumber()),
                        predicted.baseFee(),
                        "base fee of block " + predicted.blockNumber());
            }
            assertTrue(seen.contains(Direction.INCREASE), "increases seen: " + seen);
            assertTrue(seen.contains(Direction.DECREASE), "decreases seen: " + seen);
        }
    }

    @Test
    void fiftyPredictedBaseFeesEqualTheBlocksAnvilBuilds() throws InterruptedException {
        Chain nodeProvided = new Chain(
                31337,
                "Anvil (node-provided)",
                "ETH",
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                Duration.ofSeconds(1),
                FeeMarket.nodeProvided());
        // a 1M gas limit puts the 500k target within reach of a few dozen transfers
        try (Anvil anvil = Anvil.builder().noMining().gasLimit(1_000_000).start();
                RpcClient client = client(anvil)) {
            GasOracle formula = GasOracle.of(client, Chains.ANVIL);
            GasOracle node = GasOracle.of(client, nodeProvided);
            List<String> accounts = anvil.accounts();
            Random random = new Random(6);
            Set<Direction> seen = EnumSet.noneOf(Direction.class);
            int floored = 0;
            for (int block = 0; block < 50; block++) {
                int count = random.nextInt(25);
                for (int i = 0; i < count; i++) {
                    String from = accounts.get(i % (accounts.size() - 1));
                    anvil.sendTransaction(transfer(from, accounts.get(accounts.size() - 1), random.nextInt(400)));
                }
                anvil.mine();
                Block parent = client.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
                NextBaseFee predicted = formula.nextBaseFee();
                // anvil updates its fee history asynchronously after mining: wait (bounded) until it has this block
                NextBaseFee asked = node.nextBaseFee();
                for (int tries = 0; tries < 100 && asked.blockNumber() < predicted.blockNumber(); tries++) {
                    Thread.sleep(20);
                    asked = node.nextBaseFee();
                }
                assertEquals(parent.number() + 1, predicted.blockNumber());
                assertEquals(NextBaseFee.Source.FORMULA, predicted.source());
                BaseFeeRule.Step step = predicted.step().orElseThrow();
                seen.add(step.direction());
                floored += step.flooredToOneWei() ? 1 : 0;

                anvil.mine();
                BigInteger actual = baseFeeOf(client, predicted.blockNumber());
                assertEquals(actual, predicted.baseFee(), "base fee of block " + predicted.blockNumber());
                assertEquals(actual, asked.baseFee(), "the node's own answer for block " + predicted.blockNumber());
                assertEquals(predicted.blockNumber(), asked.blockNumber());
            }
            // the run exercised both branches of the rule with real gas use, not only empty blocks
            assertTrue(seen.contains(Direction.INCREASE), "increases seen: " + seen);
            assertTrue(seen.contains(Direction.DECREASE), "decreases seen: " + seen);
            assertEquals(0, floored, "a 1 gwei base fee never needs the 1 wei floor");
        }
    }

    @Test
    void aTinyBaseFeeTakesTheOneWeiFloorOnIncrease() {
        // target 31_500 gas; two transfers use 42_000: 7 * 10_500 / 31_500 / 8 = 0, lifted to 1
        try (Anvil anvil = Anvil.builder()
                        .noMining()
                        .baseFee(BigInteger.valueOf(7))
                        .gasLimit(63_000)
                        .start();
                RpcClient client = client(anvil)) {
            List<String> accounts = anvil.accounts();
            anvil.sendTransaction(transfer(accounts.get(0), accounts.get(2), 0));
            anvil.sendTransaction(transfer(accounts.get(1), accounts.get(2), 0));
            anvil.mine();
            Block parent = client.getBlockByNumber(BlockTag.LATEST, false).orElseThrow();
            assertEquals(42_000, parent.gasUsed());
            assertEquals(BigInteger.valueOf(7), parent.baseFeePerGas().orElseThrow());

            NextBaseFee next = GasOracle.of(client, Chains.ANVIL).nextBaseFee();
            BaseFeeRule.Step step = next.step().orElseThrow();
            assertEquals(Direction.INCREASE, step.direction());
            assertEquals(BigInteger.ZERO, step.rawDelta());
            assertTrue(step.flooredToOneWei());
            assertEquals(BigInteger.valueOf(8), next.baseFee());

            anvil.mine();
            assertEquals(BigInteger.valueOf(8), baseFeeOf(client, next.blockNumber()));
        }
    }

    @Test
    void priorityFeePercentilesComeFromTheBlocksTransactions() throws InterruptedException {
        try (Anvil anvil = Anvil.builder().noMining().start();
                RpcClient client = client(anvil)) {
            List<String> accounts = anvil.accounts();
            for (int i = 0; i < 4; i++) {
                anvil.sendTransaction(transfer(accounts.get(i), accounts.get(9), 0)
                        .withPriorityFee(TIP.multiply(BigInteger.valueOf(i + 1))));
            }
            anvil.mine();
            anvil.mine(); // an empty block: its percentiles are all 0
            GasOracle oracle = GasOracle.of(client, Chains.ANVIL);
            // anvil fills its fee history from new blocks on a task of its own: wait (bounded) until it has both
            PriorityFees fees = oracle.priorityFees(2, 0, 100);
            for (int i = 0; i < 250 && fees.perBlock().size() < 2; i++) {
                Thread.sleep(20);
                fees = oracle.priorityFees(2, 0, 100);
            }
            assertEquals(client.blockNumber() - 1, fees.oldestBlock());
            assertEquals(List.of(0.0, 100.0), fees.percentiles());
            assertEquals(
                    List.of(TIP, TIP.multiply(BigInteger.valueOf(4))),
                    fees.perBlock().get(0));
            assertEquals(
                    List.of(BigInteger.ZERO, BigInteger.ZERO), fees.perBlock().get(1));
            assertEquals(List.of(BigInteger.ZERO, BigInteger.ZERO), fees.medians());
        }
    }
}
