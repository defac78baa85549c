package io.mevkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedPostgresIT {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = EmbeddedPostgresExtension.create();

    @Test
    void realServerStoresExactNumeric() throws SQLException {
        DataSource db = POSTGRES.dataSource(POSTGRES.newDatabase());
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE amounts (v NUMERIC(78,0) NOT NULL)");
            s.execute("INSERT INTO amounts VALUES (" + max + ")");
            try (ResultSet rs = s.executeQuery("SELECT v::text, version() FROM amounts")) {
                assertTrue(rs.next());
                assertEquals(max, rs.getString(1));
                assertTrue(rs.getString(2).startsWith("PostgreSQL 17"), rs.getString(2));
            }
        }
    }

    @Test
    void eachNewDatabaseIsEmptyAndSeparate() throws SQLException {
        String first = POSTGRES.newDatabase();
        String second = POSTGRES.newDatabase();
        try (Connection c = POSTGRES.dataSource(first).getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_here (id INT)");
        }
        try (Connection c = POSTGRES.dataSource(second).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1));
        }
    }
}
