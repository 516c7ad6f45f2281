package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.sample.auth.TokenClient;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher without the real gateway: an empty stand-in WAR, the embedded H2 database in a temporary
 * directory, and the adapter connecting in process with the account the launcher hands the gateway.
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
    void givesTheAdapterTheEmbeddedDatabaseInProcessWithoutOpeningAPort() throws Exception {
        Set<Integer> listeningBefore = ListeningPorts.ofThisProcess();
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(server.adapterJdbcUrl())
                    .startsWith("jdbc:h2:" + dir.resolve("data").resolve("ehr").toAbsolutePath() + ";");
            // The HTTP port and nothing else: no H2 TCP server anyone on the host could log in to.
            assertThat(ListeningPorts.ofThisProcess()).containsExactlyInAnyOrderElementsOf(
                    union(listeningBefore, server.baseUri().getPort()));

            AdapterDatabaseAccount account = server.adapterAccount().orElseThrow();
            try (EhrAdapter adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of(
                    "jdbc.url", server.adapterJdbcUrl(), "jdbc.user", account.user(),
                    "jdbc.password", account.password())))) {
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
            assertThat(server.remoteAdapterDatabase().orElseThrow().jdbcUrl()).startsWith("jdbc:h2:tcp://127.0.0.1:" + h2Port + "/");
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
    void theDatabasePortRefusesThePasswordlessAdministrator() throws Exception {
        int h2Port = 18433;
        try (SampleEhrServer server = SampleEhrServer.start(options.withH2Port(h2Port))) {
            String remote = server.remoteAdapterDatabase().orElseThrow().jdbcUrl();
            assertThatThrownBy(() -> DriverManager.getConnection(remote, "", "").close())
                    .as("H2's default administrator without a password").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(remote, "sa", "").close())
                    .as("'sa' without a password").isInstanceOf(SQLException.class);
            Path secret = dir.resolve("data").resolve("ehr.admin-password");
            assertThat(secret).isRegularFile();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            try (Connection admin = DriverManager.getConnection(remote, "", Files.readString(secret).strip())) {
                assertThat(admin.isValid(2)).as("the administrator, with the password on file").isTrue();
            }
        }
        // The commands that open the embedded database as administrator (import, client, generate) use the same file.
        try (EhrDatabase again = EhrDatabase.open(options.effectiveJdbcUrl(), null, null)) {
            long patients = again.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM patient")
                    .mapTo(Long.class).one());
            assertThat(patients).isPositive();
        }
    }

    @Test
    void theAdapterAccountReadsRecordsButNotTheSigningKeyAndGetsANewPasswordEveryStart() throws Exception {
        AdapterDatabaseAccount first;
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            first = server.adapterAccount().orElseThrow();
            assertThat(first.user()).isNotEmpty();
            try (Connection adapter = DriverManager.getConnection(server.adapterJdbcUrl(), first.user(),
                    first.password()); Statement sql = adapter.createStatement()) {
                try (ResultSet patients = sql.executeQuery("SELECT COUNT(*) FROM patient")) {
                    assertThat(patients.next()).isTrue();
                    assertThat(patients.getLong(1)).isPositive();
                }
                for (String secret : List.of("SELECT jwk FROM auth_signing_key", "SELECT secret_hash FROM api_client",
                        "SELECT password_hash FROM ehr_user", "SELECT token_hash FROM auth_refresh_token",
                        "SELECT detail FROM registration_audit")) {
                    assertThatThrownBy(() -> sql.executeQuery(secret)).as(secret).isInstanceOf(SQLException.class);
                }
                assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM patient")).isInstanceOf(SQLException.class);
                // Not an administrator: cannot grant itself the key.
                assertThatThrownBy(() -> sql.execute("GRANT SELECT ON auth_signing_key TO " + first.user()))
                        .isInstanceOf(SQLException.class);
            }
        }
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            AdapterDatabaseAccount second = server.adapterAccount().orElseThrow();
            assertThat(second.password()).isNotEqualTo(first.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThatThrownBy(() -> DriverManager.getConnection(server.adapterJdbcUrl(), first.user(),
                    first.password()).close()).as("last start's password").isInstanceOf(SQLException.class);
        }
    }

    @Test
    void keepsTheDatabaseFilesReadableByTheOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX file permissions");
        Path data = dir.resolve("data");
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(data.resolve("ehr.mv.db")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        // A database left world-readable by an earlier version is restricted on the next start.
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("ehr.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(data.resolve("ehr.mv.db")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws Exception {
        InetAddress external = ListeningPorts.nonLoopbackAddress();
        Assumptions.assumeTrue(external != null, "a non-loopback interface to try");
        SampleEhrOptions byDefault = options.withHost(SampleEhrOptions.defaults().host());
        try (SampleEhrServer server = SampleEhrServer.start(byDefault)) {
            int port = server.baseUri().getPort();
            try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> new Socket(external, port).close()).isInstanceOf(IOException.class);
        }
    }

    private static Set<Integer> union(Set<Integer> ports, int port) {
        Set<Integer> all = new HashSet<>(ports);
        all.add(port);
        return all;
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
