package io.mevkit.core.sandwich.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The computed selectors against the well-known published values (e.g. 4byte.directory). */
class SelectorsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "swapExactTokensForTokens(uint256,uint256,address[],address,uint256); 38ed1739",
                "swapTokensForExactTokens(uint256,uint256,address[],address,uint256); 8803dbee",
                "swapExactETHForTokens(uint256,address[],address,uint256); 7ff36ab5",
                "swapTokensForExactETH(uint256,uint256,address[],address,uint256); 4a25d94a",
                "swapExactTokensForETH(uint256,uint256,address[],address,uint256); 18cbafe5",
                "swapETHForExactTokens(uint256,address[],address,uint256); fb3bdb41",
                "swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256,uint256,address[],address,uint256); 5c11d795",
                "swapExactETHForTokensSupportingFeeOnTransferTokens(uint256,address[],address,uint256); b6f9de95",
                "swapExactTokensForETHSupportingFeeOnTransferTokens(uint256,uint256,address[],address,uint256); 791ac947",
                "execute(bytes,bytes[],uint256); 3593564c",
                "execute(bytes,bytes[]); 24856bc3",
                "multicall(uint256,bytes[]); 5ae401dc",
                "multicall(bytes[]); ac9650d8",
                "multicall(bytes32,bytes[]); 1f0464d1",
                "swapExactTokensForTokens(uint256,uint256,address[],address); 472b43f3",
                "swapTokensForExactTokens(uint256,uint256,address[],address); 42712a67",
                "unwrapWETH9(uint256,address); 49404b7c",
                "unwrapWETH9(uint256); 49616997",
                "sweepToken(address,uint256,address); df2ab5bb",
                "refundETH(); 12210e8a"
            })
    void computedSelectorsMatchPublishedOnes(String signature, String hex) {
        assertEquals(Integer.parseUnsignedInt(hex, 16), Selectors.of(signature), signature);
    }
}
