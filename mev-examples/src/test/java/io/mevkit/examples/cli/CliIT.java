package io.mevkit.examples.cli;

import static io.mevkit.testing.Abi.address;
import static io.mevkit.testing.Abi.uint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mevkit.core.amm.TickMath;
import io.mevkit.core.bundle.Eip1559Tx;
import io.mevkit.core.bundle.PrivateKeySigner;
import io.mevkit.core.bundle.SignedTx;
import io.mevkit.store.MevStore;
import io.mevkit.store.NewOpportunity;
import io.mevkit.store.Opportunity;
import io.mevkit.store.Plan;
import io.mevkit.store.Pool;
import io.mevkit.store.Token;
import io.mevkit.testing.Abi;
import io.mevkit.testing.Anvil;
import io.mevkit.testing.AnvilExtension;
import io.mevkit.testing.ContractArtifact;
import io.mevkit.testing.TestTokens;
import io.mevkit.testing.Tx;
import io.mevkit.testing.UniswapV2;
import io.mevkit.testing.UniswapV3;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int192;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint8;

/** The commands that need a node, as a user types them, against anvil with the real Uniswap bytecode. */
class CliIT {
    @RegisterExtension
    static final AnvilExtension ANVIL = AnvilExtension.create();

    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final ObjectMapper JSON = new ObjectMapper();

