package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.fhirgateway.sample.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What lets the sample adapter promise the gateway that its calls end by their deadline (and so be called on the
 * request's thread): statements still running at the deadline are cancelled, on H2 and on PostgreSQL, and a call
 * waits for a pooled connection only until its deadline.
 */
@DisplayName("Sample adapter: calls end by their deadline")
class StatementDeadlinesTest {

    private static final long DEADLINE_MILLIS = 300;

    @Test
    @DisplayName("H2: a statement still running at its deadline is cancelled, and reported as cancelled")
    void h2StatementIsCancelled() throws Exception {
        assertCancelledAtTheDeadline("jdbc:h2:mem:deadlines;DB_CLOSE_DELAY=-1", null, null,
                // Ten billion row pairs: minutes, unless cancelled.
                "SELECT MAX(a.X * b.X) FROM SYSTEM_RANGE(1, 100000) a CROSS JOIN SYSTEM_RANGE(1, 100000) b");
    }

    @Test
    @DisplayName("PostgreSQL: a statement still running at its deadline is cancelled, and reported as cancelled")
    void postgresStatementIsCancelled() throws Exception {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("statement_deadlines_test");
        assertCancelledAtTheDeadline(db.jdbcUrl(), db.user(), db.password(), "SELECT pg_sleep(60)");
    }

    @Test
    @DisplayName("a statement that ends in time is answered, and no longer watched")
    void statementInTimeIsAnswered() throws Exception {
        try (TestPool pool = pool("jdbc:h2:mem:in-time;DB_CLOSE_DELAY=-1", null, null, 2);
                StatementDeadlines deadlines = StatementDeadlines.configure("jdbc:h2:mem:in-time", new HikariConfig())) {
            Jdbi jdbi = Jdbi.create(new DeadlineConnections(pool.pool()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int answer = jdbi.withHandle(h -> {
                deadlines.apply(h, deadline);
                return h.createQuery("SELECT 42").mapTo(Integer.class).one();
            });
            assertThat(answer).isEqualTo(42);
            assertThat(deadlines.executing()).isZero();
        }
    }

    @Test
    @DisplayName("a call waits for a pooled connection only until its deadline, then fails as a timeout")
    void connectionWaitEndsAtTheDeadline() throws Exception {
        try (TestPool pool = pool("jdbc:h2:mem:busy-pool;DB_CLOSE_DELAY=-1", null, null, 1);
                Connection held = pool.pool().getConnection()) {
            DeadlineConnections connections = new DeadlineConnections(pool.pool());
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
            // The pool's own timeout is 30 s: only the deadline can end this wait in time.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                    () -> connections.until(deadline, () -> {
                        try {
                            return connections.openConnection();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }))
                    .hasCauseInstanceOf(SQLTransientConnectionException.class));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(
                    Duration.ofMillis(DEADLINE_MILLIS - 50), Duration.ofSeconds(5));
        }
    }

    private static void assertCancelledAtTheDeadline(String url, String user, String password, String slowSql)
            throws Exception {
        try (TestPool pool = pool(url, user, password, 2);
                StatementDeadlines deadlines = StatementDeadlines.configure(url, new HikariConfig())) {
            Jdbi jdbi = Jdbi.create(new DeadlineConnections(pool.pool()));
            // The first connection and the driver's classes load outside the measured time.
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
            // Preemptive, so that a statement that is not cancelled fails the test instead of hanging it.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> jdbi.withHandle(h -> {
                deadlines.apply(h, deadline);
                return h.createQuery(slowSql).mapToMap().one();
            }))
                    .isInstanceOf(JdbiException.class)
                    .satisfies(e -> assertThat(sqlState(e)).as("SQLSTATE of %s", e).isEqualTo("57014")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(
                    Duration.ofMillis(DEADLINE_MILLIS), Duration.ofSeconds(5));
            assertThat(deadlines.executing()).isZero();
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A pool the tests close with try-with-resources. */
    private record TestPool(HikariPool pool) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
        }
    }

    private static TestPool pool(String url, String user, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
            config.setPassword(password);
        }
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(30_000);
        return new TestPool(new HikariPool(config));
    }
}
