package dev.fhirgateway.sample.fhirimport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fhirgateway.sample.EhrDatabase;
import dev.fhirgateway.sample.adapter.SampleEhrAdapterProvider;
import dev.fhirgateway.spi.AdapterConfig;
import dev.fhirgateway.spi.CallContext;
import dev.fhirgateway.spi.EhrAdapter;
import dev.fhirgateway.spi.SearchCriterion;
import dev.fhirgateway.spi.SearchRequest;
import dev.fhirgateway.spi.SearchValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Observations land in the table that keeps their kind, with what that table keeps. */
class ObservationImporterTest {

    private static final String CATEGORY = ObservationRouting.CATEGORY;
    private static final String LOINC = ObservationRouting.LOINC;

    private final String url = "jdbc:h2:mem:obs-import-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final EhrDatabase database = EhrDatabase.open(url, "sa", "");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aBloodPressureGoesToTheFlowsheetWithItsComponentsItsPeriodStartAndItsPeriodEndKept() {
        Observation bp = observation("bp-1", CATEGORY, "vital-signs", "85354-9");
        bp.setEffective(new Period().setStartElement(new DateTimeType("2023-03-14T10:05:00-05:00"))
                .setEndElement(new DateTimeType("2023-03-14T10:10:00-05:00")));
        bp.addComponent().setCode(loinc("8480-6")).setValue(mmHg("128"));
        bp.addComponent().setCode(loinc("8462-4")).setValue(mmHg("84"));
        ImportReport report = importBundle(bp);

