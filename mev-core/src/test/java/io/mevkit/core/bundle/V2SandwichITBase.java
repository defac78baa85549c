package io.mevkit.core.bundle;

import io.mevkit.core.rpc.RpcClient;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.UniswapV2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the V2 sandwich ITs start from: one anvil without automining for the class and a {@link V2SandwichFixture} on
 * it, its parts under short names.
 */
abstract class V2SandwichITBase {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.configured(b -> b.noMining());

    static V2SandwichFixture f;
    static Anvil anvil;
    static RpcClient rpc;
    static UniswapV2 v2;
    static TestTokens tokens;
    static PrivateKeySigner searcher;
    static String victim;

    @BeforeAll
    static void deploy() {
        f = new V2SandwichFixture(ANVIL.anvil());
        anvil = f.anvil;
        rpc = f.rpc;
        v2 = f.v2;
        tokens = f.tokens;
        searcher = f.searcher;
        victim = f.victim;
    }

    @AfterAll
    static void close() {
        f.close();
    }
}
