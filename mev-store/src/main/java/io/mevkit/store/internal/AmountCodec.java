package io.mevkit.store.internal;

import io.mevkit.core.ValidationException;
import io.mevkit.store.Amounts;
import io.mevkit.store.Dialect;
import io.mevkit.store.StoreException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.regex.Pattern;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * How exact numbers travel to and from each dialect: integers (U256/I256) and non-negative decimals (prices). On
 * PostgreSQL they are NUMERIC; on SQLite canonical decimal text (integers without leading zeros, {@code -} for
 * negatives; decimals in plain notation), which the schema checks. Never a float on either side. Thread-safe.
 */
public final class AmountCodec {
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,77}");
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final Dialect dialect;

    public AmountCodec(Dialect dialect) {
        this.dialect = dialect;
    }

    public void bindInteger(PreparedStatement statement, int position, @Nullable BigInteger value) throws SQLException {
        if (value == null) {
            statement.setNull(position, dialect == Dialect.SQLITE ? Types.VARCHAR : Types.NUMERIC);
            return;
        }
        if (value.compareTo(Amounts.I256_MIN) < 0 || value.compareTo(Amounts.U256_MAX) > 0) {
            throw new ValidationException("amount", value, "must be in [-2^255, 2^256-1]");
        }
        if (dialect == Dialect.SQLITE) {
            statement.setString(position, value.toString());
        } else {
            statement.setBigDecimal(position, new BigDecimal(value));
        }
    }

    public void bindDecimal(PreparedStatement statement, int position, @Nullable BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(position, dialect == Dialect.SQLITE ? Types.VARCHAR : Types.NUMERIC);
        } else if (dialect == Dialect.SQLITE) {
            statement.setString(position, value.toPlainString());
        } else {
            statement.setBigDecimal(position, value);
        }
    }

    public @Nullable BigInteger integer(ResultSet rs, String column) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return parseInteger(rs.getString(column), column);
        }
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : exact(value, column);
    }

    public BigInteger requiredInteger(ResultSet rs, String column) throws SQLException {
        BigInteger value = integer(rs, column);
        if (value == null) {
            throw new StoreException("column " + column + " is unexpectedly NULL");
        }
        return value;
    }

    public @Nullable BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            return parseDecimal(rs.getString(column), column);
        }
        return rs.getBigDecimal(column);
    }

    public BigDecimal requiredDecimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = decimal(rs, column);
        if (value == null) {
            throw new StoreException("column " + column + " is unexpectedly NULL");
        }
        return value;
    }

    private static @Nullable BigInteger parseInteger(@Nullable String text, String column) {
        if (text == null) {
            return null;
        }
        if (!CANONICAL_INTEGER.matcher(text).matches()) {
            throw new StoreException("column " + column + " holds a malformed amount: " + abbreviate(text));
        }
        return new BigInteger(text);
    }

    private static @Nullable BigDecimal parseDecimal(@Nullable String text, String column) {
        if (text == null) {
            return null;
        }
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new StoreException("column " + column + " holds a malformed decimal: " + abbreviate(text));
        }
        return new BigDecimal(text);
    }

    private static BigInteger exact(BigDecimal value, String column) {
        try {
            return value.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new StoreException("column " + column + " holds a fraction where an integer belongs", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 90 ? text : text.substring(0, 87) + "...";
    }

    /** jdbi binding for {@link BigInteger} parameters. */
    public AbstractArgumentFactory<BigInteger> integerArguments() {
        AmountCodec codec = this;
        return new AbstractArgumentFactory<>(dialect == Dialect.SQLITE ? Types.VARCHAR : Types.NUMERIC) {
            @Override
            protected Argument build(BigInteger value, ConfigRegistry config) {
                return (position, statement, ctx) -> codec.bindInteger(statement, position, value);
            }
        };
    }

    /** jdbi binding for {@link BigDecimal} parameters (replacing jdbi's own, which SQLite would store inexactly). */
    public AbstractArgumentFactory<BigDecimal> decimalArguments() {
        AmountCodec codec = this;
        return new AbstractArgumentFactory<>(dialect == Dialect.SQLITE ? Types.VARCHAR : Types.NUMERIC) {
            @Override
            protected Argument build(BigDecimal value, ConfigRegistry config) {
                return (position, statement, ctx) -> codec.bindDecimal(statement, position, value);
            }
        };
    }

    /** jdbi column mapping to {@link BigInteger}. */
    public ColumnMapper<@Nullable BigInteger> integerColumns() {
        return (ResultSet rs, int column, StatementContext ctx) -> {
            if (dialect == Dialect.SQLITE) {
                return parseInteger(rs.getString(column), "#" + column);
            }
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? null : exact(value, "#" + column);
        };
    }

    /** jdbi column mapping to {@link BigDecimal}. */
    public ColumnMapper<@Nullable BigDecimal> decimalColumns() {
        return (ResultSet rs, int column, StatementContext ctx) ->
                dialect == Dialect.SQLITE ? parseDecimal(rs.getString(column), "#" + column) : rs.getBigDecimal(column);
    }
}