    static Anvil anvil;
    static UniswapV2 v2;
    static UniswapV3 v3;
    static String usdc;
    static String weth;
    static String pair;
    static String pool;
    static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() {
        anvil = ANVIL.anvil();
        v2 = UniswapV2.deploy(anvil);
        v3 = UniswapV3.deploy(anvil, v2.weth());
        TestTokens tokens = new TestTokens(anvil);
        usdc = tokens.deploy("USD Coin (test)", "USDC", 6);
        weth = tokens.deploy("Wrapped Ether (test)", "WETH", 18);
        pair = v2.createPair(weth, usdc);
        v2.seed(pair, weth, E18.multiply(BigInteger.valueOf(1_000)), usdc, BigInteger.valueOf(3_000_000_000_000L));

        String provider = anvil.accounts().get(2);
        for (String t : List.of(usdc, weth)) {
            tokens.mint(t, provider, BigInteger.TEN.pow(30));
            tokens.approveMax(provider, t, v3.positionManager());
        }
        boolean usdcFirst = usdc.compareToIgnoreCase(weth) < 0;
        String token0 = usdcFirst ? usdc : weth;
        String token1 = usdcFirst ? weth : usdc;
        pool = v3.createPool(token0, token1, 3000, TickMath.getSqrtRatioAtTick(0));
        // three overlapping positions, so a large swap crosses initialized ticks
        v3.mint(provider, token0, token1, 3000, -600, 600, E18, E18);
        v3.mint(provider, token0, token1, 3000, -1200, 1200, E18, E18);
        v3.mint(
                provider,
                token0,
                token1,
                3000,
                -6000,
                6000,
                E18.multiply(BigInteger.TEN),
                E18.multiply(BigInteger.TEN));
        env = Map.of(
                "MEVKIT_RPC_URL",
                anvil.rpcUrl(),
                "MEVKIT_WS_URL",
                anvil.wsUrl(),
                "MEVKIT_CHAIN_ID",
                Long.toString(anvil.chainId()));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static BigInteger routerQuote(BigInteger amountIn, String in, String out) {
        List<Type> quote = anvil.call(
                v2.router(),
                Abi.fn(
                        "getAmountsOut",
                        List.of(uint(amountIn), Abi.path(in, out)),
                        List.of(new TypeReference<DynamicArray<Uint256>>() {})));
        return ((List<Uint256>) quote.get(0).getValue()).get(1).getValue();
    }

    @SuppressWarnings("rawtypes")
    static List<Type> quoterQuote(BigInteger amountIn, String in, String out) {
        StaticStruct params =
                new StaticStruct(address(in), address(out), uint(amountIn), new Uint24(3000), new Uint160(0));
        return anvil.call(
                v3.quoter(),
                Abi.fn(
                        "quoteExactInputSingle",
                        List.of(params),
                        List.of(
                                new TypeReference<Uint256>() {},
                                new TypeReference<Uint160>() {},
                                new TypeReference<Uint32>() {},
                                new TypeReference<Uint256>() {})));
    }

    @Test
    void quoteV2InHumanUnitsEqualsTheRouterToTheWei() {
        Cli r = Cli.run(env, "quote", "--pool", pair, "--token-in", weth, "--amount-in", "2.5");
        assertEquals(0, r.exit(), r.toString());
        BigInteger expected = routerQuote(new BigInteger("2500000000000000000"), weth, usdc);
        assertTrue(r.out().startsWith("V2 pool "), r.out());
        // the table: in and out rows with human amounts (token decimals) and raw amounts, right-aligned
        Matcher out =
                Pattern.compile("(?m)^out\\s+USDC \\S+\\s+(\\S+)\\s+(\\d+)$").matcher(r.out());
        assertTrue(out.find(), r.out());
        assertEquals(expected.toString(), out.group(2));
        assertEquals(new java.math.BigDecimal(expected, 6).stripTrailingZeros().toPlainString(), out.group(1));
        assertTrue(r.out().matches("(?s).*\\nin\\s+WETH \\S+\\s+2\\.5\\s+2500000000000000000\\n.*"), r.out());
    }

    @Test
    void quoteV2JsonInWeiEqualsTheRouterToTheWei() throws Exception {
        Cli r = Cli.run(env, "--json", "quote", "--pool", pair, "--token-in", usdc, "--amount-in", "123456789wei");
        assertEquals(0, r.exit(), r.toString());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("v2", j.get("kind").asText());
        assertEquals("123456789", j.get("amountIn").asText());
        assertEquals(
                routerQuote(BigInteger.valueOf(123_456_789), usdc, weth).toString(),
                j.get("amountOut").asText());
        assertEquals(6, j.get("decimalsIn").asInt());
    }

    @Test
    void quoteV3CrossingTicksEqualsTheQuoterToTheWei() throws Exception {
        for (String amount : List.of("0.001", "1.5", "15")) {
            Cli r = Cli.run(env, "--json", "quote", "--pool", pool, "--token-in", weth, "--amount-in", amount);
            assertEquals(0, r.exit(), r.toString());
            JsonNode j = JSON.readTree(r.out());
            assertEquals("v3", j.get("kind").asText());
            BigInteger in = new java.math.BigDecimal(amount).movePointRight(18).toBigIntegerExact();
            List<?> q = quoterQuote(in, weth, usdc);
            assertEquals(
                    ((Type<?>) q.get(0)).getValue().toString(),
                    j.get("amountOut").asText(),
                    amount);
            assertEquals(
                    ((Type<?>) q.get(2)).getValue().toString(),
                    j.get("ticksCrossed").asText(),
                    amount);
        }
        Cli big = Cli.run(env, "--json", "quote", "--pool", pool, "--token-in", weth, "--amount-in", "15");
        assertTrue(JSON.readTree(big.out()).get("ticksCrossed").asInt() >= 2, big.out());
    }

    @Test
    void quoteOfATokenNotInThePoolIsAUsageError() {
        Cli r = Cli.run(env, "quote", "--pool", pair, "--token-in", v2.weth(), "--amount-in", "1");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("is not a token of pool"), r.err());
    }

