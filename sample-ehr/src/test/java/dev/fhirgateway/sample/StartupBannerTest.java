package dev.fhirgateway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.fhirimport.BundleImporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The banner names example MRNs of the built-in fictional practices only, never of imported patients. */
class StartupBannerTest {

    private static final String IMPORTED_MRN_NEW_PRACTICE = "REAL-4242-001";
    private static final String IMPORTED_MRN_SEED_PRACTICE = "REAL-1001-001";

    @TempDir
    Path dir;

    @Test
    void printsExampleMrnsOfTheFictionalSeedOnly() throws Exception {
        SampleEhrOptions options = SampleEhrOptions.defaults().withHost("127.0.0.1").withPort(0)
                .withDataDir(dir.resolve("data")).withWar(emptyWar(dir.resolve("gateway.war")))
                .withPluginDir(Files.createDirectories(dir.resolve("adapter-plugin")));
        // Imported patients named to sort before every seed patient, in a new practice and in a seed practice.
        try (EhrDatabase database = EhrDatabase.open(options.effectiveJdbcUrl(), null, null)) {
            SeedData.seedIfEmpty(database.jdbi());
            BundleImporter importer = new BundleImporter(database.jdbi());
            importer.importFiles("4242", List.of(patientBundle("imported-1", IMPORTED_MRN_NEW_PRACTICE)));
            importer.importFiles("1001", List.of(patientBundle("imported-2", IMPORTED_MRN_SEED_PRACTICE)));
        }
        try (SampleEhrServer server = SampleEhrServer.start(options)) {
            String banner = StartupBanner.text(server);

            assertThat(banner).contains("PIN 4242").contains("PIN 1001")
                    .doesNotContain(IMPORTED_MRN_NEW_PRACTICE).doesNotContain(IMPORTED_MRN_SEED_PRACTICE);
            String firstSeedMrn = SeedData.practices().get(0).patients().stream()
                    .map(NewPatient::mrn).filter(banner::contains).findFirst().orElse(null);
            assertThat(firstSeedMrn).as("an MRN of the fictional seed as an example").isNotNull();
            assertThat(banner).contains("Patient?identifier=" + firstSeedMrn);
            assertThat(banner).as("the developer pages' URL")
                    .contains("  API docs:          " + server.gatewayBaseUri().resolve("../docs/"))
                    .containsPattern("http://127\\.0\\.0\\.1:\\d+/fhir-gateway/docs/ ");
        }
    }

    private Path patientBundle(String id, String mrn) throws IOException {
        String json = """
                {"resourceType": "Bundle", "type": "transaction", "entry": [{
                  "fullUrl": "Patient/%s",
                  "resource": {"resourceType": "Patient", "id": "%s",
                    "identifier": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                      "code": "MR"}]}, "system": "urn:example:mrn", "value": "%s"}],
                    "name": [{"use": "official", "family": "Aaberg", "given": ["Aaron"]}],
                    "gender": "male", "birthDate": "1970-01-01"},
                  "request": {"method": "POST", "url": "Patient"}}]}
                """.formatted(id, id, mrn);
        return Files.writeString(dir.resolve(id + ".json"), json, StandardCharsets.UTF_8);
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
