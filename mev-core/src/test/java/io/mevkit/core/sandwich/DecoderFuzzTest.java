package io.mevkit.core.sandwich;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/** Arbitrary bytes never make a decoder throw: they come back as swaps or as a typed reason. */
class DecoderFuzzTest {
    private static final Address WETH = Address.of("0x" + "c0".repeat(20));
    private static final Address FROM = Address.of("0x" + "11".repeat(20));
    private static final Address ROUTER = Address.of("0x" + "22".repeat(20));
    private static final VictimDecoder DECODER = VictimDecoders.uniswapV2(WETH);

    /** Real calldata of each dialect, to be mutated. */
    private static final List<byte[]> SEEDS = List.of(
            Calldata.call(
                    "swapExactTokensForTokens",
                    Calldata.uint(1000),
                    Calldata.uint(990),
                    Calldata.path(WETH, ROUTER, FROM),
                    Calldata.addr(FROM),
                    Calldata.uint(5)),
            Calldata.call(
                    "swapETHForExactTokens",
                    Calldata.uint(7),
                    Calldata.path(WETH, FROM),
                    Calldata.addr(FROM),
                    Calldata.uint(5)),
            Calldata.execute(
                    new byte[] {0x0b, 0x08, 0x06, 0x0c},
                    List.of(
                            Calldata.tuple(
                                    Calldata.addr(Calldata.ADDRESS_THIS), Calldata.uint(Calldata.CONTRACT_BALANCE)),
                            Calldata.v2ExactIn(
                                    Calldata.ADDRESS_THIS,
                                    Calldata.CONTRACT_BALANCE,
                                    BigInteger.TEN,
                                    false,
                                    WETH,
                                    FROM),
                            Calldata.tuple(Calldata.addr(FROM), Calldata.addr(ROUTER), Calldata.uint(25)),
                            Calldata.tuple(Calldata.addr(Calldata.MSG_SENDER), Calldata.uint(9))),
                    BigInteger.TEN),
            Calldata.multicall(
                    BigInteger.TEN,
                    List.of(
                            Calldata.call(
                                    "swapExactTokensForTokens",
                                    Calldata.uint(1000),
                                    Calldata.uint(1),
                                    Calldata.path(FROM, WETH),
                                    Calldata.addr(Calldata.ADDRESS_THIS)),
                            Calldata.call("unwrapWETH9", Calldata.uint(950), Calldata.addr(FROM)))));

    @Property(tries = 3000)
    void randomBytesNeverThrow(@ForAll @Size(max = 600) byte[] input, @ForAll("values") BigInteger value) {
        record(DECODER.decode(new VictimTx(FROM, ROUTER, value, input)));
    }

    @Property(tries = 3000)
    void knownSelectorsWithRandomArgumentsNeverThrow(
            @ForAll("seedIndex") int seed, @ForAll @Size(max = 600) byte[] tail, @ForAll("values") BigInteger value) {
        byte[] input = new byte[4 + tail.length];
        System.arraycopy(SEEDS.get(seed), 0, input, 0, 4);
        System.arraycopy(tail, 0, input, 4, tail.length);
        record(DECODER.decode(new VictimTx(FROM, ROUTER, value, input)));
    }

    @Property(tries = 4000)
    void mutatedRealCalldataNeverThrows(
            @ForAll("seedIndex") int seed,
            @ForAll @Size(min = 1, max = 8)
                    List<@net.jqwik.api.constraints.IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @Size(min = 1, max = 8) List<Byte> replacements,
            @ForAll("cut") int cut) {
        byte[] input = SEEDS.get(seed).clone();
        for (int i = 0; i < positions.size(); i++) {
            input[positions.get(i) % input.length] = replacements.get(i % replacements.size());
        }
        if (cut > 0 && cut < input.length) {
            input = java.util.Arrays.copyOf(input, input.length - cut);
        }
        record(DECODER.decode(new VictimTx(FROM, ROUTER, BigInteger.TEN.pow(18), input)));
    }

    private static void record(DecodeResult result) {
        assertNotNull(result);
        if (result instanceof DecodeResult.Swaps swaps) {
            assertTrue(!swaps.swaps().isEmpty());
            Statistics.collect("swaps");
        } else {
            Statistics.collect(((DecodeResult.NotUnderstood) result).reason());
        }
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, SEEDS.size() - 1);
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 200));
    }

    @Provide
    Arbitrary<BigInteger> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(BigInteger.ZERO),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(24)));
    }
}
