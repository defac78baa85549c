package io.mevkit.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    static final String KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String POOL = "0x0000000000000000000000000000000000000001";
    static final String TOKEN = "0x0000000000000000000000000000000000000002";

    @Test
    void helpListsEveryCommandAndExitsZero() {
        Cli r = Cli.run("--help");
        assertEquals(0, r.exit(), r.toString());
        for (String command : new String[] {"demo", "quote", "size", "price", "watch", "bundle", "store"}) {
            assertTrue(r.out().contains("  " + command + " "), command + " missing:\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 ok"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void anUnknownOptionIsOneLineAndExitTwo() {
        Cli r = Cli.run("store", "stats", "--bogus");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().startsWith("mevkit: Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("see 'mevkit store stats --help'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMissingRequiredOptionIsOneLineAndExitTwo() {
        Cli r = Cli.run("quote", "--pool", POOL);
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("Missing required options"), r.err());
    }

    @Test
    void aMalformedAddressNamesTheOption() {
        Cli r = Cli.run("quote", "--pool", "0x12", "--token-in", TOKEN, "--amount-in", "1");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("'--pool'") && r.err().contains("'0x12' is not an address"), r.err());
    }

    @Test
    void aSubcommandIsRequired() {
        Cli r = Cli.run("store");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("a subcommand is required"), r.err());
    }

    @Test
    void aBadVariableIsAConfigurationErrorNamingIt() {
        Cli r = Cli.run(
                Map.of("MEVKIT_RPC_TIMEOUT", "soon"), "quote", "--pool", POOL, "--token-in", TOKEN, "--amount-in", "1");
        assertEquals(ExitCodes.CONFIG, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(
                r.err().startsWith("mevkit: configuration error: MEVKIT_RPC_TIMEOUT must be a positive duration"),
                r.err());
    }

    @Test
    void aBadFlagValueIsAConfigurationErrorNamingTheFlag() {
        Cli r = Cli.run("--chain-id", "0", "store", "stats");
        assertEquals(ExitCodes.CONFIG, r.exit(), r.toString());
        assertEquals(
                "mevkit: configuration error: MEVKIT_CHAIN_ID (--chain-id) must be a positive integer but was \"0\"",
                r.err().strip());
    }

    @Test
    void aMissingConfigFileIsOneLine() {
        Cli r = Cli.run("--config", "/nonexistent/mevkit.properties", "store", "stats");
        assertEquals(ExitCodes.CONFIG, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("--config cannot read /nonexistent/mevkit.properties"), r.err());
    }

    @Test
    void anUnreachableNodeIsOneLineAndExitFour() {
        int port = Cli.closedPort();
        Cli r = Cli.run(
                Map.of("MEVKIT_RPC_MAX_RETRIES", "0"),
                "quote",
                "--rpc",
                "http://127.0.0.1:" + port,
                "--pool",
                POOL,
                "--token-in",
                TOKEN,
                "--amount-in",
                "1");
        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().startsWith("mevkit: error: "), r.err());
        assertTrue(r.err().contains("127.0.0.1:" + port), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        int port = Cli.closedPort();
        Cli r = Cli.run(
                Map.of("MEVKIT_RPC_MAX_RETRIES", "0"),
                "--verbose",
                "quote",
                "--rpc",
                "http://127.0.0.1:" + port,
                "--pool",
                POOL,
                "--token-in",
                TOKEN,
                "--amount-in",
                "1");
        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertTrue(r.errLines().length > 1, r.toString());
        assertTrue(r.err().contains("\tat io.mevkit."), r.err());
    }

    @Test
    void secretsAreNeverEchoedEvenVerbose() {
        int port = Cli.closedPort();
        String bad = "0x" + "ab".repeat(31) + "zz"; // 64 characters, not hex
        Cli r = Cli.run(Map.of("MEVKIT_PRIVATE_KEY", bad), "--verbose", "store", "stats");
        assertEquals(ExitCodes.CONFIG, r.exit(), r.toString());
        assertFalse(r.err().contains("abab"), r.err());
        assertTrue(r.err().contains("MEVKIT_PRIVATE_KEY must be 64 hex digits but was <redacted>"), r.err());

        Cli ok = Cli.run(
                Map.of("MEVKIT_PRIVATE_KEY", KEY, "MEVKIT_RPC_MAX_RETRIES", "0"),
                "--verbose",
                "quote",
                "--rpc",
                "http://user:hunter2@127.0.0.1:" + port + "/v3/0123456789abcdef0123456789abcdef",
                "--pool",
                POOL,
                "--token-in",
                TOKEN,
                "--amount-in",
                "1");
        assertEquals(ExitCodes.UNAVAILABLE, ok.exit(), ok.toString());
        String all = ok.out() + ok.err();
        assertFalse(all.contains(KEY.substring(2, 30)), all);
        assertFalse(all.contains("hunter2"), all);
        assertFalse(all.contains("0123456789abcdef0123456789abcdef"), all);
    }
}
