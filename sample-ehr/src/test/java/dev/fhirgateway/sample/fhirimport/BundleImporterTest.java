package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.ResourceSupport;
import dev.fhirgateway.spi.kit.UsCoreValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundle import into the EHR's tables, checked by reading the records back through the adapter: the Inferno US Core
 * test patients import and are served back with their ids and conformant, a Bundle is imported whole or not at
 * all, re-imports change nothing, and what cannot be mapped is reported.
 */
class BundleImporterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String PRACTICE = "7007";

    private String url;
    private EhrDatabase database;
    private EhrAdapter adapter;
    private BundleImporter importer;

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        importer = new BundleImporter(database.jdbi());
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterEach
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void everyInfernoPatientImportsAndIsServedBackWithItsIdAndConformant() throws IOException {
        Set<String> served = adapter.supportedResources().stream().map(ResourceSupport::resourceType)
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : InfernoFixtures.patientBundles()) {
            Bundle bundle = parse(file);
            ImportReport report = importer.importBundle(PRACTICE, bundle, file.getFileName().toString());
            assertThat(report.importedCount()).as("resources imported from %s", file.getFileName()).isPositive();
            // Resources the EHR does not keep are reported as skipped, with the reason; the rest must come back.
            Set<String> skipped = report.skipped().stream().map(s -> s.substring(0, s.indexOf(':')))
                    .collect(Collectors.toSet());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                String id = resource.getIdElement().getIdPart();
                if (!served.contains(resource.fhirType()) || skipped.contains(resource.fhirType() + "/" + id)) {
                    continue;
                }
                Optional<Resource> back = adapter.read(call(), resource.fhirType(), id);
                if (back.isEmpty()) {
                    problems.add(resource.fhirType() + "/" + id + " from " + file.getFileName() + " is not served back");
                    continue;
                }
                checked++;
                UsCoreValidation.errors(back.get()).forEach(e -> problems.add(resource.fhirType() + "/" + id + " " + e));
            }
        }
        assertThat(checked).as("resources read back").isGreaterThan(5);
        assertThat(problems).as("imported resources not served back, or not conformant (0 errors required)").isEmpty();
    }

    @Test
    void theIdsOfTheBundleAreKeptAndTheNewPracticeIsCreated() throws IOException {
        importer.importFiles(PRACTICE, List.of(InfernoFixtures.file("uscore_bundle_patient_85.json")));

        assertThat(adapter.read(call(), "Patient", "85")).get()
                .satisfies(p -> assertThat(((Patient) p).getNameFirstRep().getFamily()).isEqualTo("Bosco882"));
        assertThat(adapter.read(new CallContext("1001", "test", Instant.now().plusSeconds(30)), "Patient", "85"))
                .as("another practice does not see the imported patient").isEmpty();
        int practices = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM practice WHERE pin = :pin")
                .bind("pin", PRACTICE).mapTo(Integer.class).one());
        assertThat(practices).isEqualTo(1);
    }

    @Test
    void aBundleIsImportedWholeOrNotAtAll() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.setId("whole-or-nothing");
        patient.addName().setFamily("Atomic").addGiven("Ann");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-01-01"));
        bundle.addEntry().setResource(patient);
        AllergyIntolerance orphan = new AllergyIntolerance();
        orphan.setId("orphan");
        orphan.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "300916003", "Latex allergy")));
        orphan.setPatient(new Reference("Patient/not-in-the-ehr"));
        bundle.addEntry().setResource(orphan);

        assertThatThrownBy(() -> importer.importBundle(PRACTICE, bundle, "broken.json"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("AllergyIntolerance/orphan");
        assertThat(adapter.read(call(), "Patient", "whole-or-nothing"))
                .as("the Patient of the failed Bundle was rolled back").isEmpty();
    }

    @Test
    void aDatabaseRefusalNamesTheConstraintButNotTheValues() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (String id : List.of("twin-1", "twin-2")) {
            Patient patient = new Patient();
            patient.setId(id);
            patient.addIdentifier().setValue("MRN-SECRET-77");
            patient.addName().setFamily("Twin").addGiven("Tess");
            patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-02-02"));
            bundle.addEntry().setResource(patient);
        }

        assertThatThrownBy(() -> importer.importBundle(PRACTICE, bundle, "twins.json"))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("twins.json")
                .hasMessageContaining("UQ_PATIENT_PRACTICE_MRN")
                .hasMessageNotContaining("MRN-SECRET-77")
                .hasNoCause();
    }

    @Test
    void importingTheSameBundleTwiceChangesNothing() throws IOException {
        Path file = InfernoFixtures.file("uscore_bundle_patient_client_test.json");
        ImportReport first = importer.importFiles(PRACTICE, List.of(file)).get(0);
        ImportReport second = importer.importFiles(PRACTICE, List.of(file)).get(0);

        assertThat(second.importedCount()).isZero();
        assertThat(second.skipped()).filteredOn(s -> s.endsWith("already in the EHR; left unchanged"))
                .hasSize(first.importedCount());
    }

    @Test
    void reportsWhatItCouldNotMapAndWhatItDoesNotKeep() throws IOException {
        ImportReport report = importer.importFiles(PRACTICE,
                List.of(InfernoFixtures.file("uscore_bundle_patient_client_test.json"),
                        InfernoFixtures.file("uscore_bundle_asserted-date.json"))).get(0);
        ImportReport conformance = importer.importFiles(PRACTICE,
                List.of(InfernoFixtures.file("uscore_bundle_asserted-date.json"))).get(0);

        // The client-test patient has a mother's maiden name, which the EHR does not record.
        assertThat(report.notMapped()).contains("Patient/us-core-client-tests-patient extension"
                + " (http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName)");
        assertThat(conformance.importedCount()).isZero();
        assertThat(conformance.skipped()).anySatisfy(s -> assertThat(s).contains("the EHR keeps no StructureDefinition"));
        assertThat(report.summary()).contains("imported").doesNotContain("Arnetta705");
    }

    @Test
    void aFileThatIsNotABundleIsRefusedWithItsName() {
        assertThatThrownBy(() -> importer.importFiles(PRACTICE, List.of(InfernoFixtures.file("uscore_group_1a.json"))))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("uscore_group_1a.json");
    }

    @Test
    void theCommandImportsIntoTheDatabaseTheEhrThenServes(@TempDir Path dir) throws Exception {
        String fileUrl = "jdbc:h2:file:" + dir.resolve("ehr") + ";DB_CLOSE_ON_EXIT=FALSE";
        ImportCommand.Invocation invocation = ImportCommand.parse(List.of("--practice", "4242", "--db", fileUrl,
                "--db-user", "sa", InfernoFixtures.file("uscore_bundle_patient_907.json").toString()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int exit = ImportCommand.run(invocation, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));

        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString()).contains("uscore_bundle_patient_907.json: imported");
        try (EhrAdapter onFile = new SampleEhrAdapterProvider().open(
                new AdapterConfig(Map.of("jdbc.url", fileUrl, "jdbc.user", "sa")))) {
            assertThat(onFile.read(new CallContext("4242", "test", Instant.now().plusSeconds(30)), "Patient", "907"))
                    .isPresent();
        }
    }

    @Test
    void theCommandLineIsChecked() {
        assertThatThrownBy(() -> ImportCommand.parse(List.of("x.json")))
                .hasMessageContaining("--practice");
        assertThatThrownBy(() -> ImportCommand.parse(List.of("--practice", "1001")))
                .hasMessageContaining("at least one Bundle");
        assertThatThrownBy(() -> ImportCommand.parse(List.of("--practice", "1001", "/no/such/file.json")))
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> ImportCommand.parse(List.of("--practice", "1001", "--frobnicate", "x")))
                .hasMessageContaining("--frobnicate");
    }

    private static CallContext call() {
        return new CallContext(PRACTICE, "test", Instant.now().plusSeconds(30));
    }

    private static Bundle parse(Path file) throws IOException {
        return FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
    }
}
