package io.mevkit.testing;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int192;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;

/** The project's own Solidity test contracts, compiled by solc-js at build time, behave on a real node. */
class SolidityContractsIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 8, 18})
    @SuppressWarnings("rawtypes")
    void testErc20HasAnyDecimals(int decimals) {
        Anvil anvil = ANVIL.anvil();
        TestTokens tokens = new TestTokens(anvil);
        String token = tokens.deploy("Dec" + decimals, "D" + decimals, decimals);
        List<Type> out = anvil.call(token, Abi.fn("decimals", List.of(), List.of(new TypeReference<Uint8>() {})));
        assertEquals(BigInteger.valueOf(decimals), out.get(0).getValue());
        tokens.mint(token, anvil.accounts().get(1), BigInteger.valueOf(5));
        tokens.transfer(anvil.accounts().get(1), token, anvil.accounts().get(2), BigInteger.TWO);
        assertEquals(
                BigInteger.valueOf(3), tokens.balanceOf(token, anvil.accounts().get(1)));
        assertEquals(BigInteger.TWO, tokens.balanceOf(token, anvil.accounts().get(2)));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void bytes32SymbolTokenReturnsBytes32() {
        Anvil anvil = ANVIL.anvil();
        byte[] symbol = Arrays.copyOf("MKR".getBytes(StandardCharsets.US_ASCII), 32);
        byte[] name = Arrays.copyOf("Maker".getBytes(StandardCharsets.US_ASCII), 32);
        String token = anvil.deploy(
                ContractArtifact.load("Bytes32SymbolToken"),
                new Bytes32(name),
                new Bytes32(symbol),
                new Uint8(BigInteger.valueOf(18)));
        List<Type> out = anvil.call(token, Abi.fn("symbol", List.of(), List.of(new TypeReference<Bytes32>() {})));
        assertTrue(Arrays.equals(symbol, (byte[]) out.get(0).getValue()));
    }

    @Test
    void revertingTokenReverts() {
        Anvil anvil = ANVIL.anvil();
        String token = anvil.deploy(ContractArtifact.load("RevertingToken"));
        AnvilException e = assertThrows(
                AnvilException.class, () -> anvil.callRaw(token, FunctionEncoder.encode(Abi.fn("decimals")), "latest"));
        assertTrue(e.getMessage().contains("RevertingToken"), e.getMessage());
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void multicall3Aggregate3ReportsEachCallsOutcome() {
        Anvil anvil = ANVIL.anvil();
        String multicall = anvil.deploy(ContractArtifact.load("Multicall3"));
        TestTokens tokens = new TestTokens(anvil);
        String good = tokens.deploy("G", "G", 6);
        String bad = anvil.deploy(ContractArtifact.load("RevertingToken"));
        byte[] decimals = org.web3j.utils.Numeric.hexStringToByteArray(FunctionEncoder.encode(Abi.fn("decimals")));
        DynamicArray<Call3> calls = new DynamicArray<>(
                Call3.class,
                new Call3(address(good), new Bool(false), new DynamicBytes(decimals)),
                new Call3(address(bad), new Bool(true), new DynamicBytes(decimals)));
        List<Type> out = anvil.call(
                multicall, Abi.fn("aggregate3", List.of(calls), List.of(new TypeReference<DynamicArray<Result>>() {})));
        List<Result> results = (List<Result>) out.get(0).getValue();
        assertEquals(2, results.size());
        assertTrue(results.get(0).success);
        assertEquals(BigInteger.valueOf(6), new BigInteger(1, results.get(0).returnData));
        assertFalse(results.get(1).success);
    }

    @Test
    @SuppressWarnings("rawtypes")
    void chainlinkStyleFeedHasPhaseAwareRoundIds() {
        Anvil anvil = ANVIL.anvil();
        String feed = anvil.deploy(
                ContractArtifact.load("MockAggregatorV3"),
                new Uint8(BigInteger.valueOf(8)),
                new Utf8String("ETH / USD"),
                new Int192(BigInteger.ONE),
                new Int192(BigInteger.TEN.pow(20)));
        String owner = anvil.accounts().get(0);
        anvil.invoke(owner, feed, Abi.fn("updateAnswer", new Int256(BigInteger.valueOf(300_000_000_000L))));
        anvil.invoke(owner, feed, Abi.fn("setPhase", new Uint16(2)));
        anvil.invoke(owner, feed, Abi.fn("updateAnswer", new Int256(BigInteger.valueOf(310_000_000_000L))));
        List<Type> round = anvil.call(
                feed,
                Abi.fn(
                        "latestRoundData",
                        List.of(),
                        List.of(
                                new TypeReference<Uint80>() {},
                                new TypeReference<Int256>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint80>() {})));
        assertEquals(
                BigInteger.TWO.shiftLeft(64).or(BigInteger.ONE), round.get(0).getValue());
        assertEquals(BigInteger.valueOf(310_000_000_000L), round.get(1).getValue());
    }

    @Test
    @SuppressWarnings("rawtypes")
    void sequencerUptimeFeedReportsDown() {
        Anvil anvil = ANVIL.anvil();
        String feed = anvil.deploy(ContractArtifact.load("MockSequencerUptimeFeed"));
        anvil.invoke(anvil.accounts().get(0), feed, Abi.fn("setStatus", new Bool(true), uint(1234)));
        List<Type> round = anvil.call(
                feed,
                Abi.fn(
                        "latestRoundData",
                        List.of(),
                        List.of(
                                new TypeReference<Uint80>() {},
                                new TypeReference<Int256>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint80>() {})));
        assertEquals(BigInteger.ONE, round.get(1).getValue());
        assertEquals(BigInteger.valueOf(1234), round.get(2).getValue());
    }

    @Test
    void deflatingTokenFromPeripheryDeploys() {
        Anvil anvil = ANVIL.anvil();
        String token = anvil.deploy(ContractArtifact.load("DeflatingERC20"), uint(BigInteger.TEN.pow(24)));
        assertTrue(token.startsWith("0x"));
    }

    /** Multicall3's {@code Call3} tuple. */
    public static final class Call3 extends DynamicStruct {
        public Call3(org.web3j.abi.datatypes.Address target, Bool allowFailure, DynamicBytes callData) {
            super(target, allowFailure, callData);
        }
    }

    /** Multicall3's {@code Result} tuple. */
    public static final class Result extends DynamicStruct {
        final boolean success;
        final byte[] returnData;

        public Result(Bool success, DynamicBytes returnData) {
            super(success, returnData);
            this.success = success.getValue();
            this.returnData = returnData.getValue();
        }
    }
}
