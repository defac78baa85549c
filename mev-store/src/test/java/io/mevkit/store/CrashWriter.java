package io.mevkit.store;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link SqliteCrashTest}: writes multi-row transactions to a SQLite store and prints
 * {@code <n> <opportunity id>} after each {@code commit()} returned, until it is killed (or has written its bound).
 * Arguments: the database (migrated and seeded by the test), the first {@code n}, and two signed transactions.
 * Each transaction writes one complete unit: an opportunity (planned), a bundle with two transactions, a pending
 * submission and four events.
 */
public final class CrashWriter {
    /** Transactions per run at most: a bound, far above what a run writes before it is killed. */
    static final int MAX_TRANSACTIONS = 200_000;

    private CrashWriter() {}

    public static void main(String[] args) {
        Path db = Path.of(args[0]);
        long first = Long.parseLong(args[1]);
        PrintStream out = System.out;
        List<String> raw = List.of(args[2], args[3]);
        Plan plan = new Plan(BigInteger.TEN, BigInteger.ONE, BigInteger.TWO, BigInteger.ONE);
        try (MevStore store = MevStore.builder().sqlite(db).migrate(false).build()) {
            out.println("READY");
            out.flush();
            for (long n = first; n < first + MAX_TRANSACTIONS; n++) {
                long key = n;
                long id = store.inTransaction(tx -> {
                    Opportunity o = tx.opportunities().record(Fixtures.opportunity(key));
                    tx.opportunities().plan(o.id(), plan);
                    Bundle b = tx.bundles()
                            .recordSigned(new NewBundle(
                                    o.id(), Fixtures.hash(key + 1_000_000_000_000L), 100, 101, null, raw));
                    tx.submissions().recordIntent(b.id(), "flashbots", 100);
                    return o.id();
                });
                out.println(key + " " + id);
                out.flush();
            }
        }
    }
}
