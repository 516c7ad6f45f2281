package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.LoopbackSampleDatabase;
import dev.fhirgateway.sample.SeedData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built gateway WAR in a real servlet container distribution, deployed as a vendor would: the WAR in the
 * container's deployment folder, the sample adapter in the plugin directory {@code target/adapter-plugin}
 * (outside the WAR), the settings in the container's context file. The sample EHR's database runs in this JVM
 * and is served to the container's adapter over loopback TCP.
 *
 * <p>The tests run in order: the HTTP contract, then (in subclasses) redeploys, and last the container is
 * stopped and its log must show a clean shutdown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServletContainerContractIT {

    static final int STOP_ORDER = 100;
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRACTICE = SeedData.PRACTICE_PINS.get(0);
    /** Log lines at the containers' error levels: Tomcat's SEVERE, Jetty's ERROR. */
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^.*\\b(SEVERE|ERROR)\\b.*$");

    private LoopbackSampleDatabase database;
    protected ServletContainerDistribution container;

    /** The container under test, not started; {@code runDir} is its own empty directory below target/. */
    abstract ServletContainerDistribution container(Path runDir) throws Exception;

    /** The Prometheus name of the gauge of the container's maximum request threads (read from its JMX beans). */
    abstract String maxThreadsGauge();

    /** The installation directory of a distribution, which the build unpacks and names in a system property. */
    static Path distribution(String property) {
        String dir = System.getProperty(property);
        assertThat(dir).as("system property %s (set by failsafe in sample-ehr/pom.xml)", property).isNotBlank();
        return Path.of(dir);
    }

    @BeforeAll
    void deployAndStart() throws Exception {
        Path war = Path.of("target/fhir-gateway.war").toAbsolutePath();
        Path plugins = Path.of("target/adapter-plugin").toAbsolutePath();
        assertThat(war).as("the gateway WAR, built by 'mvn package'").isRegularFile();
        assertThat(plugins).as("the adapter plugin directory, built by 'mvn package'").isDirectory();
        Path runDir = Files.createDirectories(Path.of("target/container-runs").toAbsolutePath()
                .resolve(getClass().getSimpleName() + "-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        database = LoopbackSampleDatabase.start(Files.createDirectories(runDir.resolve("ehr-data")));
        container = container(runDir);
        container.deploy(war, new GatewayContextSettings(plugins, database.adapterJdbcUrl(),
                database.adapterAccount().user(), database.adapterAccount().password(),
                "container-test-paging-secret-0123456789abcdef"));
        container.start();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    @Order(1)
    @DisplayName("serves its CapabilityStatement with the adapter's Patient support and its public address")
    void metadata() throws Exception {
        HttpResponse<String> r = get("fhir/metadata", null);
        assertThat(r.statusCode()).isEqualTo(200);
        CapabilityStatement cs = parse(r.body(), CapabilityStatement.class);
        assertThat(cs.getRestFirstRep().getResource()).extracting(res -> res.getType()).contains("Patient");
        assertThat(cs.getImplementation().getUrl()).isEqualTo(container.gatewayUri() + "fhir");
    }

    @Test
    @Order(2)
    @DisplayName("finds a patient by MRN for the practice of X-Practice-Pin, through the adapter outside the WAR")
    void patientSearchByMrn() throws Exception {
        HttpResponse<String> r = get("fhir/Patient?identifier=" + SeedData.SHARED_MRN, PRACTICE);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Bundle bundle = parse(r.body(), Bundle.class);
        assertThat(bundle.getEntry()).hasSize(1);
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(SeedData.SHARED_MRN);
        assertThat(bundle.getEntryFirstRep().getFullUrl())
                .isEqualTo(container.gatewayUri() + "fhir/Patient/" + patient.getIdElement().getIdPart());
    }

    @Test
    @Order(3)
    @DisplayName("refuses a write with 405, an Allow header and an OperationOutcome")
    void writeIsRefused() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(container.gatewayUri().resolve("fhir/Patient"))
                .header("X-Practice-Pin", PRACTICE).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).isPresent();
        assertThat(parse(r.body(), OperationOutcome.class).getIssueFirstRep().getCode().toCode())
                .isEqualTo("not-supported");
    }

    @Test
    @Order(4)
    @DisplayName("answers CDS Hooks with 501")
    void cdsHooksNotImplemented() throws Exception {
        HttpResponse<String> r = get("cds-services", null);
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("does not support CDS Hooks");
    }

    @Test
    @Order(5)
    @DisplayName("reports live and ready (the adapter is loaded and healthy) as JSON")
    void health() throws Exception {
        HttpResponse<String> live = get("health/live", null);
        HttpResponse<String> ready = get("health/ready", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(ready.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("adapters").get(0).path("name").asText()).isEqualTo("sample-ehr");
        assertThat(body.path("adapters").get(0).path("healthy").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    @DisplayName("reports the container's request thread pool in /metrics")
    void containerThreadPoolMetrics() throws Exception {
        HttpResponse<String> metrics = get("metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("(?m)^" + maxThreadsGauge() + " [1-9][0-9]*\\.?[0-9]*$");
    }

    @Test
    @Order(6)
    @DisplayName("writes the gateway's startup report to the container's log")
    void startupReportIsInTheContainerLog() throws Exception {
        assertThat(container.log()).contains("EHR adapter 'sample-ehr'").contains("FHIR Gateway started");
    }

    @Test
    @Order(STOP_ORDER)
    @DisplayName("stops cleanly on SIGTERM: the gateway says it stopped, nothing is logged as an error")
    void stopsCleanly() throws Exception {
        assertThat(container.stop()).as("%s exited by itself on SIGTERM", container.displayName()).isTrue();
        String log = container.log();
        assertThat(log).contains("FHIR Gateway stopped");
        List<String> errors = ERROR_LINE.matcher(log).results().map(m -> m.group()).toList();
        assertThat(errors).as("error lines in the log of %s", container.displayName()).isEmpty();
    }

    protected HttpResponse<String> get(String path, String pin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(container.gatewayUri().resolve(path))
                .header("Accept", "application/fhir+json");
        if (pin != null) {
            b.header("X-Practice-Pin", pin);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T extends IBaseResource> T parse(String body, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, body);
    }

    /** For subclasses' messages. */
    URI gatewayUri() {
        return container.gatewayUri();
    }
}