    @Test
    void quoteWithTooManyDecimalsIsAUsageError() {
        Cli r = Cli.run(env, "quote", "--pool", pair, "--token-in", usdc, "--amount-in", "1.0000001");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("--amount-in has more than 6 decimals"), r.err());
    }

    @Test
    void quoteOfAnAddressThatIsNoPoolFails() {
        Cli r = Cli.run(env, "quote", "--pool", usdc, "--token-in", weth, "--amount-in", "1");
        assertEquals(ExitCodes.FAILURE, r.exit(), r.toString());
        assertEquals(1, r.errLines().length, r.toString());
        assertTrue(r.err().contains("is neither a Uniswap V2 pair nor a V3 pool"), r.err());
    }

    @Test
    void watchHeadsSeesThreeConsecutiveHeads() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Cli> watch =
                    runner.submit(() -> Cli.run(env, "watch", "heads", "--count", "3", "--duration", "60s"));
            // mine until the watch has seen its three heads (bounded in count and time)
            for (int i = 0; i < 300 && !watch.isDone(); i++) {
                anvil.mine();
                Thread.sleep(100);
            }
            Cli r = watch.get(30, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
            List<Long> numbers = r.out()
                    .lines()
                    .map(l -> Pattern.compile("^head (\\d+) 0x[0-9a-f]{64} .*\\[seen (\\d+), .*")
                            .matcher(l))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .toList();
            assertEquals(3, numbers.size(), r.toString());
            assertEquals(numbers.get(0) + 1, numbers.get(1), r.toString());
            assertEquals(numbers.get(1) + 1, numbers.get(2), r.toString());
            assertTrue(r.out().contains("[seen 3, "), r.out());
            assertTrue(r.err().contains("watched 3 events"), r.err());
        } finally {
            runner.shutdownNow();
            assertTrue(runner.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /** Runs {@code args} in the background while {@code poke} makes chain activity, until the command ends (bounded). */
    static Cli whilePoking(Runnable poke, String... args) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Cli> watch = runner.submit(() -> Cli.run(env, args));
            for (int i = 0; i < 150 && !watch.isDone(); i++) {
                poke.run();
                Thread.sleep(200);
            }
            return watch.get(30, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
            assertTrue(runner.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void watchLogsOfOneTokenAsJsonLines() throws Exception {
        TestTokens tokens = new TestTokens(anvil);
        String from = anvil.accounts().get(6);
        tokens.mint(usdc, from, BigInteger.valueOf(1_000_000));
        String transfer = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
        Cli r = whilePoking(
                () -> tokens.transfer(from, usdc, anvil.accounts().get(7), BigInteger.ONE),
                "--json",
                "watch",
                "logs",
                "--address",
                usdc,
                "--topic0",
                transfer,
                "--count",
                "2",
                "--duration",
                "60s");
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> events = r.out()
                .lines()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .toList();
        assertEquals(2, events.size(), r.out());
        for (JsonNode e : events) {
            assertEquals("log", e.get("type").asText());
            assertEquals(
                    usdc.toLowerCase(java.util.Locale.ROOT),
                    e.get("address").asText().toLowerCase(java.util.Locale.ROOT));
            assertEquals(transfer, e.at("/topics/0").asText());
            assertEquals(false, e.get("removed").asBoolean());
        }
        assertEquals(2, events.get(1).at("/counters/seen").asLong());
    }

    @Test
    void watchPendingTransactionHashes() throws Exception {
        String from = anvil.accounts().get(8);
        java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Cli r = whilePoking(
                () -> sent.add(
                        anvil.sendTransaction(Tx.transfer(from, anvil.accounts().get(9), BigInteger.ONE))),
                "watch",
                "pending",
                "--hashes-only",
                "--count",
                "1",
                "--duration",
                "60s");
        assertEquals(0, r.exit(), r.toString());
        Matcher m =
                Pattern.compile("(?m)^pending (0x[0-9a-f]{64})  \\[seen 1, ").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(sent.contains(m.group(1)), m.group(1) + " not among " + sent);
    }

    @Test
    void storeMigrateBackupRestoreStats() throws Exception {
        Path db = dir.resolve("mev.db");
        Map<String, String> storeEnv = Map.of("MEVKIT_DB_URL", "jdbc:sqlite:" + db);

        Cli stats0 = Cli.run(storeEnv, "store", "stats");
        assertEquals(ExitCodes.FAILURE, stats0.exit(), stats0.toString());
        assertTrue(stats0.err().contains("run 'mevkit store migrate' first"), stats0.err());

        Cli migrate = Cli.run(storeEnv, "store", "migrate");
        assertEquals(0, migrate.exit(), migrate.toString());
        assertTrue(migrate.out().startsWith("store SQLITE at schema version "), migrate.out());

        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            store.useTransaction(tx -> {
                tx.tokens().upsert(new Token(31337, usdc, "USDC", 6, "USD Coin"));
                tx.tokens().upsert(new Token(31337, weth, "WETH", 18, null));
            });
        }

        Cli stats = Cli.run(storeEnv, "--json", "store", "stats");
        assertEquals(0, stats.exit(), stats.toString());
        JsonNode s = JSON.readTree(stats.out());
        assertEquals(2, s.get("rows").get("tokens").asLong(), stats.out());
        assertEquals(0, s.get("integrityProblems").size());

        Path backup = dir.resolve("backup.db");
        Cli b = Cli.run(storeEnv, "store", "backup", "--to", backup.toString());
        assertEquals(0, b.exit(), b.toString());
        assertTrue(Files.exists(backup));
        assertTrue(b.out().matches("(?s)backup .*\\ntokens\\s+2\\n.*"), b.out());

        Cli again = Cli.run(storeEnv, "store", "backup", "--to", backup.toString());
        assertEquals(ExitCodes.USAGE, again.exit(), again.toString());
        assertTrue(again.err().contains("already exists"), again.err());

        Path restored = dir.resolve("restored.db");
        Cli restore = Cli.run(storeEnv, "store", "restore", "--from", backup.toString(), "--to", restored.toString());
        assertEquals(0, restore.exit(), restore.toString());

        Cli restoredStats = Cli.run(Map.of("MEVKIT_DB_URL", restored.toString()), "store", "stats");
        assertEquals(0, restoredStats.exit(), restoredStats.toString());
        assertTrue(restoredStats.out().matches("(?s).*\\ntokens\\s+2\\n.*"), restoredStats.out());
        assertTrue(restoredStats.out().contains("integrity: ok"), restoredStats.out());

        Path backups = dir.resolve("backups");
        Files.createDirectories(backups);
        Cli scheduled = Cli.run(
                Map.of("MEVKIT_DB_URL", db.toString(), "MEVKIT_BACKUP_DIR", backups.toString()), "store", "backup");
        assertEquals(0, scheduled.exit(), scheduled.toString());
        Matcher taken = Pattern.compile("^backup (\\S+) taken at ").matcher(scheduled.out());
        assertTrue(taken.find(), scheduled.out());
        Path file = Path.of(taken.group(1));
        assertEquals(backups, file.getParent());
        assertTrue(Files.isRegularFile(file), file.toString());
    }

    // ------------------------------------------------------------------------------------------------------- price

    @Test
    void priceAggregatesAChainlinkFeedOnTheNodeAndCoinGeckoWithProvenance() throws Exception {
        String owner = anvil.accounts().get(0);
        String feed = anvil.deploy(
                ContractArtifact.load("MockAggregatorV3"),
                new Uint8(BigInteger.valueOf(8)),
                new Utf8String("ETH / USD"),
                new Int192(BigInteger.ONE),
                new Int192(BigInteger.TEN.pow(15)));
        anvil.invoke(owner, feed, Abi.fn("updateAnswer", new Int256(BigInteger.valueOf(300_000_000_000L))));
        try (MockWebServer coingecko = new MockWebServer()) {
            long now = Instant.now().getEpochSecond();
            coingecko.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse()
                            .setHeader("Content-Type", "application/json")
                            .setBody("{\"ethereum\":{\"usd\":3001.5,\"last_updated_at\":" + now + "}}");
                }
            });
            coingecko.start();
            Map<String, String> priceEnv = new HashMap<>(env);
            priceEnv.put("MEVKIT_COINGECKO_URL", coingecko.url("/api/v3").toString());
            String[] args = {"price", "--token", weth, "--chainlink-feed", feed, "--coingecko-id", "ethereum"};

            Cli human = Cli.run(priceEnv, args);
            assertEquals(0, human.exit(), human.toString());
            assertTrue(human.out().contains("(confident)"), human.out());
            assertTrue(human.out().matches("(?s).*\\nchainlink\\s+PUSH_ORACLE\\s+included\\s+3000\\s.*"), human.out());
            assertTrue(human.out().matches("(?s).*\\ncoingecko\\s+\\S+\\s+included\\s+3001\\.5\\s.*"), human.out());

            Cli json = Cli.run(priceEnv, concat("--json", args));
            assertEquals(0, json.exit(), json.toString());
            JsonNode j = JSON.readTree(json.out());
            BigDecimal price = new BigDecimal(j.get("price").asText());
            assertTrue(
                    price.compareTo(new BigDecimal("3000")) >= 0 && price.compareTo(new BigDecimal("3001.5")) <= 0,
                    json.out());
            assertEquals(2, j.get("sources").size(), json.out());
            JsonNode chainlink = j.get("sources").get(0).get("source").asText().equals("chainlink")
                    ? j.get("sources").get(0)
                    : j.get("sources").get(1);
            assertEquals(
                    "3000",
                    new BigDecimal(chainlink.get("price").asText())
                            .stripTrailingZeros()
                            .toPlainString());
            assertEquals("PUSH_ORACLE", chainlink.get("kind").asText());
            assertEquals("included", chainlink.get("status").asText());
        }

        // one source cannot make the default quorum of two: a negative answer, with the table saying why
        Cli alone = Cli.run(env, "price", "--token", weth, "--chainlink-feed", feed);
        assertEquals(ExitCodes.NEGATIVE, alone.exit(), alone.toString());
        assertTrue(alone.out().startsWith("no price: "), alone.out());
        assertEquals(1, alone.errLines().length, alone.toString());
        assertTrue(alone.err().startsWith("mevkit: no trustworthy price: "), alone.err());

        Cli quorumOfOne =
                Cli.run(withEnv("MEVKIT_PRICE_MIN_SOURCES", "1"), "price", "--token", weth, "--chainlink-feed", feed);
        assertEquals(0, quorumOfOne.exit(), quorumOfOne.toString());
    }

    // -------------------------------------------------------------------------------------------------------- size

    @Test
    void sizeAPendingVictimByItsHash() throws Exception {
        String trader = anvil.accounts().get(3);
        TestTokens tokens = new TestTokens(anvil);
        BigInteger amountIn = E18.multiply(BigInteger.valueOf(20));
        tokens.mint(weth, trader, amountIn);
        tokens.approveMax(trader, weth, v2.router());
        BigInteger minOut = routerQuote(amountIn, weth, usdc)
                .multiply(BigInteger.valueOf(97))
                .divide(BigInteger.valueOf(100));
        UniswapV2.Reserves before = v2.reserves(pair);
        anvil.setAutomine(false);
        try {
            String victim = anvil.sendTransaction(Tx.call(
                    trader,
                    v2.router(),
                    FunctionEncoder.encode(Abi.fn(
                            "swapExactTokensForTokens",
                            uint(amountIn),
                            uint(minOut),
                            Abi.path(weth, usdc),
                            address(trader),
                            Abi.farDeadline()))));
            Cli r = Cli.run(
                    env,
                    "--json",
                    "size",
                    "--tx",
                    victim,
                    "--factory",
                    v2.factory(),
                    "--weth",
                    weth,
                    "--capital",
                    "500");
            assertEquals(0, r.exit(), r.toString());
            JsonNode plan = JSON.readTree(r.out()).get("plan");
            assertEquals(
                    victim,
                    anvil.rpc("eth_getTransactionByHash", victim).get("hash").asText());
            assertEquals(
                    pair.toLowerCase(java.util.Locale.ROOT),
                    plan.at("/pool/address").asText().toLowerCase(java.util.Locale.ROOT));
            boolean wethFirst = weth.compareToIgnoreCase(usdc) < 0;
            BigInteger wethReserve = wethFirst ? before.reserve0() : before.reserve1();
            BigInteger usdcReserve = wethFirst ? before.reserve1() : before.reserve0();
            assertEquals(
                    wethReserve.toString(),
                    plan.at(wethFirst ? "/pool/reserve0" : "/pool/reserve1").asText());
            BigInteger front = new BigInteger(plan.get("frontRunIn").asText());
            BigInteger frontOut = new BigInteger(plan.get("frontRunOut").asText());
            // the front-run's output is what the pair pays for it, and the victim still gets at least its minimum
            assertEquals(
                    io.mevkit.core.amm.V2Math.getAmountOut(
                            front, wethReserve, usdcReserve, io.mevkit.core.amm.V2Fee.UNISWAP),
                    frontOut);
            assertTrue(new BigInteger(plan.at("/victimAmounts/1").asText()).compareTo(minOut) >= 0, r.out());
            assertTrue(new BigInteger(plan.get("netProfitWei").asText()).signum() > 0, r.out());
        } finally {
            // the victim never lands: the pools stay as the other tests expect them
            anvil.rpc("anvil_dropAllTransactions");
            anvil.setAutomine(true);
        }
    }

    @Test
    void sizeAPendingV3VictimByItsHash() throws Exception {
        String trader = anvil.accounts().get(10 % anvil.accounts().size());
        TestTokens tokens = new TestTokens(anvil);
        BigInteger amountIn = new BigInteger("1500000000000000000");
        tokens.mint(weth, trader, amountIn);
        tokens.approveMax(trader, weth, v3.swapRouter());
        BigInteger quoted =
                (BigInteger) ((Type<?>) quoterQuote(amountIn, weth, usdc).get(0)).getValue();
        BigInteger minOut = quoted.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100));
        StaticStruct params = new StaticStruct(
                address(weth),
                address(usdc),
                new Uint24(3000),
                address(trader),
                Abi.farDeadline(),
                uint(amountIn),
                uint(minOut),
                new Uint160(0));
        anvil.setAutomine(false);
        try {
            String victim = anvil.sendTransaction(
                    Tx.call(trader, v3.swapRouter(), FunctionEncoder.encode(Abi.fn("exactInputSingle", params))));
            Cli r = Cli.run(
                    env,
                    "--json",
                    "size",
                    "--tx",
                    victim,
                    "--v3-factory",
                    v3.factory(),
                    "--weth",
                    weth,
                    "--capital",
                    "50");
            assertEquals(0, r.exit(), r.toString());
            JsonNode j = JSON.readTree(r.out());
            JsonNode plan = j.get("plan");
            assertEquals(
                    pool.toLowerCase(java.util.Locale.ROOT),
                    j.get("pool").asText().toLowerCase(java.util.Locale.ROOT),
                    r.out());
            assertEquals(amountIn.toString(), plan.at("/victimAmounts/0").asText());
            assertTrue(new BigInteger(plan.at("/victimAmounts/1").asText()).compareTo(minOut) >= 0, r.out());
            assertTrue(new BigInteger(plan.get("frontRunIn").asText()).signum() > 0, r.out());
            assertTrue(new BigInteger(plan.get("netProfitWei").asText()).signum() > 0, r.out());
            Cli noFactory = Cli.run(env, "size", "--tx", victim, "--weth", weth, "--capital", "50");
            assertEquals(ExitCodes.USAGE, noFactory.exit(), noFactory.toString());
            assertTrue(noFactory.err().contains("a V3 victim needs --v3-factory"), noFactory.err());
        } finally {
            // the victim never lands: the pools stay as the other tests expect them
            anvil.rpc("anvil_dropAllTransactions");
            anvil.setAutomine(true);
        }
    }

    @Test
    void sizeOfAnUnknownHashFails() {
        Cli r = Cli.run(
                env,
                "size",
                "--tx",
                "0x" + "12".repeat(32),
                "--factory",
                v2.factory(),
                "--weth",
                weth,
                "--capital",
                "1");
        assertEquals(ExitCodes.FAILURE, r.exit(), r.toString());
        assertEquals(
                "mevkit: error: the node knows no transaction 0x" + "12".repeat(32),
                r.err().strip());
    }

    // ------------------------------------------------------------------------------------------------------ bundle

    static SignedTx signed(PrivateKeySigner signer, long nonce, String to, String data, long gas) {
        return signer.sign(Eip1559Tx.builder()
                .chainId(anvil.chainId())
                .nonce(nonce)
                .maxPriorityFeePerGas(BigInteger.valueOf(1_000_000_000L))
                .maxFeePerGas(BigInteger.valueOf(100_000_000_000L))
                .gasLimit(gas)
                .to(io.mevkit.core.Address.of(to))
                .value(BigInteger.ONE)
                .data(io.mevkit.core.Hex.decode(data))
                .build());
    }

    static long pendingNonce(String account) {
        return io.mevkit.core.Hex.toLong(
                anvil.rpc("eth_getTransactionCount", account, "pending").asText());
    }

    @Test
    void bundleSimulatesOnTheNodeAndADryRunRecordsWithoutSending() throws Exception {
        PrivateKeySigner signer = PrivateKeySigner.of(anvil.privateKey(4), anvil.chainId());
        String searcher = anvil.accounts().get(4);
        long nonce = pendingNonce(searcher);
        String friend = anvil.accounts().get(5);
        SignedTx first = signed(signer, nonce, friend, "0x", 21_000);
        SignedTx second = signed(signer, nonce + 1, friend, "0x", 21_000);

        Cli ok = Cli.run(env, "bundle", "simulate", "--tx", first.rawHex(), "--tx", second.rawHex());
        assertEquals(0, ok.exit(), ok.toString());
        assertTrue(ok.out().contains("simulated on the node as block "), ok.out());
        assertTrue(ok.out().contains("): ok"), ok.out());
        assertTrue(ok.out().contains("total gas 42000, coinbase diff "), ok.out());

        // a call the router refuses (it takes ETH only from WETH): the simulation reports the revert, exit 1
        SignedTx reverting = signed(signer, nonce + 1, v2.router(), "0x", 100_000);
        Cli bad = Cli.run(env, "--json", "bundle", "simulate", "--tx", first.rawHex(), "--tx", reverting.rawHex());
        assertEquals(ExitCodes.NEGATIVE, bad.exit(), bad.toString());
        JsonNode j = JSON.readTree(bad.out());
        assertEquals("reverted", j.get("outcome").asText());
        assertTrue(j.at("/result/txs/0/success").asBoolean(), bad.out());
        assertEquals(false, j.at("/result/txs/1/success").asBoolean(), bad.out());

        Path db = dir.resolve("bundles.db");
        long opportunity;
        try (MevStore store = MevStore.builder().sqlite(db).build()) {
            opportunity = store.inTransaction(tx -> {
                tx.tokens().upsert(new Token(anvil.chainId(), usdc, "USDC", 6, null));
                tx.tokens().upsert(new Token(anvil.chainId(), weth, "WETH", 18, null));
                boolean usdcFirst = usdc.compareToIgnoreCase(weth) < 0;
                tx.pools()
                        .upsert(new Pool(
                                anvil.chainId(),
                                pair,
                                "UNISWAP_V2",
                                usdcFirst ? usdc : weth,
                                usdcFirst ? weth : usdc,
                                3000));
                Opportunity o = tx.opportunities()
                        .record(new NewOpportunity(
                                anvil.chainId(), first.hash().hex(), pair, "sandwich", anvil.blockNumber()));
                tx.opportunities()
                        .plan(o.id(), new Plan(BigInteger.TEN, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO));
                return o.id();
            });
        }
        Cli dry = Cli.run(
                withEnv("MEVKIT_DB_URL", db.toString()),
                "bundle",
                "send",
                "--dry-run",
                "--opportunity",
                Long.toString(opportunity),
                "--tx",
                first.rawHex(),
                "--tx",
                second.rawHex());
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.err().contains("not sent"), dry.err());
        assertEquals(nonce, pendingNonce(searcher), "nothing reached the node's mempool");
        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            assertEquals(1, store.rowCounts().get("bundles"));
        }

        // without --dry-run, sending needs a builder: refused before anything is simulated or recorded
        Cli noBuilder = Cli.run(
                withEnv("MEVKIT_DB_URL", db.toString()),
                "bundle",
                "send",
                "--opportunity",
                Long.toString(opportunity),
                "--tx",
                first.rawHex());
        assertEquals(ExitCodes.USAGE, noBuilder.exit(), noBuilder.toString());
        assertEquals(1, noBuilder.errLines().length, noBuilder.toString());
        assertEquals(nonce, pendingNonce(searcher));
    }

    // ----------------------------------------------------------------------------------------- the real jar, as typed

    static Path launcher() {
        Path script = Path.of("bin/mevkit");
        assertTrue(Files.isExecutable(script), "run from the module directory: " + script.toAbsolutePath());
        assertTrue(Files.isRegularFile(Path.of("target/mevkit.jar")), "the shaded jar is built in the package phase");
        return script;
    }

    static Cli jar(Map<String, String> environment, String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(List.of("bash", launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Path out = Files.createTempFile("mevkit-out", ".txt");
        Path err = Files.createTempFile("mevkit-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mevkit did not finish");
            return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theJarQuotesExactlyAndFailsInOneLine() throws Exception {
        Cli version = jar(Map.of(), "--version");
        assertEquals(0, version.exit(), version.toString());
        assertEquals("mevkit 0.1.0-SNAPSHOT", version.out().strip());

        Cli quote = jar(env, "--json", "quote", "--pool", pair, "--token-in", weth, "--amount-in", "1");
        assertEquals(0, quote.exit(), quote.toString());
        assertEquals(
                routerQuote(E18, weth, usdc).toString(),
                JSON.readTree(quote.out()).get("amountOut").asText());
        assertEquals("", quote.err(), "nothing but the answer");

        int port = Cli.closedPort();
        Cli down = jar(
                Map.of("MEVKIT_RPC_MAX_RETRIES", "0"),
                "quote",
                "--rpc",
                "http://127.0.0.1:" + port,
                "--pool",
                pair,
                "--token-in",
                weth,
                "--amount-in",
                "1");
        assertEquals(ExitCodes.UNAVAILABLE, down.exit(), down.toString());
        assertEquals(1, down.errLines().length, down.toString());
        assertTrue(down.err().startsWith("mevkit: error: eth_blockNumber"), down.err());

        Cli bad = jar(Map.of(), "quote", "--bogus");
        assertEquals(ExitCodes.USAGE, bad.exit(), bad.toString());
        assertEquals(1, bad.errLines().length, bad.toString());

        Cli config = jar(Map.of("MEVKIT_WS_HEARTBEAT", "often"), "store", "stats");
        assertEquals(ExitCodes.CONFIG, config.exit(), config.toString());
        assertEquals(
                "mevkit: configuration error: MEVKIT_WS_HEARTBEAT must be a positive duration such as 500ms, 10s, 5m, 2h,"
                        + " 30d or PT10S but was \"often\"",
                config.err().strip());
    }

    static Map<String, String> withEnv(String key, String value) {
        Map<String, String> m = new HashMap<>(env);
        m.put(key, value);
        return m;
    }

    static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
