package dev.fhirgateway.sample.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.sample.fhirimport.BundleImporter;
import dev.fhirgateway.sample.fhirimport.ImportReport;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchPage;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import dev.fhirgateway.spi.kit.UsCoreValidation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's patients as the gateway's adapter serves them: fresh identities, at least 50 resources of many
 * types each, US Core conformant, only in their practice; and the bulk load leaves the database usable by the
 * ordinary importer.
 */
class GenerateCommandTest {

    private static final String PRACTICE = "8008";
    private static final int PATIENTS = 6;

    private String url;
    private EhrDatabase database;
    private EhrAdapter adapter;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:generate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterEach
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void everyPatientIsServedWithAFreshIdentityAndAtLeastFiftyConformantResourcesOfManyTypes() {
        GenerateCommand.Result result = generate(PATIENTS, 4);

        assertThat(result.patients()).isEqualTo(PATIENTS);
        Set<String> names = new HashSet<>();
        long served = 0;
        for (int i = 0; i < PATIENTS; i++) {
            String id = PracticeGenerator.patientId(PRACTICE, i);
            Patient patient = (Patient) adapter.read(call(PRACTICE), "Patient", id).orElseThrow();
            assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(PracticeGenerator.mrn(i));
            assertThat(patient.getNameFirstRep().getFamily()).isNotIn("Bosco882", "Ritchie586");
            names.add(patient.getNameFirstRep().getNameAsSingleString());
            List<Resource> record = recordOf(id);
            assertThat(record).as("resources of %s", id).hasSizeGreaterThanOrEqualTo(
                    PracticeGenerator.MIN_RESOURCES_PER_PATIENT - 1);  // and the Patient
            assertThat(record.stream().map(Resource::fhirType).distinct())
                    .contains("Observation", "Condition", "Encounter", "MedicationRequest", "Immunization",
                            "DocumentReference", "DiagnosticReport", "Procedure");
            served += record.size() + 1;
            if (i == 2) {
                List<String> errors = new ArrayList<>();
                record.forEach(r -> UsCoreValidation.errors(r).forEach(e -> errors.add(r.fhirType() + " " + e)));
                assertThat(errors).as("US Core errors in a generated (sampled) record").isEmpty();
            }
        }
        assertThat(names).as("names differ between patients").hasSizeGreaterThan(PATIENTS / 2);
        assertThat(served).as("resources served back vs generated").isLessThanOrEqualTo(result.resources());
        assertThat(adapter.read(call("1001"), "Patient", PracticeGenerator.patientId(PRACTICE, 0)))
                .as("another practice does not see them").isEmpty();
    }

    @Test
    void theSameSeedGivesTheSamePatients() {
        Bundle first = new Bundle();
        Bundle second = new Bundle();
        new PracticeGenerator(PRACTICE, 7).addPatient(first, 5);
        new PracticeGenerator(PRACTICE, 7).addPatient(second, 5);

        assertThat(second.getEntry()).hasSameSizeAs(first.getEntry());
        assertThat(((Patient) second.getEntryFirstRep().getResource()).getNameFirstRep().getNameAsSingleString())
                .isEqualTo(((Patient) first.getEntryFirstRep().getResource()).getNameFirstRep()
                        .getNameAsSingleString());
    }

    @Test
    void afterABulkLoadTheOrdinaryImporterStillWrites() {
        generate(3, 2);

        ImportReport report = new BundleImporter(database.jdbi())
                .importBundle(PRACTICE, new PracticeGenerator("other", 1).directory(), "directory again");
        Bundle more = new Bundle();
        new PracticeGenerator(PRACTICE, 1).addPatient(more, 3);
        ImportReport patient = new BundleImporter(database.jdbi()).importBundle(PRACTICE, more, "one more");

        assertThat(report.importedCount()).as("the directory was there already").isZero();
        assertThat(patient.importedCount()).isGreaterThanOrEqualTo(PracticeGenerator.MIN_RESOURCES_PER_PATIENT);
        assertThat(adapter.read(call(PRACTICE), "Patient", PracticeGenerator.patientId(PRACTICE, 3))).isPresent();
    }

    @Test
    void generatingThePracticeAgainIsRefusedAndKeepsWhatIsThere() {
        generate(2, 2);

        assertThatThrownBy(() -> generate(2, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds generated patients");
        assertThat(recordOf(PracticeGenerator.patientId(PRACTICE, 1))).isNotEmpty();
    }

    @Test
    void longRunsPrintProgressAndTheCommandLineIsChecked() {
        assertThat(GenerateCommand.parse(List.of("--practice", "9", "--patients", "10")).batch()).isEqualTo(100);
        assertThatThrownBy(() -> GenerateCommand.parse(List.of("--practice", "9")))
                .hasMessageContaining("--patients");
        assertThatThrownBy(() -> GenerateCommand.parse(List.of("--patients", "x", "--practice", "9")))
                .hasMessageContaining("Invalid value for option '--patients': 'x' is not an int");
        assertThat(GenerateCommand.batchedInserts("jdbc:postgresql://h/db"))
                .isEqualTo("jdbc:postgresql://h/db?reWriteBatchedInserts=true");
        assertThat(GenerateCommand.batchedInserts("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    }

    private GenerateCommand.Result generate(int patients, int batch) {
        return GenerateCommand.generate(database.jdbi(),
                new GenerateCommand.Invocation(PRACTICE, patients, 1, batch, url, "sa", ""),
                new PrintStream(new ByteArrayOutputStream(), true));
    }

    /** Every resource of the patient the adapter finds by {@code patient} searches (the Patient itself excluded). */
    private List<Resource> recordOf(String patientId) {
        List<Resource> all = new ArrayList<>();
        for (ResourceSupport type : adapter.supportedResources()) {
            if (type.searchParameter("patient").isEmpty()) {
                continue;
            }
            String cursor = null;
            do {
                SearchPage page = adapter.search(call(PRACTICE), new SearchRequest(type.resourceType(),
                        List.of(new SearchCriterion("patient",
                                List.of(new SearchValue.Reference("Patient", patientId)))), 100, cursor));
                all.addAll(page.resources());
                cursor = page.nextCursorIfAny().orElse(null);
            } while (cursor != null);
        }
        return all;
    }

    private static CallContext call(String practice) {
        return new CallContext(practice, "test", Instant.now().plusSeconds(30));
    }
}
