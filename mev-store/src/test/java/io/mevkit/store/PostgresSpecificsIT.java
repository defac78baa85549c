package io.mevkit.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mevkit.testing.EmbeddedPostgresExtension;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only PostgreSQL has: amounts as NUMERIC(78,0) domains, which the database itself can add exactly. */
class PostgresSpecificsIT {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    @Test
    void amountColumnsAreNumeric78DomainsThatSumExactly() {
        try (MevStore store = MevStore.builder()
                .postgres(POSTGRES.dataSource(POSTGRES.newDatabase()))
                .build()) {
            List<String> domains = store.read(tx -> tx.handle()
                    .createQuery(
                            "SELECT column_name || ' ' || domain_name || ' ' || data_type || '(' || numeric_precision"
                                    + " || ',' || numeric_scale || ')' FROM information_schema.columns"
                                    + " WHERE table_name = 'executions' AND column_name IN ('gas_cost', 'realized_profit')"
                                    + " ORDER BY column_name")
                    .mapTo(String.class)
                    .list());
            assertEquals(List.of("gas_cost mev_u256 numeric(78,0)", "realized_profit mev_i256 numeric(78,0)"), domains);
            store.useTransaction(tx -> {
                Fixtures.seed(tx);
                for (int i = 0; i < 3; i++) {
                    Opportunity o = tx.opportunities().record(Fixtures.opportunity(i));
                    tx.opportunities()
                            .plan(o.id(), new Plan(Amounts.U256_MAX, Amounts.I256_MIN, BigInteger.ONE, BigInteger.ONE));
                }
            });
            // NUMERIC sums are exact (on SQLite the store sums in Java instead)
            assertEquals(Amounts.U256_MAX.multiply(BigInteger.valueOf(3)), store.read(tx -> tx.handle()
                    .createQuery("SELECT sum(amount_in) FROM opportunities")
                    .mapTo(BigInteger.class)
                    .one()));
        }
    }
}
