package io.mevkit.store;

import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/** Shared test data: a token pair and pool on chain 1, hashes, and real signed transactions. */
final class Fixtures {
    static final long CHAIN = 1;
    /** WETH and USDC on Ethereum, in their EIP-55 form. */
    static final String WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";

    static final String USDC = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48";
    /** The Uniswap V2 USDC/WETH pair. */
    static final String POOL = "0xB4e16d0168e52d35CaCD2c6185b44281Ec28C9Dc";
    /** Anvil's first well-known development key: public test data, used to sign the bundles' transactions. */
    static final String SEARCHER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private Fixtures() {}

    static Token weth() {
        return new Token(CHAIN, WETH, "WETH", 18, "Wrapped Ether");
    }

    static Token usdc() {
        return new Token(CHAIN, USDC, "USDC", 6, "USD Coin");
    }

    static Pool pool() {
        return new Pool(CHAIN, POOL, "UNISWAP_V2", USDC, WETH, 3000);
    }

    /** Stores the two tokens and the pool. */
    static void seed(StoreTransaction tx) {
        tx.tokens().upsert(weth());
        tx.tokens().upsert(usdc());
        tx.pools().upsert(pool());
    }

    /** A distinct, valid 32-byte hash for each {@code n}. */
    static String hash(long n) {
        return Hash.sha3(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(n), 64));
    }

    static NewOpportunity opportunity(long n) {
        return new NewOpportunity(CHAIN, hash(n), POOL, "sandwich", 19_000_000 + n);
    }

    /** Signs an EIP-1559 transaction with {@link #SEARCHER_KEY}. */
    static String signedTx(long nonce) {
        RawTransaction raw = RawTransaction.createTransaction(
                CHAIN,
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(210_000),
                POOL,
                BigInteger.ZERO,
                "0x022c0d9f",
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(30_000_000_000L));
        return Numeric.toHexString(TransactionEncoder.signMessage(raw, CHAIN, Credentials.create(SEARCHER_KEY)));
    }

    static List<String> twoSignedTxs() {
        return List.of(signedTx(7), signedTx(8));
    }
}
