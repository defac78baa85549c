package io.mevkit.core.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.Address;
import io.mevkit.core.MevException;
import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.UniswapV2;
import io.mevkit.testing.UniswapV3;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** V3 pool metadata and price state pinned to blocks, on the real Uniswap V3 bytecode. */
class V3PoolIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    @Test
    void metadataAndSlot0EqualThePoolsOwnAnswersAtEachBlock() {
        Anvil anvil = ANVIL.anvil();
        UniswapV2 v2 = UniswapV2.deploy(anvil);
        UniswapV3 v3 = UniswapV3.deploy(anvil, v2.weth());
        TestTokens tokens = new TestTokens(anvil);
        String a = tokens.deploy("Alpha", "A", 18);
        String b = tokens.deploy("Beta", "B", 18);
        List<String> sorted = List.of(Address.of(a), Address.of(b)).stream()
                .sorted()
                .map(Address::hex)
                .toList();
        // price 1: sqrtPriceX96 = 2^96, tick 0
        String pool = v3.createPool(a, b, 3000, BigInteger.ONE.shiftLeft(96));
        long created = anvil.blockNumber();
        String provider = anvil.accounts().get(1);
        BigInteger amount = new BigInteger("1000000000000000000000");
        for (String token : sorted) {
            tokens.mint(token, provider, amount);
            tokens.approveMax(provider, token, v3.positionManager());
        }
        v3.mint(provider, sorted.get(0), sorted.get(1), 3000, -600, 600, amount, amount);
        long minted = anvil.blockNumber();

        try (RpcClient client = RpcClient.builder()
                .chainId(31337)
                .endpoint("anvil", anvil.rpcUrl())
                .timeout(Duration.ofSeconds(30))
                .build()) {
            V3PoolReader reader = V3PoolReader.of(client);
            V3PoolState before = reader.read(Address.of(pool), created);
            V3PoolState after = reader.read(Address.of(pool), minted);
            UniswapV3.PoolState direct = v3.state(pool);

            assertEquals(Address.of(v3.factory()), after.factory());
            assertEquals(Address.of(sorted.get(0)), after.token0());
            assertEquals(Address.of(sorted.get(1)), after.token1());
            assertEquals(3000, after.fee());
            assertEquals(60, after.tickSpacing());
            assertEquals(direct.sqrtPriceX96(), after.sqrtPriceX96());
            assertEquals(direct.tick(), after.tick());
            assertEquals(direct.liquidity(), after.liquidity());
            assertTrue(after.unlocked());
            assertEquals(minted, after.blockNumber());

            assertEquals(BigInteger.ZERO, before.liquidity(), "no position yet at the creating block");
            assertEquals(BigInteger.ONE.shiftLeft(96), before.sqrtPriceX96());
            assertTrue(after.liquidity().signum() > 0);

            // a V2 pair is not a V3 pool: refused, not mis-decoded
            String pair = v2.createPair(a, b);
            assertThrows(MevException.class, () -> reader.read(Address.of(pair), anvil.blockNumber()));
        }
    }
}
