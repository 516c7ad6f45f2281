package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.load.MixedLoad;
import dev.fhirgateway.sample.load.MixedLoad.Answer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The WAR in the Jetty 12 distribution with a 256 MiB heap, hit by 64 concurrent mixed requests (includes and
 * revincludes among them) the moment {@code /health/ready} says UP: every answer is a 200 inside the request
 * budget (10 s), and the container's JVM stays within 512 MiB of resident memory. The requests carry a bearer
 * token, so the burst also meets the gateway's first key-set fetch.
 */
@DisplayName("Gateway WAR in Jetty with -Xmx256m: a cold burst right after ready")
class JettyColdBurstIT {

    private static final long RSS_LIMIT_KIB = 512 * 1024;
    private static final long REQUEST_BUDGET_MILLIS = 10_000;

    @Test
    @DisplayName("64 concurrent mixed requests right after ready: all 200, each inside the budget, RSS at most 512 MiB")
    void coldBurst() throws Exception {
        Path war = Path.of("target/fhir-gateway.war").toAbsolutePath();
        Path plugins = Path.of("target/adapter-plugin").toAbsolutePath();
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        Path runDir = Files.createDirectories(Path.of("target/container-runs").toAbsolutePath()
                .resolve(getClass().getSimpleName() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        JettyDistribution jetty = new JettyDistribution("Jetty 12 distribution (-Xmx256m)",
                ServletContainerContractIT.distribution("gateway.it.jetty.home"), runDir, List.of("-Xmx256m"));
        String audience = jetty.gatewayUri() + "fhir";
        // The sample EHR runs in this JVM: its database (over its H2 TCP port) and its token server, as in
        // deploy.md's trial recipe; the gateway verifies the EHR's tokens.
        try (SampleEhrServer ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(Files.createDirectories(runDir.resolve("ehr-data"))).withWar(war).withPluginDir(plugins)
                .withH2Port(ServletContainerDistribution.freeLoopbackPort()).withTokenAudience(audience)); jetty) {
            SampleEhrServer.RemoteAdapterDatabase database = ehr.remoteAdapterDatabase().orElseThrow();
            jetty.deploy(war, new GatewayContextSettings(plugins, database.jdbcUrl(),
                    ehr.tokenEndpoint().resolve("/oauth"), ehr.jwksUri(), ehr.tokenEndpoint(), audience));
            jetty.environment(GatewayContextSettings.adapterAccountEnvironment(database.account()));
            String token = ServletContainerContractIT.demoToken(ehr.tokenEndpoint(), MixedLoad.PRACTICE, audience);
            jetty.start();
            jetty.awaitReady();

            List<Answer> answers = MixedLoad.burst(URI.create(audience), token, 64);

            long rss = MixedLoad.rssKib(jetty.pid());
            MixedLoad.assertHealthyBurst(answers, REQUEST_BUDGET_MILLIS, jetty.log());
            assertThat(rss).as("resident memory of the container JVM after the burst, KiB").isLessThanOrEqualTo(RSS_LIMIT_KIB);
        }
    }
}
