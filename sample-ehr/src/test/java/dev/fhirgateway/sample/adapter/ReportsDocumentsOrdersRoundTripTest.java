package dev.fhirgateway.sample.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.SeedData;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the EHR tables of reports, documents, orders and form responses give back after a seed import: the
 * elements whose storage is not one column per value (profile chosen by category, dateTime-or-Period times,
 * nested form items, a file whose data is absent) come back as the source Bundles had them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsDocumentsOrdersRoundTripTest {

    private EhrDatabase database;
    private EhrAdapter adapter;

    @BeforeAll
    void seed() {
        String url = "jdbc:h2:mem:roundtrip-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        SeedData.seedIfEmpty(database.jdbi());
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterAll
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void diagnosticReportsClaimTheLabProfileOnlyForLabReports() {
        for (String file : List.of("inferno/uscore_bundle_patient_85.json",
                "inferno/uscore_bundle_patient_client_test.json", "extras/group-d-1001.json")) {
            for (DiagnosticReport source : resources(file, DiagnosticReport.class)) {
                DiagnosticReport read = read("1001", source);
                assertThat(read.getMeta().getProfile()).extracting(p -> p.getValue())
                        .as(file + " DiagnosticReport/" + SeedBundles.idOf(source))
                        .containsExactlyElementsOf(source.getMeta().getProfile().stream().map(p -> p.getValue())
                                .toList());
                assertThat(Base.compareDeep(read.getEffective(), source.getEffective(), true))
                        .as("effective of DiagnosticReport/" + SeedBundles.idOf(source)).isTrue();
                assertThat(Base.compareDeep(read.getCategory(), source.getCategory(), true)).isTrue();
            }
        }
    }

    @Test
    void reportPeriodsComeBackAsPeriods() {
        List<DiagnosticReport> withPeriod = resources("inferno/uscore_bundle_patient_355.json", DiagnosticReport.class)
                .stream().filter(DiagnosticReport::hasEffectivePeriod).toList();
        assertThat(withPeriod).isNotEmpty();
        for (DiagnosticReport source : withPeriod) {
            assertThat(Base.compareDeep(read("2002", source).getEffective(), source.getEffective(), true)).isTrue();
        }
    }

    @Test
    void orderTimesKeepTheirForm() {
        for (ServiceRequest source
                : resources("inferno/uscore_bundle_patient_client_test.json", ServiceRequest.class)) {
            assertThat(read("1001", source).getOccurrenceDateTimeType().getValueAsString())
                    .isEqualTo(source.getOccurrenceDateTimeType().getValueAsString());
        }
        for (ServiceRequest source : resources("extras/group-d-1001.json", ServiceRequest.class)) {
            ServiceRequest read = read("1001", source);
            assertThat(Base.compareDeep(read.getOccurrence(), source.getOccurrence(), true)).isTrue();
            assertThat(Base.compareDeep(read.getReasonReference(), source.getReasonReference(), true)).isTrue();
        }
    }

    @Test
    void formItemsNestedBelowItemsAndAnswersComeBackInOrder() {
        QuestionnaireResponse source = resources("extras/group-d-1001.json", QuestionnaireResponse.class).get(0);
        QuestionnaireResponse read = read("1001", source);
        assertThat(Base.compareDeep(read.getItem(), source.getItem(), true)).as(FhirContext.forR4Cached()
                .newJsonParser().encodeResourceToString(read)).isTrue();
        assertThat(Base.compareDeep(read.getQuestionnaireElement(), source.getQuestionnaireElement(), true)).isTrue();
    }

    @Test
    void aDocumentFileWithoutDataKeepsWhyItIsAbsent() {
        DocumentReference source = resources("inferno/uscore_bundle_patient_355.json", DocumentReference.class).stream()
                .filter(d -> d.getContentFirstRep().getAttachment().getDataElement().hasExtension()).findFirst()
                .orElseThrow();
        DocumentReference read = read("2002", source);
        assertThat(Base.compareDeep(read.getContent(), source.getContent(), true)).isTrue();
        var data = read.getContentFirstRep().getAttachment().getDataElement();
        assertThat(data.getValue()).isNull();
        assertThat(data.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/data-absent-reason").getValue()
                .primitiveValue()).isEqualTo("error");
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> T read(String practice, T source) {
        String id = SeedBundles.idOf(source);
        return (T) adapter.read(new CallContext(practice, "test", Instant.now().plusSeconds(30)), source.fhirType(), id)
                .orElseThrow(() -> new AssertionError(source.fhirType() + "/" + id + " was not read back"));
    }

    private static <T extends Resource> List<T> resources(String file, Class<T> type) {
        return SeedBundles.resources(file, type);
    }
}