        Map<String, Object> row = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT vital_type, effective_text, effective_is_period, effective_end_text FROM vital_sign"
                        + " WHERE public_id = 'bp-1'")
                .mapToMap().one());
        assertThat(row).containsEntry("vital_type", "blood-pressure")
                .containsEntry("effective_text", "2023-03-14T10:05:00-05:00")
                .containsEntry("effective_is_period", false)
                .containsEntry("effective_end_text", "2023-03-14T10:10:00-05:00");
        List<BigDecimal> values = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT c.value_quantity FROM vital_sign_component c JOIN vital_sign v ON v.id = c.vital_sign_id"
                        + " WHERE v.public_id = 'bp-1' ORDER BY c.id").mapTo(BigDecimal.class).list());
        assertThat(values).extracting(BigDecimal::intValue).containsExactly(128, 84);
        assertThat(report.notMapped()).noneMatch(m -> m.contains("Observation/bp-1 effective"));
    }

    @Test
    void aSurveyIsAnAssessmentAnswerWithItsCategoriesAndLinks() {
        Observation survey = observation("survey-1", CATEGORY, "survey", "44250-9");
        survey.addCategory(new CodeableConcept(new Coding(ObservationRouting.US_CORE_CATEGORY, "sdoh", "SDOH")));
        survey.addHasMember(new Reference("Observation/q-1"));
        survey.addDerivedFrom(new Reference("QuestionnaireResponse/qr-1"));
        importBundle(survey);

        List<String> categories = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT c.category_code FROM assessment_answer_category c JOIN assessment_answer a"
                        + " ON a.id = c.assessment_answer_id WHERE a.public_id = 'survey-1' ORDER BY c.id")
                .mapTo(String.class).list());
        assertThat(categories).containsExactly("survey", "sdoh");
        List<String> links = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT l.link_type || ' ' || l.target_ref_type || '/' || l.target_ref_id FROM assessment_answer_link l"
                        + " JOIN assessment_answer a ON a.id = l.assessment_answer_id WHERE a.public_id = 'survey-1'"
                        + " ORDER BY l.id").mapTo(String.class).list());
        assertThat(links).containsExactly("has-member Observation/q-1", "derived-from QuestionnaireResponse/qr-1");
    }

    @Test
    void anObservationOfACategoryUsCore6DoesNotDefineIsReportedAndNotKept() {
        ImportReport report = importBundle(observation("pref-1", ObservationRouting.US_CORE_CATEGORY,
                "treatment-intervention-preference", "75773-2"));

        long kept = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM observation_record WHERE public_id = 'pref-1'").mapTo(Long.class).one());
        assertThat(kept).isZero();
        assertThat(report.skipped()).anyMatch(m -> m.startsWith("Observation/pref-1:")
                && m.contains("treatment-intervention-preference"));
        assertThat(report.imported()).doesNotContainKey("Observation");
    }

    @Test
    void importingTheSameObservationTwiceKeepsOneWhicheverTableHoldsIt() {
        importBundle(observation("lab-1", CATEGORY, "laboratory", "2339-0"));
        ImportReport again = importBundle(observation("lab-1", CATEGORY, "laboratory", "2339-0"));

        assertThat(again.skipped()).anyMatch(s -> s.contains("Observation/lab-1"));
        long rows = database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM test_result WHERE public_id = 'lab-1'").mapTo(Long.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void everyRecordedCategoryAndTheWordingOfCodesAreServedAndCategoriesSearchable() {
        String tags = "http://hl7.org/fhir/us/core/CodeSystem/us-core-tags";
        Observation smoking = observation("smoke-1", CATEGORY, "social-history", "72166-2");
        smoking.getCategoryFirstRep().setText("Social History").getCodingFirstRep().setDisplay("Social History");
        smoking.addCategory(new CodeableConcept().addCoding(new Coding(tags, "sdoh", "SDOH"))
                .addCoding(new Coding(ObservationRouting.US_CORE_CATEGORY, "sdoh", "SDOH")));
        smoking.setDataAbsentReason(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown")).setText("Not known"));
        importBundle(smoking);

        try (EhrAdapter adapter = new SampleEhrAdapterProvider().open(
                new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")))) {
            CallContext call = new CallContext("7007", "test", Instant.now().plusSeconds(30));
            Observation served = (Observation) adapter.read(call, "Observation", "smoke-1").orElseThrow();
            assertThat(served.getCategory()).hasSize(2);
            assertThat(served.getCategory().get(0).getText()).isEqualTo("Social History");
            assertThat(served.getCategory().get(0).getCodingFirstRep().getDisplay()).isEqualTo("Social History");
            assertThat(served.getCategory().get(1).getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                    .containsExactly(tags + "|sdoh", ObservationRouting.US_CORE_CATEGORY + "|sdoh");
            assertThat(served.getDataAbsentReason().getCodingFirstRep().getDisplay()).isEqualTo("Unknown");
            assertThat(served.getDataAbsentReason().getText()).isEqualTo("Not known");
            for (SearchValue.Token category : List.of(new SearchValue.Token(CATEGORY, "social-history"),
                    new SearchValue.Token(ObservationRouting.US_CORE_CATEGORY, "sdoh"),
                    new SearchValue.Token(null, "sdoh"))) {
                assertThat(adapter.search(call, new SearchRequest("Observation", List.of(new SearchCriterion(
                        "category", List.of(category))), 50, null)).resources())
                        .as("category=%s", category).extracting(r -> r.getIdElement().getIdPart())
                        .containsExactly("smoke-1");
            }
        }
    }

    private ImportReport importBundle(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient patient = new Patient();
        patient.setId("p-1");
        patient.addName().setFamily("Doe").addGiven("Jane");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-04-02"));
        bundle.addEntry().setFullUrl("Patient/p-1").setResource(patient);
        for (Resource r : resources) {
            bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r);
        }
        return new BundleImporter(database.jdbi()).importBundle("7007", bundle, "test");
    }

    private static Observation observation(String id, String categorySystem, String category, String code) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(new Coding(categorySystem, category, null)));
        o.setCode(loinc(code));
        o.setSubject(new Reference("Patient/p-1"));
        o.setEffective(new DateTimeType("2023-03-14"));
        return o;
    }

    private static CodeableConcept loinc(String code) {
        return new CodeableConcept(new Coding(LOINC, code, null));
    }

    private static Quantity mmHg(String value) {
        return new Quantity().setValue(new BigDecimal(value)).setUnit("mm[Hg]").setSystem("http://unitsofmeasure.org")
                .setCode("mm[Hg]");
    }
}
