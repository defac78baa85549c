package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.Hex;
import io.mevkit.core.rpc.Block;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Abi;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * {@link BundleSimulator} over anvil's {@code eth_simulateV1} and {@link LocalBuilder} on an anvil without automining:
 * simulated gas, balances and coinbase payment equal what the mined block does, to the wei; reverts carry their
 * reason; the local builder orders bundle, victim and pool as the bundle says.
 */
class BundleSimulationIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    private static final long CHAIN = 31337;
    private static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_FEE = GWEI.multiply(BigInteger.valueOf(100));

    private static RpcClient rpc;
    private static BundleSimulator simulator;

    @BeforeAll
    static void connect() {
        rpc = RpcClient.builder()
                .chainId(CHAIN)
                .endpoint("anvil", ANVIL.anvil().rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
        simulator = BundleSimulator.of(rpc);
    }

    @AfterAll
    static void disconnect() {
        rpc.close();
    }

    private static PrivateKeySigner signer(int account) {
        return PrivateKeySigner.of(ANVIL.anvil().privateKey(account), CHAIN);
    }

    private static Address account(int i) {
        return Address.of(ANVIL.anvil().accounts().get(i));
    }

    private static SignedTx tx(
            PrivateKeySigner s, long nonce, Address to, BigInteger value, byte[] data, long gas, BigInteger tip) {
        return s.sign(Eip1559Tx.builder()
                .chainId(CHAIN)
                .nonce(nonce)
                .maxPriorityFeePerGas(tip)
                .maxFeePerGas(MAX_FEE)
                .gasLimit(gas)
                .to(to)
                .value(value)
                .data(data)
                .build());
    }

    private static long nonce(Address a) {
        return rpc.getTransactionCount(a, BlockTag.PENDING);
    }

    private static int poolSize() {
        JsonNode content = rpc.call("txpool_content", List.of(), JsonNode.class);
        int n = 0;
        for (JsonNode sender : content.path("pending")) {
            n += sender.size();
        }
        return n;
    }

    @Test
    void transfersSimulateExactlyAsTheMinedBlockRunsThem() {
        PrivateKeySigner s = signer(3);
        Address to = account(4);
        long n = nonce(s.address());
        BigInteger tip = GWEI.multiply(BigInteger.valueOf(2));
        SignedTx a = tx(s, n, to, new BigInteger("1000000000000000001"), new byte[0], 21_000, tip);
        SignedTx b = tx(s, n + 1, to, new BigInteger("7"), new byte[0], 30_000, tip);
        long head = rpc.blockNumber();
        Bundle bundle = Bundle.of(List.of(a, b)).blockNumber(head + 1).build();

        BundleSimulation sim = simulator.simulate(
                SimulationRequest.builder(bundle).follow(s.address()).follow(to).build());

        assertEquals(head, sim.stateBlock());
        assertEquals(head + 1, sim.blockNumber());
        assertEquals(
                List.of(a.hash(), b.hash()),
                sim.txs().stream().map(BundleSimulation.TxSimulation::hash).toList());
        assertTrue(sim.allSucceeded());
        assertEquals(21_000, sim.txs().get(0).gasUsed());
        assertEquals(21_000, sim.txs().get(1).gasUsed());
        BigInteger price = sim.baseFee().orElseThrow().add(tip);
        BigInteger value = new BigInteger("1000000000000000008");
        assertEquals(value.add(price.multiply(BigInteger.valueOf(42_000))).negate(), sim.ethDelta(s.address()));
        assertEquals(value, sim.ethDelta(to));
        assertEquals(tip.multiply(BigInteger.valueOf(42_000)), sim.coinbaseDiff());
        assertEquals(0, poolSize(), "simulation leaves the mempool alone");
        assertEquals(head, rpc.blockNumber(), "simulation mines nothing");

        LocalBuilder builder = LocalBuilder.create(rpc);
        assertEquals(bundle.bundleHash(), builder.sendBundle(bundle));
        BuiltBlock built = builder.buildBlock();
        assertEquals(head + 1, built.number());
        assertEquals(OptionalInt.of(0), built.positionOf(bundle));
        assertEquals(Optional.of(bundle.bundleHash()), built.included());

        Block mined = rpc.getBlockByNumber(BlockTag.number(head + 1), false).orElseThrow();
        assertEquals(sim.baseFee().orElseThrow(), mined.baseFeePerGas().orElseThrow(), "predicted base fee");
        assertEquals(BundleSimulation.Source.NODE_SIMULATE_V1, sim.source());
        assertTrue(sim.logsReported() && sim.balancesReported());
        Address coinbase = mined.miner().orElseThrow();
        assertEquals(sim.coinbase().orElseThrow(), coinbase);
        assertEquals(sim.ethDelta(s.address()), delta(s.address(), head));
        assertEquals(sim.ethDelta(to), delta(to, head));
        assertEquals(sim.coinbaseDiff(), delta(coinbase, head));
        assertEquals(sim.totalGasUsed(), mined.gasUsed());
    }

    private static BigInteger delta(Address a, long before) {
        return rpc.getBalance(a, BlockTag.number(before + 1)).subtract(rpc.getBalance(a, BlockTag.number(before)));
    }

    @Test
    void tokenTransfersReportLogsAndTokenDeltasAndARevertItsReason() {
        TestTokens tokens = new TestTokens(ANVIL.anvil());
        Address token = Address.of(tokens.deploy("Token", "TKN", 6));
        PrivateKeySigner s = signer(5);
        Address to = account(6);
        tokens.mint(token.hex(), s.address().hex(), BigInteger.valueOf(5_000_000));
        Address reverting = Address.of(ANVIL.anvil().deploy(ContractArtifact.load("RevertingToken")));
        byte[] transfer = Hex.decode(FunctionEncoder.encode(Abi.fn(
                "transfer",
                List.of(new org.web3j.abi.datatypes.Address(to.hex()), new Uint256(1_234_567)),
                List.of())));
        long n = nonce(s.address());
        SignedTx ok = tx(s, n, token, BigInteger.ZERO, transfer, 100_000, GWEI);
        SignedTx bad = tx(s, n + 1, reverting, BigInteger.ZERO, transfer, 100_000, GWEI);
        long head = rpc.blockNumber();

        BundleSimulation sim = simulator.simulate(
                SimulationRequest.builder(Bundle.of(List.of(ok, bad)).build())
                        .follow(s.address())
                        .follow(to)
                        .followToken(token)
                        .build());

        BundleSimulation.TxSimulation first = sim.txs().get(0);
        assertTrue(first.success());
        assertEquals(1, first.logs().size());
        assertEquals(token, first.logs().get(0).address());
        assertEquals(Optional.of(ok.hash()), first.logs().get(0).transactionHash());
        assertEquals(
                BigInteger.valueOf(1_234_567),
                new BigInteger(1, first.logs().get(0).dataBytes()));
        assertEquals(BigInteger.valueOf(-1_234_567), sim.tokenDelta(s.address(), token));
        assertEquals(BigInteger.valueOf(1_234_567), sim.tokenDelta(to, token));
        assertEquals(
                BigInteger.valueOf(5_000_000),
                sim.balance(s.address(), Optional.of(token)).before());

        BundleSimulation.TxSimulation second = sim.txs().get(1);
        assertFalse(second.success());
        assertEquals(Optional.of("RevertingToken: transfer"), second.revertReason());
        assertTrue(second.logs().isEmpty());
        assertEquals(Optional.of(second), sim.firstRevert());

        LocalBuilder builder = LocalBuilder.create(rpc);
        Bundle bundle = Bundle.of(List.of(ok, bad)).blockNumber(head + 1).build();
        builder.sendBundle(bundle);
        BuiltBlock built = builder.buildBlock();
        assertEquals(Optional.empty(), built.included());
        assertEquals(1, built.rejected().size());
        assertEquals(bundle.bundleHash(), built.rejected().get(0).bundleHash());
        assertTrue(
                built.rejected().get(0).reason().contains("RevertingToken: transfer"),
                built.rejected().toString());
        assertEquals(OptionalInt.empty(), built.positionOf(bundle));
        assertEquals(
                BigInteger.valueOf(5_000_000),
                tokens.balanceOf(token.hex(), s.address().hex()));
    }

    @Test
    void localBuilderPutsTheVictimBetweenFrontAndBackAndThePoolAfter() {
        Address victimSender = account(7);
        Address other = account(8);
        String victimHash = ANVIL.anvil()
                .sendTransaction(Tx.transfer(victimSender.hex(), account(9).hex(), BigInteger.TEN));
        String otherHash = ANVIL.anvil()
                .sendTransaction(Tx.transfer(other.hex(), account(9).hex(), BigInteger.TWO));
        String victimRaw = rpc.call("eth_getRawTransactionByHash", List.of(victimHash), String.class);

        PrivateKeySigner s = signer(3);
        PrivateKeySigner rival = signer(2);
        long n = nonce(s.address());
        long head = rpc.blockNumber();
        SignedTx front = tx(s, n, account(9), BigInteger.ONE, new byte[0], 21_000, GWEI);
        SignedTx back = tx(s, n + 1, account(9), BigInteger.ONE, new byte[0], 21_000, GWEI);
        Bundle ours = Bundle.ofRaw(List.of(front.rawHex(), victimRaw, back.rawHex()))
                .blockNumber(head + 1)
                .replacementUuid("opportunity-1")
                .build();
        // a lower-paying version under the same replacement id is replaced, not competing
        SignedTx cheapFront = tx(s, n, account(9), BigInteger.ONE, new byte[0], 21_000, BigInteger.ONE);
        Bundle replaced = Bundle.ofRaw(List.of(cheapFront.rawHex(), victimRaw))
                .blockNumber(head + 1)
                .replacementUuid("opportunity-1")
                .build();
        SignedTx rivalTx = tx(
                rival,
                nonce(rival.address()),
                account(9),
                BigInteger.ONE,
                new byte[0],
                21_000,
                BigInteger.valueOf(100));
        Bundle outbid = Bundle.ofRaw(List.of(rivalTx.rawHex(), victimRaw))
                .blockNumber(head + 1)
                .build();

        LocalBuilder builder = LocalBuilder.create(rpc);
        builder.sendBundle(replaced);
        builder.sendBundle(ours);
        builder.sendBundle(outbid);
        assertEquals(2, builder.pending().size());
        BuiltBlock built = builder.buildBlock();

        assertEquals(List.of(front.hash(), Hash.of(victimHash), back.hash(), Hash.of(otherHash)), built.txHashes());
        assertEquals(OptionalInt.of(0), built.positionOf(ours));
        assertEquals(List.of(new BuiltBlock.Rejection(outbid.bundleHash(), "outbid")), built.rejected());
        assertEquals(0, built.poolTxsDropped());
        assertEquals(0, poolSize());
        assertTrue(builder.pending().isEmpty());
    }
}
