package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fhirgateway.sample.PostgresTestDatabase;
import dev.fhirgateway.spi.AdapterException;
import dev.fhirgateway.spi.CallContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The adapter contract on PostgreSQL, in a fresh schema. Skipped when no server is reachable, except in CI
 * (see {@link PostgresTestDatabase}).
 */
class SampleEhrAdapterPostgresTest extends SampleEhrAdapterContractTest {

    private TestDatabase testDatabase;

    @Override
    protected TestDatabase emptyDatabase() {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("sample_ehr_adapter_test");
        testDatabase = new TestDatabase(db.jdbcUrl(), db.user(), db.password());
        return testDatabase;
    }

    /**
     * On PostgreSQL each statement carries the time left to the call's deadline (see {@link StatementDeadlines}):
     * a statement blocked behind another session's lock is cancelled then, and the call ends as a timeout rather
     * than holding its connection.
     */
    @Test
    void aStatementStillWaitingAtTheDeadlineIsCancelledAsATimeout() throws Exception {
        try (Connection locker = DriverManager.getConnection(testDatabase.jdbcUrl(), testDatabase.user(),
                testDatabase.password()); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("LOCK TABLE patient IN ACCESS EXCLUSIVE MODE");
            CallContext context = new CallContext("1001", "deadline-test", Instant.now().plusSeconds(2));
            // Preemptive, so that a statement without its timeout fails the test instead of hanging it.
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
                    () -> adapter().read(context, "Patient", "85"))
                    .isInstanceOfSatisfying(AdapterException.class,
                            e -> assertThat(e.reason()).isEqualTo(AdapterException.Reason.TIMEOUT)));
            locker.rollback();
        }
    }
}
