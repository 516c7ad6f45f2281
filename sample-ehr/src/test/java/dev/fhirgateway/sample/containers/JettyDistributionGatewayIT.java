package dev.fhirgateway.sample.containers;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;

/** The gateway WAR in the Jetty 12 distribution, deployed by its {@code ee10-deploy} module. */
@DisplayName("Gateway WAR in the Jetty 12 distribution (ee10-deploy)")
class JettyDistributionGatewayIT extends ServletContainerContractIT {

    @Override
    ServletContainerDistribution container(Path runDir) throws Exception {
        return new JettyDistribution("Jetty 12 distribution", distribution("gateway.it.jetty.home"), runDir);
    }

    @Override
    String maxThreadsGauge() {
        return "jetty_threads_config_max";
    }
}
