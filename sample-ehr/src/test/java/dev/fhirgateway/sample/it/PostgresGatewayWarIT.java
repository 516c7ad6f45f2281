package dev.fhirgateway.sample.it;

import dev.fhirgateway.sample.PostgresTestDatabase;
import dev.fhirgateway.sample.SampleEhrOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/**
 * The WAR contract on PostgreSQL (127.0.0.1:5432, a fresh schema). Required in CI; elsewhere skipped loudly when
 * no server is reachable (see {@link PostgresTestDatabase}).
 */
@DisplayName("Gateway WAR in Jetty over the sample EHR on PostgreSQL")
class PostgresGatewayWarIT extends GatewayWarContractIT {

    @Override
    SampleEhrOptions databaseOptions(Path dataDir) {
        PostgresTestDatabase db = PostgresTestDatabase.freshSchema("sample_ehr_war_it");
        return SampleEhrOptions.defaults().withDataDir(dataDir).withDatabase(db.jdbcUrl(), db.user(), db.password());
    }
}
