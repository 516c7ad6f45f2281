package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What deploy.md warns about: a redeploy with a context file the gateway cannot start with takes the running
 * gateway down, and Tomcat's log then says why, once and readably (not a {@code NoClassDefFoundError} from
 * formatting the error after the WAR's class loader stopped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Gateway WAR in Tomcat 11: a failed redeploy")
class Tomcat11FailedRedeployIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration REDEPLOY_LIMIT = Duration.ofSeconds(60);
    private static final String ISSUER_LINE = "(?m)^\\s*<Parameter name=\"fhirgateway.auth.issuer\"[^\\n]*\\n";

    private SampleEhrServer ehr;
    private TomcatDistribution tomcat;

    @BeforeAll
    void deployAndStart() throws Exception {
        Path war = Path.of("target/fhir-gateway.war").toAbsolutePath();
        Path plugins = Path.of("target/adapter-plugin").toAbsolutePath();
        Path runDir = Files.createDirectories(Path.of("target/container-runs").toAbsolutePath()
                .resolve(getClass().getSimpleName() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        tomcat = new TomcatDistribution("Tomcat 11", ServletContainerContractIT.distribution("gateway.it.tomcat11.home"),
                runDir);
        String audience = tomcat.gatewayUri() + "fhir";
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(Files.createDirectories(runDir.resolve("ehr-data"))).withWar(war).withPluginDir(plugins)
                .withH2Port(ServletContainerDistribution.freeLoopbackPort()).withTokenAudience(audience));
        SampleEhrServer.RemoteAdapterDatabase database = ehr.remoteAdapterDatabase().orElseThrow();
        tomcat.deploy(war, new GatewayContextSettings(plugins, database.jdbcUrl(),
                ehr.tokenEndpoint().resolve("/oauth"), ehr.jwksUri(), ehr.tokenEndpoint(), audience));
        tomcat.environment(GatewayContextSettings.adapterAccountEnvironment(database.account()));
        tomcat.start();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (tomcat != null) {
                tomcat.close();
            }
        } finally {
            if (ehr != null) {
                ehr.close();
            }
        }
    }

    @Test
    @DisplayName("a context file without the issuer takes the gateway down; the log says why, once, readably")
    void failedRedeployIsLoggedOnceAndTakesTheGatewayDown() throws Exception {
        assertThat(status("health/live")).isEqualTo(200);
        String broken = tomcat.contextFileText().replaceFirst(ISSUER_LINE, "");
        assertThat(broken).doesNotContain("fhirgateway.auth.issuer");
        tomcat.writeContextFile(broken);

        await().atMost(REDEPLOY_LIMIT).pollInterval(Duration.ofMillis(500))
                .until(() -> catalinaLog().contains("FHIR Gateway failed to start"));
        // A little longer, so a second report of the same failure would be in the log too.
        Thread.sleep(2000);
        String log = catalinaLog();
        assertThat(count(log, "FHIR Gateway failed to start")).as("the reason, once, in Tomcat's logs:\n%s", log)
                .isEqualTo(1);
        assertThat(log).containsPattern("FHIR Gateway failed to start: [^\\n]*fhirgateway\\.auth\\.issuer")
                .doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
        assertThat(status("health/live")).as("the gateway is down after the failed redeploy").isNotEqualTo(200);
    }

    /**
     * Tomcat's log files: {@code catalina.DATE.log} (the container's own lines) and {@code localhost.DATE.log} (the
     * host's, where a listener's exception goes); the console carries the same lines again, so it is left out.
     */
    private String catalinaLog() throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path f : tomcat.logFiles()) {
            String name = f.getFileName().toString();
            if (name.startsWith("catalina.") || (name.startsWith("localhost.") && name.endsWith(".log"))) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(tomcat.gatewayUri() + path)).GET().build(),
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
