package io.mevkit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mevkit.store.MevStore;
import io.mevkit.store.NewOpportunity;
import io.mevkit.store.Opportunity;
import io.mevkit.store.Pool;
import io.mevkit.store.Token;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sqlite.SQLiteConfig;

/**
 * Rows recorded per second: an opportunity with its audit event, through mevkit's store (validation, jdbi, the single
 * SQLite writer or a HikariCP pool on PostgreSQL) beside plain JDBC issuing the same statements on one connection
 * configured the same way. Single-row transactions ({@code ...Single}) and 100-row transactions ({@code ...Batch});
 * SQLite (WAL, synchronous=NORMAL) and PostgreSQL (embedded, started in setup). Setup checks that both paths write the
 * same rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreInsertBenchmark {
    static final int BATCH = 100;
    static final long CHAIN = 1;
    static final String WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2";
    static final String USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48";
    static final String POOL = "0xb4e16d0168e52d35cacd2c6185b44281ec28c9dc";
    static final String COLUMNS = "id, chain_id, victim_tx_hash, pool_address, strategy, block_number, status,"
            + " skip_reason, amount_in, expected_profit, gas_cost, bribe, claimed_by, claimed_ms, created_ms, updated_ms";
    static final String INSERT = "INSERT INTO opportunities"
            + " (chain_id, victim_tx_hash, pool_address, strategy, block_number, status, created_ms, updated_ms)"
            + " VALUES (?, ?, ?, ?, ?, 'SEEN', ?, ?)"
            + " ON CONFLICT (chain_id, victim_tx_hash, pool_address, strategy) DO NOTHING";
    static final String INSERT_EVENT =
            "INSERT INTO events (occurred_ms, entity, entity_id, opportunity_id, kind, detail)"
                    + " VALUES (?, 'OPPORTUNITY', ?, ?, 'OPPORTUNITY_SEEN', ?)";

    @Param({"sqlite", "postgresql"})
    public String database;

    Path dir;
    EmbeddedPostgres postgres;
    HikariDataSource pool;
    MevStore store;
    Connection jdbc;
    long next = 1;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("mevkit-store-bench");
        MevStore.Builder builder = MevStore.builder();
        if (database.equals("sqlite")) {
            Path file = dir.resolve("bench.db");
            builder.sqlite(file);
            store = builder.build();
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5000);
            config.enforceForeignKeys(true);
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            jdbc = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } else {
            postgres = EmbeddedPostgres.builder().start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setMaximumPoolSize(2);
            pool = new HikariDataSource(config);
            store = builder.postgres(pool).build();
            jdbc = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
        }
        store.useTransaction(tx -> {
            tx.tokens().upsert(new Token(CHAIN, WETH, "WETH", 18, null));
            tx.tokens().upsert(new Token(CHAIN, USDC, "USDC", 6, null));
            tx.pools().upsert(new Pool(CHAIN, POOL, "UNISWAP_V2", USDC, WETH, 3000));
        });
        checkBothWriteTheSameRows();
    }

    @TearDown
    public void tearDown() throws Exception {
        jdbc.close();
        store.close();
        if (pool != null) {
            pool.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String hash(long n) {
        return String.format("0x%064x", n);
    }

    static NewOpportunity opportunity(long n) {
        return new NewOpportunity(CHAIN, hash(n), POOL, "sandwich", 19_000_000 + n);
    }

    static String detail(long n) {
        return "chain=" + CHAIN + " victimTx=" + hash(n) + " pool=" + POOL + " strategy=sandwich block="
                + (19_000_000 + n);
    }

    @Benchmark
    public long mevkitSingle() {
        long n = next++;
        return store.inTransaction(tx -> tx.opportunities().record(opportunity(n)))
                .id();
    }

    @Benchmark
    public long jdbcSingle() throws SQLException {
        long n = next++;
        long now = System.currentTimeMillis();
        jdbc.setAutoCommit(false);
        try {
            long id;
            try (PreparedStatement insert = jdbc.prepareStatement(INSERT + " RETURNING id")) {
                bindOpportunity(insert, n, now);
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement event = jdbc.prepareStatement(INSERT_EVENT)) {
                bindEvent(event, id, n, now);
                event.executeUpdate();
            }
            jdbc.commit();
            return id;
        } catch (SQLException e) {
            jdbc.rollback();
            throw e;
        } finally {
            jdbc.setAutoCommit(true);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int mevkitBatch() {
        List<NewOpportunity> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(opportunity(next++));
        }
        return store.inTransaction(tx -> tx.opportunities().recordAll(batch)).size();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int jdbcBatch() throws SQLException {
        long first = next;
        next += BATCH;
        long now = System.currentTimeMillis();
        jdbc.setAutoCommit(false);
        try {
            int[] counts;
            try (PreparedStatement insert = jdbc.prepareStatement(INSERT)) {
                for (long n = first; n < first + BATCH; n++) {
                    bindOpportunity(insert, n, now);
                    insert.addBatch();
                }
                counts = insert.executeBatch();
            }
            Map<String, Long> ids = new HashMap<>();
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < BATCH; i++) {
                in.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement select = jdbc.prepareStatement(
                    "SELECT " + COLUMNS + " FROM opportunities WHERE victim_tx_hash IN (" + in + ")")) {
                for (int i = 0; i < BATCH; i++) {
                    select.setString(i + 1, hash(first + i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        readAllColumns(rs);
                        ids.put(rs.getString("victim_tx_hash"), rs.getLong("id"));
                    }
                }
            }
            try (PreparedStatement event = jdbc.prepareStatement(INSERT_EVENT)) {
                for (int i = 0; i < BATCH; i++) {
                    if (counts[i] == 1) {
                        bindEvent(event, ids.get(hash(first + i)), first + i, now);
                        event.addBatch();
                    }
                }
                event.executeBatch();
            }
            jdbc.commit();
            return ids.size();
        } catch (SQLException e) {
            jdbc.rollback();
            throw e;
        } finally {
            jdbc.setAutoCommit(true);
        }
    }

    private static void bindOpportunity(PreparedStatement s, long n, long now) throws SQLException {
        s.setLong(1, CHAIN);
        s.setString(2, hash(n));
        s.setString(3, POOL);
        s.setString(4, "sandwich");
        s.setLong(5, 19_000_000 + n);
        s.setLong(6, now);
        s.setLong(7, now);
    }

    private static void bindEvent(PreparedStatement s, long id, long n, long now) throws SQLException {
        s.setLong(1, now);
        s.setLong(2, id);
        s.setLong(3, id);
        s.setString(4, detail(n));
    }

    /** What mevkit reads back to build each record: the same columns, read the same way. */
    private static void readAllColumns(ResultSet rs) throws SQLException {
        for (String column : COLUMNS.split(", ")) {
            rs.getString(column.trim());
        }
    }

    /** One row each way, then the two compared column by column (ids, keys and times aside). */
    private void checkBothWriteTheSameRows() throws SQLException {
        Opportunity viaStore = store.inTransaction(tx -> tx.opportunities().record(opportunity(900_000_000)));
        next = 900_000_001;
        long viaJdbc = jdbcSingle();
        List<String> a = describe(viaStore.id(), 900_000_000);
        List<String> b = describe(viaJdbc, 900_000_001);
        if (!a.equals(b)) {
            throw new IllegalStateException("mevkit and JDBC wrote different rows: " + a + " vs " + b);
        }
        next = 1_000_000;
        mevkitBatch();
        next = 2_000_000;
        jdbcBatch();
        for (int i = 0; i < BATCH; i++) {
            if (!describe(idOf(1_000_000 + i), 1_000_000 + i).equals(describe(idOf(2_000_000 + i), 2_000_000 + i))) {
                throw new IllegalStateException("mevkit and JDBC batches wrote different rows at " + i);
            }
        }
        next = 1;
    }

    private long idOf(long n) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement("SELECT id FROM opportunities WHERE victim_tx_hash = ?")) {
            s.setString(1, hash(n));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The rows of one opportunity and its events, with its id, key and times taken out. */
    private List<String> describe(long id, long n) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = jdbc.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM opportunities WHERE id = " + id)) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 2; c <= rs.getMetaData().getColumnCount(); c++) {
                        String name = rs.getMetaData().getColumnName(c);
                        if (!name.endsWith("_ms") && !name.equals("victim_tx_hash") && !name.equals("block_number")) {
                            row.append(name).append('=').append(rs.getString(c)).append(';');
                        }
                    }
                    rows.add(row.toString());
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT entity, entity_id, opportunity_id, kind, detail FROM events"
                    + " WHERE opportunity_id = " + id + " ORDER BY id")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + ";" + (rs.getLong(2) == id) + ";" + (rs.getLong(3) == id) + ";"
                            + rs.getString(4) + ";" + rs.getString(5).equals(detail(n)));
                }
            }
        }
        return rows;
    }
}
