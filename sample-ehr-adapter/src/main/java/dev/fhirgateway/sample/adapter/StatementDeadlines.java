package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.HikariConfig;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * How the adapter keeps a database statement from outliving its call's deadline, per database.
 *
 * <p>PostgreSQL: every statement gets the JDBC query timeout of the time left (the driver cancels it from a timer
 * thread; the statement and its plan are unaffected). H2: JDBC's {@code setQueryTimeout} runs
 * {@code SET QUERY_TIMEOUT}, and every {@code SET} makes H2 re-plan every cached statement of every connection
 * (it bumps the database's metadata version). Measured under load, that re-parsing and re-planning was 40% of a
 * search's time. So on H2 each pooled connection gets one fixed session timeout when it is opened, and the
 * call's exact deadline is left to the gateway, which answers 504 when it passes.
 */
final class StatementDeadlines {

    /** The session timeout of every H2 connection: a bound on a runaway query, longer than any call deadline. */
    static final int H2_SESSION_TIMEOUT_MILLIS = 60_000;

    private final boolean perStatement;

    private StatementDeadlines(boolean perStatement) {
        this.perStatement = perStatement;
    }

    /** The deadlines for the database of {@code jdbcUrl}; sets up {@code pool} for them. */
    static StatementDeadlines configure(String jdbcUrl, HikariConfig pool) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            pool.setConnectionInitSql("SET QUERY_TIMEOUT " + H2_SESSION_TIMEOUT_MILLIS);
            return new StatementDeadlines(false);
        }
        return new StatementDeadlines(true);
    }

    /** Applies {@code timeoutSeconds} to every statement {@code handle} runs, where the database allows it cheaply. */
    void apply(Handle handle, int timeoutSeconds) {
        if (perStatement) {
            handle.addCustomizer(new QueryTimeout(timeoutSeconds));
        }
    }

    private record QueryTimeout(int seconds) implements StatementCustomizer {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            statement.setQueryTimeout(seconds);
        }
    }
}
