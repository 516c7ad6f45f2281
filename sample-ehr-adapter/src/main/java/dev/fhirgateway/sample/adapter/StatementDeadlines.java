package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.HikariConfig;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;

/**
 * Ends database statements at their call's deadline: statements are registered while they execute, and one daemon
 * thread cancels those still running when their deadline passes ({@link Statement#cancel()}, which H2 and the
 * PostgreSQL driver apply to that statement only). The call then fails with the database's "cancelled" error,
 * which the adapter reports as a timeout.
 *
 * <p>Not JDBC's {@code setQueryTimeout}: on H2 it runs {@code SET QUERY_TIMEOUT}, and every {@code SET} makes H2
 * re-plan every cached statement of every connection (measured under load: 40% of a search's time); on
 * PostgreSQL it has whole seconds only. H2 connections keep a fixed session timeout as a backstop against a
 * runaway statement. Registering costs a map insert and removal per statement; the watchdog wakes every
 * {@value #CHECK_INTERVAL_MILLIS} ms, so a statement ends at most that long after its deadline.
 */
final class StatementDeadlines implements AutoCloseable {

    /** The session timeout of every H2 connection: a bound on a runaway statement, longer than any deadline. */
    static final int H2_SESSION_TIMEOUT_MILLIS = 60_000;
    static final long CHECK_INTERVAL_MILLIS = 50;

    /** Statements executing now, with their deadline on the {@link System#nanoTime()} scale. */
    private final Map<Statement, Long> executing = new ConcurrentHashMap<>();
    private final Thread watchdog;

    private StatementDeadlines() {
        watchdog = new Thread(this::watch, "sample-ehr-statement-deadlines");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** The deadlines for the database of {@code jdbcUrl}; sets up {@code pool} for them. */
    static StatementDeadlines configure(String jdbcUrl, HikariConfig pool) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            pool.setConnectionInitSql("SET QUERY_TIMEOUT " + H2_SESSION_TIMEOUT_MILLIS);
        }
        return new StatementDeadlines();
    }

    /** Ends every statement {@code handle} runs by {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    void apply(Handle handle, long deadlineNanos) {
        handle.addCustomizer(new Watched(deadlineNanos));
    }

    /** How many statements are executing under a deadline now (for tests). */
    int executing() {
        return executing.size();
    }

    private void watch() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                TimeUnit.MILLISECONDS.sleep(CHECK_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            executing.forEach((statement, deadline) -> {
                if (now - deadline >= 0 && executing.remove(statement, deadline)) {
                    cancel(statement);
                }
            });
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            // Closed in the meantime: it has ended, which is all the cancel was for.
        }
    }

    @Override
    public void close() {
        watchdog.interrupt();
        try {
            watchdog.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Watched implements StatementCustomizer {
        private final long deadlineNanos;

        Watched(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext context) throws SQLException {
            long overdueNanos = System.nanoTime() - deadlineNanos;
            if (overdueNanos >= 0) {
                throw new SQLTimeoutException("the call's deadline passed " + TimeUnit.NANOSECONDS.toMillis(overdueNanos)
                        + " ms before this statement could run");
            }
            executing.put(statement, deadlineNanos);
            // Also when execution fails: afterExecution is not called then.
            context.addCleanable(() -> executing.remove(statement));
        }

        @Override
        public void afterExecution(PreparedStatement statement, StatementContext context) {
            executing.remove(statement);
        }
    }
}
