package io.mevkit.core.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.Hash;
import io.mevkit.core.rpc.BlockTag;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.core.rpc.RpcException;
import io.mevkit.core.rpc.TransactionReceipt;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.Tx;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactions signed by mevkit are accepted and mined by anvil; the nonce manager recovers from out-of-band sends. */
class TxSigningIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    private static final BigInteger TIP = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_FEE = BigInteger.valueOf(50_000_000_000L);

    private static RpcClient rpc;

    @BeforeAll
    static void connect() {
        rpc = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", ANVIL.anvil().rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void disconnect() {
        rpc.close();
    }

    private static Anvil anvil() {
        return ANVIL.anvil();
    }

    private static Eip1559Tx transfer(long nonce, Address to, BigInteger wei) {
        return Eip1559Tx.builder()
                .chainId(31337)
                .nonce(nonce)
                .maxPriorityFeePerGas(TIP)
                .maxFeePerGas(MAX_FEE)
                .gasLimit(21_000)
                .to(to)
                .value(wei)
                .build();
    }

    @Test
    void signedTransactionsAreMinedUnderTheirOwnHashAndMoveExactlyTheValue() {
        PrivateKeySigner signer = PrivateKeySigner.of(anvil().privateKey(4), 31337);
        assertEquals(Address.of(anvil().accounts().get(4)), signer.address());
        Address to = Address.of(anvil().accounts().get(5));
        BigInteger before = rpc.getBalance(to, BlockTag.LATEST);
        long nonce = rpc.getTransactionCount(signer.address(), BlockTag.PENDING);
        BigInteger wei = new BigInteger("1234567890123456789");

        SignedTx signed = signer.sign(transfer(nonce, to, wei));
        Hash sent = rpc.sendRawTransaction(signed.raw());
        assertEquals(signed.hash(), sent);
        TransactionReceipt receipt = awaitReceipt(signed.hash());
        assertEquals(signed.hash(), receipt.transactionHash());
        assertTrue(receipt.succeeded());
        assertEquals(signer.address(), receipt.from());
        assertEquals(2, receipt.type());
        assertEquals(21_000, receipt.gasUsed());
        assertEquals(before.add(wei), rpc.getBalance(to, BlockTag.LATEST));
        assertEquals(nonce + 1, rpc.getTransactionCount(signer.address(), BlockTag.LATEST));
    }

    @Test
    void aTransactionSignedForAnotherChainIsRejectedByTheNode() {
        PrivateKeySigner otherChain = PrivateKeySigner.of(anvil().privateKey(6), 1);
        long nonce = rpc.getTransactionCount(otherChain.address(), BlockTag.PENDING);
        Eip1559Tx mainnetTx = Eip1559Tx.builder()
                .chainId(1)
                .nonce(nonce)
                .maxPriorityFeePerGas(TIP)
                .maxFeePerGas(MAX_FEE)
                .gasLimit(21_000)
                .to(Address.of(anvil().accounts().get(7)))
                .build();
        assertThrows(
                RpcException.class,
                () -> rpc.sendRawTransaction(otherChain.sign(mainnetTx).raw()));
        NonceManager nonces = NonceManager.create(rpc, otherChain.address());
        assertThrows(
                io.mevkit.core.ValidationException.class,
                () -> nonces.sendNext(
                        otherChain, n -> mainnetTx.toBuilder().nonce(n).build()));
    }

    @Test
    void theNonceManagerTracksLocallyAndRecoversAfterAnOutOfBandTransaction() {
        PrivateKeySigner signer = PrivateKeySigner.of(anvil().privateKey(8), 31337);
        Address to = Address.of(anvil().accounts().get(9));
        NonceManager nonces = NonceManager.create(rpc, signer.address());
        long start = rpc.getTransactionCount(signer.address(), BlockTag.PENDING);

        SignedTx first = nonces.sendNext(signer, n -> transfer(n, to, BigInteger.ONE));
        SignedTx second = nonces.sendNext(signer, n -> transfer(n, to, BigInteger.TWO));
        assertEquals(start, first.nonce());
        assertEquals(start + 1, second.nonce());
        assertEquals(1, nonces.resyncCount(), "the second nonce came from local tracking");

        // the same account sends outside the manager: the manager's next nonce is now used
        anvil().sendAndExpectSuccess(Tx.transfer(signer.address().hex(), to.hex(), BigInteger.TEN));
        assertEquals(start + 3, rpc.getTransactionCount(signer.address(), BlockTag.LATEST));

        SignedTx third = nonces.sendNext(signer, n -> transfer(n, to, BigInteger.valueOf(3)));
        assertEquals(start + 3, third.nonce());
        assertEquals(2, nonces.resyncCount(), "exactly one resync after nonce too low");
        TransactionReceipt receipt = awaitReceipt(third.hash());
        assertEquals(third.hash(), receipt.transactionHash());
        assertTrue(receipt.succeeded());
        assertEquals(start + 4, rpc.getTransactionCount(signer.address(), BlockTag.LATEST));
        assertEquals(start + 4, nonces.peek().orElseThrow());
    }

    /** anvil may answer for a receipt a moment after the send returns, even when automining: poll, bounded. */
    private TransactionReceipt awaitReceipt(Hash hash) {
        for (int tries = 0; tries < 500; tries++) {
            java.util.Optional<TransactionReceipt> receipt = rpc.getTransactionReceipt(hash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + hash, e);
            }
        }
        throw new AssertionError("no receipt for " + hash + " within 5 s");
    }
}
