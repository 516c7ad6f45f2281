package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.SeedData;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The container contract in Tomcat, plus a redeploy after which Tomcat's leak detection must have nothing to say. */
abstract class TomcatContractIT extends ServletContainerContractIT {

    @Override
    String maxThreadsGauge() {
        return "tomcat_threads_config_max";
    }

    /** What Tomcat logs when a stopped web application left threads, thread-locals or drivers behind. */
    private static final List<String> LEAK_WARNINGS = List.of("appears to have started a thread named",
            "failed to stop it", "memory leak", "failed to unregister it", "ThreadLocal with key");
    private static final Duration REDEPLOY_LIMIT = Duration.ofSeconds(60);

    @Test
    @Order(STOP_ORDER - 10)
    @DisplayName("redeploys when its context file is touched, leaks nothing and serves again")
    void redeployLeaksNothing() throws Exception {
        int startsBefore = count(container.log(), "FHIR Gateway started");
        ((TomcatDistribution) container).touchContextFile();
        // The console and catalina.*.log carry the same lines: compare counts, not absolute numbers.
        await().atMost(REDEPLOY_LIMIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(count(container.log(), "FHIR Gateway started")).as("a second start within %s", REDEPLOY_LIMIT)
                        .isGreaterThan(startsBefore));
        String log = container.log();
        assertThat(log).contains("FHIR Gateway stopped");
        assertThat(LEAK_WARNINGS).as("leak warnings of Tomcat after the redeploy")
                .noneSatisfy(warning -> assertThat(log).contains(warning));
        // The gateway logs "started" from its listener, a moment before Tomcat opens the context to requests.
        await().atMost(REDEPLOY_LIMIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(get("health/ready", null).statusCode()).isEqualTo(200));
        assertThat(get("fhir/Patient?identifier=424242", "1001").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(STOP_ORDER - 20)
    @DisplayName("reloads a replaced WAR with a changed setting while traffic flows: no request fails (503 is retried)")
    void replacingTheWarUnderTrafficFailsNoRequest() throws Exception {
        TomcatDistribution tomcat = (TomcatDistribution) container;
        int startsBefore = count(container.log(), "FHIR Gateway started");
        // A client honouring 503 Retry-After: Tomcat may hand the stopping gateway a request it routed just before
        // pausing the application for the reload, which the gateway then tells to retry (deploy.md, Redeploying).
        try (SteadyTraffic traffic = SteadyTraffic.retryingClient(
                () -> get("fhir/Patient?identifier=" + SeedData.SHARED_MRN, "1001"))) {
            Thread.sleep(1000);
            // deploy.md: settings that change live in the properties file; then the WAR is replaced.
            Files.writeString(tomcat.settingsFile(), "fhirgateway.paging.default-count=7\n", StandardCharsets.UTF_8);
            tomcat.replaceWar(Path.of("target/fhir-gateway.war").toAbsolutePath());
            await().atMost(REDEPLOY_LIMIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(count(container.log(), "FHIR Gateway started")).as("a reload within %s", REDEPLOY_LIMIT)
                            .isGreaterThan(startsBefore));
            Thread.sleep(2000);
            traffic.assertNoRequestFailed();
        }
        JsonNode page = new ObjectMapper().readTree(get("fhir/Patient", "1001").body());
        assertThat(page.path("entry").size()).as("the changed page size, read on the reload").isEqualTo(7);
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
