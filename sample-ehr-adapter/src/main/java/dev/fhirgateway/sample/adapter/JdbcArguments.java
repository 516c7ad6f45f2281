package dev.fhirgateway.sample.adapter;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.argument.Argument;

/**
 * The values the adapter binds, as Jdbi {@link Argument}s whose JDBC setter is chosen here from the value's type.
 *
 * <p>Given a plain value, Jdbi looks up its argument factory anew in every statement (the per-type cache lives in
 * the statement's copy of the configuration); a CPU profile of MRN searches put that lookup at 4% of the gateway's
 * samples. A value that already is an {@code Argument} is applied directly. The setters and SQL types are the ones
 * Jdbi's own factories use ({@code EssentialsArgumentFactory}, {@code JavaTimeArgumentFactory}, {@code bigint} and
 * {@code varchar} arrays), so H2 and PostgreSQL receive the same parameters as before.
 */
final class JdbcArguments {

    private JdbcArguments() {
    }

    /** Text, e.g. the practice PIN or a public id. */
    static Argument text(String value) {
        requireValue(value);
        return (position, statement, ctx) -> statement.setString(position, value);
    }

    /** A whole number, e.g. a keyset position or a page size. */
    static Argument number(long value) {
        return (position, statement, ctx) -> statement.setLong(position, value);
    }

    /** Internal row ids, for {@code = ANY(:ids)}. */
    static Argument longs(List<Long> values) {
        return array("bigint", values);
    }

    /** Public ids, for {@code = ANY(:ids)}. */
    static Argument texts(List<String> values) {
        return array("varchar", values);
    }

    /**
     * A value of a search condition ({@link SqlConditions#bind}); the types the conditions bind are listed here,
     * any other is a programming error and fails the statement rather than guessing a SQL type.
     */
    static Argument of(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Long || value instanceof Integer) {
            return number(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            return (position, statement, ctx) -> statement.setBigDecimal(position, d);
        }
        if (value instanceof LocalDate) {
            return typed(value, Types.DATE);
        }
        if (value instanceof LocalDateTime) {
            return typed(value, Types.TIMESTAMP);
        }
        if (value instanceof OffsetDateTime) {
            return typed(value, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        requireValue(value);
        throw new IllegalArgumentException("no SQL parameter type for " + value.getClass().getName());
    }

    private static Argument typed(Object value, int sqlType) {
        return (position, statement, ctx) -> statement.setObject(position, value, sqlType);
    }

    private static Argument array(String elementType, List<?> values) {
        Object[] elements = values.toArray();
        return (position, statement, ctx) -> {
            Array array = statement.getConnection().createArrayOf(elementType, elements);
            ctx.addCleanable(array::free);
            statement.setArray(position, array);
        };
    }

    /** Conditions test for NULL with {@code IS NULL}: a null parameter is a programming error. */
    private static void requireValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null SQL parameter: write IS NULL instead");
        }
    }
}
