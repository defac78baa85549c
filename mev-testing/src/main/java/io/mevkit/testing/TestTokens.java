package io.mevkit.testing;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.fn;
import static io.mevkit.testing.Abi.uint;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/** Deploys and drives the project's ERC-20 test tokens ({@code TestERC20}: any decimals, anyone may mint). */
public final class TestTokens {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private final Anvil anvil;

    public TestTokens(Anvil anvil) {
        this.anvil = anvil;
    }

    /** Deploys a {@code TestERC20} and returns its address. */
    public String deploy(String name, String symbol, int decimals) {
        return anvil.deploy(
                ContractArtifact.load("TestERC20"),
                new Utf8String(name),
                new Utf8String(symbol),
                new Uint8(BigInteger.valueOf(decimals)));
    }

    public void mint(String token, String to, BigInteger amount) {
        anvil.invoke(anvil.accounts().get(0), token, fn("mint", address(to), uint(amount)));
    }

    /** Approves {@code spender} for the maximum amount (never decremented by TestERC20). */
    public void approveMax(String owner, String token, String spender) {
        anvil.invoke(owner, token, fn("approve", address(spender), uint(MAX)));
    }

    public void transfer(String from, String token, String to, BigInteger amount) {
        anvil.invoke(from, token, fn("transfer", address(to), uint(amount)));
    }

    @SuppressWarnings("rawtypes")
    public BigInteger balanceOf(String token, String owner) {
        List<Type> out = anvil.call(
                token, Abi.fn("balanceOf", List.of(address(owner)), List.of(new TypeReference<Uint256>() {})));
        return (BigInteger) out.get(0).getValue();
    }
}
