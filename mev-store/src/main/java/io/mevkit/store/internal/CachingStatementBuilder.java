package io.mevkit.store.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of the SQLite write handle for reuse: compiling a statement is a large part of a small
 * transaction's cost on SQLite (every CHECK and foreign key of the table is compiled into it), and the driver keeps no
 * cache of its own. At most {@code capacity} idle statements, least recently used evicted; a statement still in use
 * is never handed out twice (the same SQL while it is open gets a fresh one). Not thread-safe: used by the writer
 * under its lock.
 */
final class CachingStatementBuilder implements StatementBuilder {
    private final int capacity;
    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(32, 0.75f, true);
    /**
     * The statements handed out, with the SQL they were prepared from: jdbi closes a statement naming its SQL as
     * written (named parameters), not the parsed SQL it was created from, so the key must be remembered here.
     */
    private final Map<Statement, String> lent = new IdentityHashMap<>();

    CachingStatementBuilder(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return plain.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return plain.create(connection, sql, context);
        }
        PreparedStatement statement = idle.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
        }
        lent.put(statement, sql);
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context)
            throws SQLException {
        return plain.createCall(connection, sql, context);
    }

    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        String key = lent.remove(statement);
        if (key == null || !(statement instanceof PreparedStatement prepared)) {
            statement.close();
            return;
        }
        try {
            prepared.clearParameters();
        } catch (SQLException e) {
            prepared.close();
            throw e;
        }
        PreparedStatement previous = idle.put(key, prepared);
        if (previous != null && previous != prepared) {
            previous.close();
        }
        if (idle.size() > capacity) {
            Iterator<Map.Entry<String, PreparedStatement>> eldest =
                    idle.entrySet().iterator();
            PreparedStatement evicted = eldest.next().getValue();
            eldest.remove();
            evicted.close();
        }
    }

    /** Closes every idle statement (the writer is closing). */
    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : idle.values()) {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // the connection closes next, which frees them anyway
            }
        }
        idle.clear();
    }

    int idleCount() {
        return idle.size();
    }
}
