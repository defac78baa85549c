package io.mevkit.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write handle's kept statements: reused across statements with named parameters, never lent twice. */
class CachingStatementBuilderTest {
    @TempDir
    Path temp;

    private final CachingStatementBuilder builder = new CachingStatementBuilder(2);
    private final List<PreparedStatement> executed = new ArrayList<>();
    private Handle handle;

    @BeforeEach
    void open() throws Exception {
        handle = Jdbi.create("jdbc:sqlite:" + temp.resolve("cache.db")).open();
        handle.setStatementBuilder(builder);
        handle.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
                executed.add(stmt);
            }
        });
        try (Statement create = handle.getConnection().createStatement()) {
            create.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        }
    }

    @AfterEach
    void close() {
        builder.close(handle.getConnection());
        handle.close();
    }

    private void insert(String v) {
        handle.createUpdate("INSERT INTO t (v) VALUES (:v)").bind("v", v).execute();
    }

    @Test
    void aStatementWithNamedParametersIsPreparedOnceAndReused() {
        insert("a");
        insert("b");
        insert("c");
        assertEquals(3, executed.size());
        assertSame(executed.get(0), executed.get(1));
        assertSame(executed.get(1), executed.get(2));
        assertEquals(1, builder.idleCount());
        // the reused statement binds the new values, not the old ones
        assertEquals(
                List.of("a", "b", "c"),
                handle.createQuery("SELECT v FROM t ORDER BY id")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void theSameSqlWhileItsStatementIsOpenGetsAFreshOne() {
        insert("a");
        insert("b");
        executed.clear();
        String sql = "SELECT v FROM t WHERE id >= :id ORDER BY id";
        try (var outer = handle.createQuery(sql).bind("id", 1).mapTo(String.class).stream()) {
            Iterator<String> rows = outer.iterator();
            assertEquals("a", rows.next());
            assertEquals(
                    List.of("b"),
                    handle.createQuery(sql).bind("id", 2).mapTo(String.class).list());
            assertEquals("b", rows.next());
        }
        assertEquals(2, executed.size());
        assertNotSame(executed.get(0), executed.get(1));
    }

    @Test
    void atMostCapacityIdleStatementsAreKeptTheLeastRecentlyUsedClosed() throws Exception {
        insert("a");
        PreparedStatement first = executed.get(0);
        handle.createQuery("SELECT count(*) FROM t WHERE v = :v")
                .bind("v", "a")
                .mapTo(Integer.class)
                .one();
        handle.createQuery("SELECT max(id) FROM t WHERE v = :v")
                .bind("v", "a")
                .mapTo(Integer.class)
                .one();
        assertEquals(2, builder.idleCount());
        assertTrue(first.isClosed());
        insert("b");
        assertNotSame(first, executed.get(executed.size() - 1));
    }
}
