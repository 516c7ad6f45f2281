package dev.fhirgateway.sample.it;

import dev.fhirgateway.sample.SampleEhrOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/** The WAR contract on the sample EHR's default database: embedded H2, reached by the adapter over loopback TCP. */
@DisplayName("Gateway WAR in Jetty over the sample EHR on H2")
class H2GatewayWarIT extends GatewayWarContractIT {

    @Override
    SampleEhrOptions databaseOptions(Path dataDir) {
        return SampleEhrOptions.defaults().withDataDir(dataDir);
    }
}
