package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.SeedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * deploy.md's Jetty redeploy, under steady traffic: with scanning on, Jetty 12.1 starts the new gateway beside the
 * running one and switches requests over only once it has started (atomic redeploy), so replacing the WAR fails no
 * request; and a new gateway that cannot start (a bad setting) leaves the running one serving, because the context
 * file makes a failed start an error of the deployment ({@code throwUnavailableOnStartupException}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Gateway WAR in the Jetty 12 distribution: redeploys under steady traffic")
class JettyRedeployIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration REDEPLOY_LIMIT = Duration.ofSeconds(60);
    private static final String PRACTICE = SeedData.PRACTICE_PINS.get(0);

    private SampleEhrServer ehr;
    private JettyDistribution jetty;
    private String token;

    @BeforeAll
    void deployAndStart() throws Exception {
        Path war = Path.of("target/fhir-gateway.war").toAbsolutePath();
        Path plugins = Path.of("target/adapter-plugin").toAbsolutePath();
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        Path runDir = Files.createDirectories(Path.of("target/container-runs").toAbsolutePath()
                .resolve(getClass().getSimpleName() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        jetty = new JettyDistribution("Jetty 12 distribution", ServletContainerContractIT.distribution("gateway.it.jetty.home"),
                runDir);
        String audience = jetty.gatewayUri() + "fhir";
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(Files.createDirectories(runDir.resolve("ehr-data"))).withWar(war).withPluginDir(plugins)
                .withH2Port(ServletContainerDistribution.freeLoopbackPort()).withTokenAudience(audience));
        SampleEhrServer.RemoteAdapterDatabase database = ehr.remoteAdapterDatabase().orElseThrow();
        jetty.deploy(war, new GatewayContextSettings(plugins, database.jdbcUrl(),
                ehr.tokenEndpoint().resolve("/oauth"), ehr.jwksUri(), ehr.tokenEndpoint(), audience));
        jetty.environment(GatewayContextSettings.adapterAccountEnvironment(database.account()));
        token = ServletContainerContractIT.demoToken(ehr.tokenEndpoint(), PRACTICE, audience);
        jetty.start();
        jetty.awaitReady();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (jetty != null) {
                jetty.close();
            }
        } finally {
            if (ehr != null) {
                ehr.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("replacing the WAR with a changed setting fails no request; the new gateway serves it, the old one stopped")
    void replacingTheWarFailsNoRequest() throws Exception {
        int startsBefore = count(jetty.log(), "FHIR Gateway started");
        Files.writeString(jetty.settingsFile(), "fhirgateway.paging.default-count=7\n", StandardCharsets.UTF_8);
        try (SteadyTraffic traffic = new SteadyTraffic(() -> get("fhir/Patient?identifier=" + SeedData.SHARED_MRN))) {
            Thread.sleep(1000);
            jetty.replaceWar(Path.of("target/fhir-gateway.war").toAbsolutePath());
            awaitLog("FHIR Gateway started", startsBefore + 1);
            awaitLog("FHIR Gateway stopped", 1);
            Thread.sleep(2000);
            traffic.assertNoRequestFailed();
        }
        var page = new ObjectMapper().readTree(get("fhir/Patient").body());
        assertThat(page.path("entry").size()).as("the changed page size, read by the new gateway").isEqualTo(7);
    }

    @Test
    @Order(2)
    @DisplayName("a redeploy the new gateway cannot start with leaves the running one serving; the log says why")
    void failedRedeployKeepsTheRunningGateway() throws Exception {
        int stopsBefore = count(jetty.log(), "FHIR Gateway stopped");
        Files.writeString(jetty.settingsFile(), "fhirgateway.request-timeout=soon\n", StandardCharsets.UTF_8);
        try (SteadyTraffic traffic = new SteadyTraffic(() -> get("fhir/Patient?identifier=" + SeedData.SHARED_MRN))) {
            Thread.sleep(1000);
            jetty.touchContextFile();
            awaitLog("FHIR Gateway failed to start", 1);
            Thread.sleep(2000);
            traffic.assertNoRequestFailed();
        }
        String log = jetty.log();
        // Jetty logs the failure once per layer (context, deployer, scanner), each with the reason in one line.
        assertThat(log).containsPattern("FHIR Gateway failed to start: [^\\n]*fhirgateway\\.request-timeout")
                .doesNotContain("NoClassDefFoundError").doesNotContain("Error while stopping the gateway");
        assertThat(count(log, "FHIR Gateway stopped")).as("the running gateway was not stopped").isEqualTo(stopsBefore);
        assertThat(status("health/ready")).isEqualTo(200);
    }

    /** Waits until the container's log holds {@code phrase} at least {@code times} times. */
    private void awaitLog(String phrase, int times) throws Exception {
        await().atMost(REDEPLOY_LIMIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(count(jetty.log(), phrase)).as("'%s' in the log within %s:\n%s", phrase, REDEPLOY_LIMIT,
                        jetty.log()).isGreaterThanOrEqualTo(times));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(jetty.gatewayUri().resolve(path)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(jetty.gatewayUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int count(String text, String phrase) {
        Matcher m = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
