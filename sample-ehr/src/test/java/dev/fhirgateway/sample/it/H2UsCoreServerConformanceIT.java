package dev.fhirgateway.sample.it;

import dev.fhirgateway.sample.SampleEhrOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/** US Core 6.1.0 server conformance of the WAR over the sample EHR on its default database, embedded H2. */
@DisplayName("US Core 6.1.0 server conformance through the WAR, on H2")
class H2UsCoreServerConformanceIT extends UsCoreServerConformanceIT {

    @Override
    SampleEhrOptions databaseOptions(Path dataDir) {
        return SampleEhrOptions.defaults().withDataDir(dataDir);
    }

    @Override
    boolean validatesEverything() {
        return true;
    }
}
