package dev.fhirgateway.sample.containers;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/** The gateway WAR in the Apache Tomcat 11 distribution. */
@DisplayName("Gateway WAR in Tomcat 11 (distribution)")
class Tomcat11GatewayIT extends TomcatContractIT {

    @Override
    ServletContainerDistribution container(Path runDir) throws Exception {
        return new TomcatDistribution("Tomcat 11", distribution("gateway.it.tomcat11.home"), runDir);
    }
}
