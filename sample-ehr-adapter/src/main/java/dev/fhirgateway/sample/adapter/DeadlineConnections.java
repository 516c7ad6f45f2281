package dev.fhirgateway.sample.adapter;

import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Connections from the pool for Jdbi, each waited for at most until the deadline of the call running on this
 * thread ({@link #until}); outside a call, as long as the pool's own connection timeout. A burst that queues for
 * connections thus ends in a timeout at the call's deadline instead of holding the caller's thread for the pool's
 * 30 s.
 */
final class DeadlineConnections implements ConnectionFactory {

    /** The deadline of the call on this thread, on the {@link System#nanoTime()} scale; null outside a call. */
    private static final ThreadLocal<Long> CALL_DEADLINE = new ThreadLocal<>();

    private final HikariPool pool;

    DeadlineConnections(HikariPool pool) {
        this.pool = pool;
    }

    /** Runs {@code call}, whose connections are waited for until {@code deadlineNanos} at most. */
    <T> T until(long deadlineNanos, Supplier<T> call) {
        Long outer = CALL_DEADLINE.get();
        CALL_DEADLINE.set(deadlineNanos);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CALL_DEADLINE.remove();
            } else {
                CALL_DEADLINE.set(outer);
            }
        }
    }

    @Override
    public Connection openConnection() throws SQLException {
        Long deadline = CALL_DEADLINE.get();
        if (deadline == null) {
            return pool.getConnection();
        }
        long millisLeft = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millisLeft <= 0) {
            throw new SQLTimeoutException("the call's deadline passed before a database connection came free");
        }
        return pool.getConnection(millisLeft);
    }
}
