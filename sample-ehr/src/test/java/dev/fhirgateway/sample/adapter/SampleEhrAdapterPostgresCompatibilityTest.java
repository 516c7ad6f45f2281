package dev.fhirgateway.sample.adapter;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.PostgresTestDatabase;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.kit.EhrAdapterCompatibilityKit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The adapter compatibility kit over the sample EHR's adapter on PostgreSQL, in a fresh schema with the seed data:
 * the SQL the adapter generates must mean the same on both databases. Skipped when no server is reachable, except
 * in CI (see {@link PostgresTestDatabase}).
 */
class SampleEhrAdapterPostgresCompatibilityTest extends EhrAdapterCompatibilityKit {

    private EhrDatabase database;
    private EhrAdapter adapter;

    @BeforeAll
    void open() {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("sample_ehr_kit_test");
        database = EhrDatabase.open(db.jdbcUrl(), db.user(), db.password());
        SeedData.seedIfEmpty(database.jdbi());
        Map<String, String> config = new HashMap<>();
        config.put("jdbc.url", db.jdbcUrl());
        config.put("jdbc.user", db.user());
        if (db.password() != null) {
            config.put("jdbc.password", db.password());
        }
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(config));
    }

    @AfterAll
    void close() {
        if (adapter != null) {
            adapter.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected EhrAdapter adapter() {
        return adapter;
    }

    @Override
    protected String practice() {
        return SeedData.PRACTICE_PINS.get(0);
    }

    @Override
    protected String otherPractice() {
        return SeedData.PRACTICE_PINS.get(1);
    }
}
