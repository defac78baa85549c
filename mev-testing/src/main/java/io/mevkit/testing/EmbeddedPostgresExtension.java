package io.mevkit.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts a real PostgreSQL server (embedded binaries, in the test JVM's machine) once per
 * test class and stops it after. {@link #newDatabase()} gives each test a fresh, empty database. If the server
 * cannot start, the test fails: nothing is skipped.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private EmbeddedPostgres postgres;

    public static EmbeddedPostgresExtension create() {
        return new EmbeddedPostgresExtension();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    /** The server's default {@code postgres} database. */
    public DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    public int port() {
        return server().getPort();
    }

    /** A JDBC URL for {@code database} on this server (user {@code postgres}, no password). */
    public String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    /** Creates a new empty database and returns its name. */
    public String newDatabase() {
        String name = "mevkit_test_" + DATABASES.incrementAndGet();
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return name;
    }

    /** A data source for {@code database} on this server. */
    public DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedPostgresExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    private EmbeddedPostgres server() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is started before the test class, not yet now");
        }
        return postgres;
    }
}
