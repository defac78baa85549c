package io.mevkit.core.rpc;

import io.mevkit.core.Hex;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.TestTokens;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;

/**
 * Fills one anvil block with signed transactions of every type mevkit's searchers meet: legacy (EIP-155), EIP-2930
 * with access lists, EIP-1559 with and without access lists; ERC-20 transfers, plain ETH transfers and calls with
 * arbitrary calldata, from all dev accounts. Used by the integration test and to record the benchmark's block.
 */
final class MixedBlock {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private MixedBlock() {}

    /** Signs a transaction of {@code kind} 0..3 (legacy, 2930, 1559, 1559 with access list). */
    static byte[] sign(
            Credentials key, long chainId, int kind, long nonce, String to, BigInteger value, String data, long gas) {
        BigInteger n = BigInteger.valueOf(nonce);
        BigInteger limit = BigInteger.valueOf(gas);
        List<AccessListObject> accessList = List.of(
                new AccessListObject(to, List.of(slot(1), slot(nonce + 2))),
                new AccessListObject("0x" + "0".repeat(38) + "01", List.of()));
        RawTransaction raw =
                switch (kind) {
                    case 0 ->
                        RawTransaction.createTransaction(
                                n, GWEI.multiply(BigInteger.valueOf(50)), limit, to, value, data);
                    case 1 ->
                        RawTransaction.createTransaction(
                                chainId, n, GWEI.multiply(BigInteger.valueOf(40)), limit, to, value, data, accessList);
                    case 2 ->
                        RawTransaction.createTransaction(
                                chainId,
                                n,
                                limit,
                                to,
                                value,
                                data,
                                GWEI.multiply(BigInteger.valueOf(nonce % 3 + 1)),
                                GWEI.multiply(BigInteger.valueOf(100)));
                    case 3 ->
                        RawTransaction.createTransaction(
                                chainId,
                                n,
                                limit,
                                to,
                                value,
                                data,
                                GWEI.multiply(BigInteger.TWO),
                                GWEI.multiply(BigInteger.valueOf(90)),
                                accessList);
                    default -> throw new IllegalArgumentException("kind " + kind);
                };
        return kind == 0 ? TransactionEncoder.signMessage(raw, chainId, key) : TransactionEncoder.signMessage(raw, key);
    }

    private static String slot(long i) {
        return String.format("0x%064x", i);
    }

    /**
     * Deploys a token, funds every account with it, then, with automining off, sends {@code perAccount} signed
     * transactions from each account and mines them in one block.
     *
     * @return the number of the block holding them
     */
    static long produce(Anvil anvil, int perAccount) {
        TestTokens tokens = new TestTokens(anvil);
        String token = tokens.deploy("Mixed", "MIX", 18);
        List<String> accounts = anvil.accounts();
        for (String account : accounts) {
            tokens.mint(token, account, BigInteger.TEN.pow(24));
        }
        anvil.setAutomine(false);
        List<String> hashes = new ArrayList<>();
        try {
            for (int a = 0; a < accounts.size(); a++) {
                Credentials key = Credentials.create(anvil.privateKey(a));
                long nonce = Hex.toLong(anvil.rpc("eth_getTransactionCount", accounts.get(a), "pending")
                        .asText());
                for (int i = 0; i < perAccount; i++) {
                    int kind = (a + i) % 4;
                    String recipient = accounts.get((a + i + 1) % accounts.size());
                    String to;
                    String data;
                    BigInteger value;
                    long gas;
                    switch (i % 3) {
                        case 0 -> {
                            to = token;
                            data = FunctionEncoder.encode(new Function(
                                    "transfer",
                                    List.of(new Address(recipient), new Uint256(BigInteger.valueOf(1_000L + 37L * i))),
                                    List.of()));
                            value = BigInteger.ZERO;
                            gas = 120_000;
                        }
                        case 1 -> {
                            to = recipient;
                            data = "0x";
                            value = BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(i + 1L));
                            gas = 60_000;
                        }
                        default -> {
                            to = recipient;
                            data = "0x" + "a1b2c3d4".repeat(1 + i % 7);
                            value = BigInteger.valueOf(i);
                            gas = 80_000;
                        }
                    }
                    byte[] raw = sign(key, anvil.chainId(), kind, nonce + i, to, value, data, gas);
                    hashes.add(anvil.sendRawTransaction(Hex.encode(raw)));
                }
            }
            anvil.mine();
        } finally {
            anvil.setAutomine(true);
        }
        String last = hashes.get(hashes.size() - 1);
        long block = Hex.toLong(
                anvil.rpc("eth_getTransactionReceipt", last).path("blockNumber").asText());
        long first = Hex.toLong(anvil.rpc("eth_getTransactionReceipt", hashes.get(0))
                .path("blockNumber")
                .asText());
        if (first != block) {
            throw new IllegalStateException("the transactions spread over blocks " + first + ".." + block);
        }
        return block;
    }
}
