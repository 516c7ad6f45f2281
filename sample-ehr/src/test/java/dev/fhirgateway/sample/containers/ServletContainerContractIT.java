package dev.fhirgateway.sample.containers;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fhirgateway.sample.SampleEhrOptions;
import dev.fhirgateway.sample.SampleEhrServer;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.sample.auth.DemoClients;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * The built gateway WAR in a real servlet container distribution, deployed as docs/deploy.md says (its context
 * files, read from the Markdown): the WAR in the container's deployment folder, the sample adapter in the plugin
 * directory {@code target/adapter-plugin} (outside the WAR), the settings in the container's context file. The
 * sample EHR runs in this JVM as deploy.md's trial recipe runs it: its database served to the container's adapter
 * over loopback TCP, its development authorization server issuing tokens for the container's gateway
 * ({@code --token-audience}), which verifies them as JWTs.
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

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

    private SampleEhrServer ehr;
    protected ServletContainerDistribution container;
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

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
        container = container(runDir);
        String audience = container.gatewayUri() + "fhir";
        ehr = SampleEhrServer.start(SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(Files.createDirectories(runDir.resolve("ehr-data"))).withWar(war).withPluginDir(plugins)
                .withH2Port(ServletContainerDistribution.freeLoopbackPort()).withTokenAudience(audience));
        SampleEhrServer.RemoteAdapterDatabase database = ehr.remoteAdapterDatabase().orElseThrow();
        container.deploy(war, new GatewayContextSettings(plugins, database.jdbcUrl(),
                ehr.tokenEndpoint().resolve("/oauth"), ehr.jwksUri(), ehr.tokenEndpoint(), audience));
        container.environment(GatewayContextSettings.adapterAccountEnvironment(database.account()));
        container.start();
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (container != null) {
                container.close();
            }
        } finally {
            if (ehr != null) {
                ehr.close();
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
    @DisplayName("finds a patient by MRN for the practice of the access token, through the adapter outside the WAR")
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
                .header("Authorization", "Bearer " + token(PRACTICE)).header("Content-Type", "application/fhir+json")
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
    @Order(6)
    @DisplayName("serves the developer pages without a token, with the public FHIR base in the examples")
    void developerPages() throws Exception {
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(container.gatewayUri().resolve("docs/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.body()).contains("<html lang=\"en\">").contains(container.gatewayUri() + "fhir/metadata")
                .contains("<tr id=\"type-Patient\">");
        HttpResponse<String> patient = HTTP.send(HttpRequest.newBuilder(container.gatewayUri()
                .resolve("docs/Patient.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(patient.body()).contains("US Core Patient Profile").contains(container.gatewayUri() + "fhir/Patient/$ID");
    }

    @Test
    @Order(7)
    @DisplayName("answers what the container would otherwise answer with its own page (unknown paths and methods, RDF/Turtle) with an OperationOutcome")
    void operationOutcomesFromTheWebApplication() throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(container.gatewayUri().resolve("no-such-endpoint")).GET().build(),
                HttpRequest.newBuilder(container.gatewayUri().resolve("health/live"))
                        .method("BREW", HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(container.gatewayUri().resolve("fhir/metadata?_format=ttl")).GET().build())) {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(request.uri().toString()).isIn(404, 405, 406);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("fhir+json"));
            assertThat(parse(r.body(), OperationOutcome.class).getIssue()).isNotEmpty();
        }
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

    /** GET below the gateway's context root, with an access token of the practice's demo client unless null. */
    protected HttpResponse<String> get(String path, String pin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(container.gatewayUri().resolve(path))
                .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(60));
        if (pin != null) {
            b.header("Authorization", "Bearer " + token(pin));
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * An access token of the practice's demo client for the container's gateway, from the sample EHR's
     * development authorization server, asked for with {@code resource} as deploy.md's trial recipe does.
     */
    protected String token(String pin) throws Exception {
        CachedToken cached = tokens.get(pin);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return cached.token();
        }
        String token = demoToken(ehr.tokenEndpoint(), pin, container.gatewayUri() + "fhir");
        tokens.put(pin, new CachedToken(token, Instant.now().plus(TOKEN_REUSE)));
        return token;
    }

    /** An access token of the practice's demo client for the gateway at {@code audience} (asked with {@code resource}). */
    static String demoToken(URI tokenEndpoint, String pin, String audience) throws Exception {
        String basic = Base64.getEncoder().encodeToString((DemoClients.clientId(pin) + ":" + DemoClients.secret(pin))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(tokenEndpoint)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode("system/*.rs", StandardCharsets.UTF_8) + "&resource="
                        + URLEncoder.encode(audience, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private record CachedToken(String token, Instant until) {
    }

    private static <T extends IBaseResource> T parse(String body, Class<T> type) {
        return FHIR.newJsonParser().parseResource(type, body);
    }

    /** For subclasses' messages. */
    URI gatewayUri() {
        return container.gatewayUri();
    }
}
