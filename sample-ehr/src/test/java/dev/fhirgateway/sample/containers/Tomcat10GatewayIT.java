package dev.fhirgateway.sample.containers;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/** The gateway WAR in the Apache Tomcat 10.1 distribution (Servlet 6.0). */
@DisplayName("Gateway WAR in Tomcat 10.1 (distribution)")
class Tomcat10GatewayIT extends TomcatContractIT {

    @Override
    ServletContainerDistribution container(Path runDir) throws Exception {
        return new TomcatDistribution("Tomcat 10.1", distribution("gateway.it.tomcat10.home"), runDir);
    }
}
