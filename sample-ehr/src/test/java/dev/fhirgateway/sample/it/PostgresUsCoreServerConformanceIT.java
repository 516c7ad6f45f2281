package dev.fhirgateway.sample.it;

import dev.fhirgateway.sample.PostgresTestDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/**
 * US Core 6.1.0 server conformance of the WAR over the sample EHR on PostgreSQL: the same searches as on H2
 * (validation of every resource runs once, on H2, and in the PostgreSQL compatibility kit). Required in CI;
 * elsewhere skipped loudly when no server is reachable (see {@link PostgresTestDatabase}).
 */
@DisplayName("US Core 6.1.0 server conformance through the WAR, on PostgreSQL")
class PostgresUsCoreServerConformanceIT extends UsCoreServerConformanceIT {

    @Override
    SampleEhrOptions databaseOptions(Path dataDir) {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("sample_ehr_us_core_it");
        return SampleEhrOptions.defaults().withDataDir(dataDir).withDatabase(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    boolean validatesEverything() {
        return false;
    }
}
