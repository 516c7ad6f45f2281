package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.PostgresTestDatabase;

/**
 * The adapter contract on PostgreSQL, in a fresh schema. Skipped when no server is reachable, except in CI
 * (see {@link PostgresTestDatabase}).
 */
class SampleEhrAdapterPostgresTest extends SampleEhrAdapterContractTest {

    @Override
    protected TestDatabase emptyDatabase() {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("sample_ehr_adapter_test");
        return new TestDatabase(db.jdbcUrl(), db.user(), db.password());
    }
}
