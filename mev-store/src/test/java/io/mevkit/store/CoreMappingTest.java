package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.ValidationException;
import io.mevkit.core.amm.V2Fee;
import io.mevkit.core.amm.V2Pool;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The mapping rules that need no database (the round trips through both databases are in the contract suite). */
class CoreMappingTest {
    private static V2Pool pair(V2Fee fee) {
        return V2Pool.of(
                CoreFixtures.V2_POOL, CoreFixtures.WETH, BigInteger.TEN, CoreFixtures.USDC, BigInteger.TWO, fee, 1);
    }

    @Test
    void aPairsFeeIsStoredInHundredthsOfABasisPoint() {
        Pool uniswap = CoreMapping.pool(1, "UNISWAP_V2", pair(V2Fee.UNISWAP));
        assertEquals(3000, uniswap.fee());
        // the pair's own order: 0xa0.. sorts below 0xc0..
        assertEquals(CoreFixtures.USDC.hex(), uniswap.token0());
        assertEquals(CoreFixtures.WETH.hex(), uniswap.token1());
        assertEquals(CoreFixtures.V2_POOL.hex(), uniswap.address());
        assertEquals(
                2500,
                CoreMapping.pool(56, "PANCAKESWAP_V2", pair(V2Fee.PANCAKESWAP)).fee());
        ValidationException odd =
                assertThrows(ValidationException.class, () -> CoreMapping.pool(1, "ODD", pair(new V2Fee(2, 3))));
        assertEquals("pool.fee", odd.field());
    }

    @Test
    void aPlanKeepsEveryWeiOfTheSizersNumbers() {
        var v2 = CoreFixtures.v2Plan().plan();
        Plan p = CoreMapping.plan(v2);
        assertEquals(v2.frontRunIn(), p.amountIn());
        assertEquals(v2.netProfitWei(), p.expectedProfit());
        assertEquals(v2.gasCost(), p.gasCost());
        assertEquals(v2.builderPayment(), p.bribe());
        assertEquals(v2.grossProfit().subtract(v2.gasCost()).subtract(v2.builderPayment()), p.expectedProfit());
    }
}
