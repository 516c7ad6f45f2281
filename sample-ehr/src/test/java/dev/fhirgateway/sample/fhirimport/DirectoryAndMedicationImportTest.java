package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The directory and medication importers and mappers on cases the Inferno seed does not cover: an Endpoint
 * contained in a PractitionerRole, a request by and reported by the patient, performers of several types,
 * identifiers kept apart from the NPI, and accent-insensitive address search.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryAndMedicationImportTest {

    private static final String PRACTICE = "9009";

    private EhrDatabase database;
    private EhrAdapter adapter;
    private ImportReport report;

    @BeforeAll
    void importBundle() throws Exception {
        String url = "jdbc:h2:mem:group-c-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, null, null);
        try (InputStream in = getClass().getResourceAsStream("/fhirimport/group-c-directory-and-medications.json")) {
            Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, in);
            report = new BundleImporter(database.jdbi()).importBundle(PRACTICE, bundle, "group-c-test");
        }
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url)));
    }

    @AfterAll
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void importsEveryResourceAndReportsNothingLost() {
        assertThat(report.importedCount()).isEqualTo(7);
        assertThat(report.notMapped()).isEmpty();
    }

    @Test
    void aContainedEndpointBecomesADirectoryEntryTheRoleRefersTo() {
        PractitionerRole role = (PractitionerRole) read("PractitionerRole", "t-role");
        assertThat(role.getEndpoint()).extracting(Reference::getReference).containsExactly("Endpoint/t-role-direct");
        assertThat(role.getPractitioner().getReference()).isEqualTo("Practitioner/t-pharmacist");
        String address = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT address FROM endpoint WHERE public_id = 't-role-direct'").mapTo(String.class).one());
        assertThat(address).isEqualTo("mailto:ines.nunez@direct.example.org");
    }

    @Test
    void aDirectAddressStaysMarkedAsDirect() {
        Practitioner practitioner = (Practitioner) read("Practitioner", "t-pharmacist");
        assertThat(practitioner.getTelecomFirstRep().getValue()).isEqualTo("ines.nunez@direct.example.org");
        assertThat(practitioner.getTelecomFirstRep()
                .getExtensionByUrl("http://hl7.org/fhir/us/core/StructureDefinition/us-core-direct").getValue())
                .hasToString("BooleanType[true]");
    }

    @Test
    void aRequestByThePatientAndOfACatalogDrugComesBackSo() {
        MedicationRequest request = (MedicationRequest) read("MedicationRequest", "t-request");
        assertThat(request.getRequester().getReference()).isEqualTo("Patient/t-patient");
        assertThat(request.getReportedReference().getReference()).isEqualTo("Patient/t-patient");
        assertThat(request.getMedicationReference().getReference()).isEqualTo("Medication/t-medication");
        assertThat(request.getAuthoredOnElement().getValueAsString()).isEqualTo("2023-12-31T23:30:00-08:00");
    }

    @Test
    void dispensePerformersKeepTheirTypesAndQuantitiesTheirValue() {
        MedicationDispense dispense = (MedicationDispense) read("MedicationDispense", "t-dispense");
        assertThat(dispense.getPerformer()).extracting(p -> p.getActor().getReference())
                .containsExactly("PractitionerRole/t-role", "Organization/t-pharmacy");
        assertThat(dispense.getAuthorizingPrescriptionFirstRep().getReference())
                .isEqualTo("MedicationRequest/t-request");
        assertThat(dispense.getQuantity().getValueElement().getValueAsString()).isEqualTo("480");
        assertThat(dispense.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity()
                .getValueElement().getValueAsString()).isEqualTo("10.5");
        assertThat(dispense.getDosageInstructionFirstRep().getTiming().getRepeat().getFrequency()).isEqualTo(2);
    }

    @Test
    void practitionerIdentifierSearchFindsTheNpiAndOtherIdentifiersEachUnderItsSystem() {
        assertThat(search("Practitioner", "identifier", new SearchValue.Token("urn:example:staff", "PH-77")))
                .containsExactly("t-pharmacist");
        assertThat(search("Practitioner", "identifier",
                new SearchValue.Token("http://hl7.org/fhir/sid/us-npi", "1987654320"))).containsExactly("t-pharmacist");
        assertThat(search("Practitioner", "identifier", new SearchValue.Token(null, "1987654320")))
                .containsExactly("t-pharmacist");
        assertThat(search("Practitioner", "identifier", new SearchValue.Token("urn:example:staff", "1987654320")))
                .isEmpty();
        assertThat(search("Practitioner", "identifier", new SearchValue.Token("", "PH-77"))).isEmpty();
    }

    @Test
    void addressAndNameSearchesIgnoreAccentsAndCoverEveryPart() {
        assertThat(search("Organization", "address", text("montreal", SearchValue.Text.Mode.STARTS_WITH)))
                .containsExactly("t-pharmacy");
        assertThat(search("Organization", "address", text("emile", SearchValue.Text.Mode.CONTAINS)))
                .containsExactly("t-pharmacy");
        assertThat(search("Organization", "address", text("QC", SearchValue.Text.Mode.EXACT)))
                .containsExactly("t-pharmacy");
        assertThat(search("Organization", "address", text("qc", SearchValue.Text.Mode.EXACT))).isEmpty();
        assertThat(search("Practitioner", "name", text("ines", SearchValue.Text.Mode.STARTS_WITH)))
                .containsExactly("t-pharmacist");
    }

    private static SearchValue.Text text(String value, SearchValue.Text.Mode mode) {
        return new SearchValue.Text(value, mode);
    }

    private Resource read(String type, String id) {
        return adapter.read(context(), type, id).orElseThrow();
    }

    private List<String> search(String type, String parameter, SearchValue value) {
        return adapter.search(context(), new SearchRequest(type, List.of(new SearchCriterion(parameter,
                List.of(value))), 10, null)).resources().stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private static CallContext context() {
        return new CallContext(PRACTICE, "group-c-test", Instant.now().plusSeconds(30));
    }
}
