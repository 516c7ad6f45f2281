package dev.fhirgateway.sample;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.fhirgateway.sample.auth.TokenClient;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher without the real gateway: an empty stand-in WAR, the embedded H2 database in a temporary
 * directory, and the adapter connecting through the H2 TCP bridge the launcher hands the gateway.
 */
class SampleEhrServerTest {

    @TempDir
    Path dir;

    private SampleEhrOptions options;

    @BeforeEach
    void options() throws IOException {
        Path pluginDir = Files.createDirectories(dir.resolve("adapter-plugin"));
        options = SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0).withDataDir(dir.resolve("data"))
                .withWar(emptyWar(dir.resolve("gateway.war"))).withPluginDir(pluginDir);
    }

    @Test
    void servesTheEhrPageFromTheSeededDatabase() throws Exception {
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(server.baseUri().getPort()).isPositive();
            assertThat(server.ehrPageUri().toString()).isEqualTo(server.baseUri() + "ehr/");
            assertThat(server.gatewayBaseUri().toString()).isEqualTo(server.baseUri() + "fhir-gateway/fhir/");

            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.ehrPageUri()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
            for (String pin : SeedData.PRACTICE_PINS) {
                assertThat(page.body()).contains("PIN <code>" + pin + "</code>");
            }
            assertThat(server.practices(3)).extracting(PracticeDirectory.PracticeOverview::pin)
                    .containsExactlyElementsOf(SeedData.PRACTICE_PINS);
            assertThat(server.practices(3)).allSatisfy(p -> assertThat(p.firstPatients()).hasSize(3));
        }
    }

    @Test
    void givesTheAdapterALoopbackTcpUrlToTheEmbeddedDatabase() throws Exception {
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(server.adapterJdbcUrl())
                    .startsWith("jdbc:h2:tcp://127.0.0.1:")
                    .endsWith(dir.resolve("data").resolve("ehr").toAbsolutePath().toString());

            try (EhrAdapter adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of(
                    "jdbc.url", server.adapterJdbcUrl())))) {
                var page = adapter.search(new CallContext("1001", "test", Instant.now().plusSeconds(10)),
                        new SearchRequest("Patient", List.of(new SearchCriterion("identifier",
                                List.of(new SearchValue.Token(null, SeedData.SHARED_MRN)))), 10, null));
                assertThat(page.resources()).singleElement().isInstanceOfSatisfying(Patient.class,
                        p -> assertThat(p.getNameFirstRep().getFamily()).isEqualTo("Müller"));
            }
        }
    }

    @Test
    void servesTheDatabaseOnTheChosenH2PortAndIssuesTokensForAnotherGatewayOnRequest() throws Exception {
        int h2Port = 18431;
        String standalone = "http://127.0.0.1:18432/fhir-gateway/fhir";
        try (SampleEhrServer server = SampleEhrServer.start(options.withH2Port(h2Port).withTokenAudience(standalone))) {
            assertThat(server.adapterJdbcUrl()).startsWith("jdbc:h2:tcp://127.0.0.1:" + h2Port + "/");
            HTTPResponse own = TokenClient.requestWithSecret(server.tokenEndpoint(), "demo-1001", "demo-1001-secret",
                    "system/*.rs");
            assertThat(SignedJWT.parse(TokenClient.accessToken(own)).getJWTClaimsSet().getAudience())
                    .containsExactly(server.gatewayBaseUri().toString().replaceAll("/$", ""));
            HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.tokenEndpoint())
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "demo-1001:demo-1001-secret".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=system/*.rs&resource="
                            + URLEncoder.encode(standalone, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            String token = other.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(standalone);
        }
    }

    @Test
    void keepsTheDataAcrossRestartsWithoutSeedingAgain() throws Exception {
        long first;
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            first = server.practices(0).stream().mapToLong(PracticeDirectory.PracticeOverview::patientCount).sum();
        }
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(server.practices(0).stream().mapToLong(PracticeDirectory.PracticeOverview::patientCount).sum())
                    .isEqualTo(first)
                    .isEqualTo(SeedData.practices().stream().mapToLong(p -> p.patients().size()).sum()
                            + SeedData.importedPatientCount());
        }
    }

    @Test
    void refusesToStartWithoutTheGatewayWar() {
        SampleEhrOptions noWar = options.withWar(dir.resolve("missing.war"));
        assertThatThrownBy(() -> SampleEhrServer.start(noWar))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway WAR not found");
    }

    /** A WAR with nothing but a deployment descriptor, standing in for the gateway. */
    private static Path emptyWar(Path war) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\""
                    + " metadata-complete=\"true\"/>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return war;
    }
}
