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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The importers' choices for the problem list, procedures, immunizations and care teams: which list a Condition
 * lands on (the rows; the adapter claims the Problems or the Encounter Diagnosis profile from it), and, seen
 * through the adapter, how a moment and a period of a procedure come back and are searched, and which care-team
 * members are kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicalListsImportTest {

    private static final String PRACTICE = "4004";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category";

    private EhrDatabase database;
    private EhrAdapter adapter;
    private ImportReport report;

    @BeforeAll
    void importBundle() {
        String url = "jdbc:h2:mem:lists-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        database = EhrDatabase.open(url, "sa", "");
        Bundle bundle = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, BUNDLE);
        report = new BundleImporter(database.jdbi()).importBundle(PRACTICE, bundle, "test bundle");
        adapter = new SampleEhrAdapterProvider().open(new AdapterConfig(Map.of("jdbc.url", url, "jdbc.user", "sa")));
    }

    @AfterAll
    void close() {
        adapter.close();
        database.close();
    }

    @Test
    void problemListEntriesAndHealthConcernsGoOnTheProblemList() {
        assertThat(listKind("problem")).isEqualTo("problem-list");
        assertThat(listKind("concern")).isEqualTo("problem-list");
        // Each category as recorded: the SDOH category's first coding (a US Core tag) in its row, the US Core
        // category coding of the same concept among its further codes, and its text; all served back, and found
        // by a category search on either coding.
        assertThat(categories("problem")).containsExactly(CATEGORY + "|problem-list-item",
                "http://hl7.org/fhir/us/core/CodeSystem/us-core-tags|sdoh");
        org.hl7.fhir.r4.model.Condition served = read(org.hl7.fhir.r4.model.Condition.class, "problem");
        assertThat(served.getCategory().get(1).getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://hl7.org/fhir/us/core/CodeSystem/us-core-tags|sdoh",
                        "http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh");
        assertThat(served.getCategory().get(1).getText()).isEqualTo("Social Determinants Of Health");
        assertThat(ids("Condition", "category", new SearchValue.Token(
                "http://hl7.org/fhir/us/core/CodeSystem/us-core-category", "sdoh"))).contains("problem");
        assertThat(diagnosis("problem").get("asserted_text")).isEqualTo("2016-08-10");
        assertThat(diagnosis("problem").get("asserted_local_start"))
                .isEqualTo(Timestamp.valueOf("2016-08-10 00:00:00"));
    }

    @Test
    void aConditionWithoutAKnownCategoryIsFiledAsAnEncounterDiagnosis() {
        assertThat(listKind("no-category")).isEqualTo("encounter");
        assertThat(categories("no-category")).containsExactly(CATEGORY + "|encounter-diagnosis");
        assertThat(report.notMapped()).anyMatch(m -> m.startsWith("Condition/no-category category"));
    }

    @Test
    void aProcedureDoneAtOneMomentComesBackAsADateTimeAndIsFoundByItsDay() {
        Procedure moment = read(Procedure.class, "moment");
        assertThat(moment.hasPerformedDateTimeType()).isTrue();
        assertThat(moment.getPerformedDateTimeType().getValueAsString()).isEqualTo("2020-03-01T10:00:00-05:00");
        Procedure period = read(Procedure.class, "period");
        assertThat(period.getPerformedPeriod().getStartElement().getValueAsString())
                .isEqualTo("2020-03-05T09:00:00-05:00");
        assertThat(period.getPerformedPeriod().hasEnd()).isFalse();

        assertThat(ids("Procedure", "date", date(SearchValue.Prefix.EQ, "2020-03-01"))).containsExactly("moment");
        // The period has no end: it goes on, so it is after any day since its start, the moment is not.
        assertThat(ids("Procedure", "date", date(SearchValue.Prefix.GT, "2020-06-01"))).containsExactly("period");
    }

    @Test
    void anImmunizationTimeGivenAsTextIsKeptAsADateTimeWhenItReadsAsOne() {
        Immunization parsed = read(Immunization.class, "time-as-text");
        assertThat(parsed.hasOccurrenceDateTimeType()).isTrue();
        assertThat(ids("Immunization", "date", date(SearchValue.Prefix.EQ, "2021-10-01")))
                .containsExactly("time-as-text");
        Immunization words = read(Immunization.class, "words");
        assertThat(words.hasOccurrenceStringType()).isTrue();
        assertThat(words.getOccurrenceStringType().getValue()).isEqualTo("autumn 2019");
    }

    @Test
    void careTeamMembersOfOtherRecordsAreKeptAsReferencesAndUnknownOnesLeftOut() {
        CareTeam team = read(CareTeam.class, "team");
        assertThat(team.getParticipant()).extracting(p -> p.getMember().getReference())
                .containsExactly("Patient/p1", "RelatedPerson/mother-of-p1");
        assertThat(report.notMapped()).anyMatch(m -> m.startsWith("CareTeam/team participant.member"));
        assertThat(ids("CareTeam", "role", new SearchValue.Token("http://snomed.info/sct", "116154003")))
                .containsExactly("team");
    }

    private Map<String, Object> diagnosis(String publicId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM diagnosis WHERE public_id = :id")
                .bind("id", publicId).mapToMap().one());
    }

    private String listKind(String publicId) {
        return (String) diagnosis(publicId).get("list_kind");
    }

    private List<String> categories(String publicId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT c.category_system || '|' || c.category_code"
                + " FROM diagnosis_category c JOIN diagnosis d ON d.id = c.diagnosis_id WHERE d.public_id = :id"
                + " ORDER BY c.id").bind("id", publicId).mapTo(String.class).list());
    }

    private <T extends Resource> T read(Class<T> type, String id) {
        Resource resource = adapter.read(context(), type.getSimpleName(), id).orElseThrow();
        return type.cast(resource);
    }

    private List<String> ids(String type, String parameter, SearchValue value) {
        return adapter.search(context(), new SearchRequest(type, List.of(new SearchCriterion(parameter,
                List.of(value))), 50, null)).resources().stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private static SearchValue.Date date(SearchValue.Prefix prefix, String day) {
        return new SearchValue.Date(prefix, LocalDateTime.parse(day + "T00:00:00"), SearchValue.Date.Precision.DAY,
                null);
    }

    private static CallContext context() {
        return new CallContext(PRACTICE, "test", Instant.now().plusSeconds(30));
    }

    private static final String BUNDLE = """
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"resource": {"resourceType": "Patient", "id": "p1", "gender": "female", "birthDate": "1980-02-03",
                "name": [{"family": "Test", "given": ["Pat"]}]}},
              {"resource": {"resourceType": "Condition", "id": "problem",
                "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/condition-assertedDate",
                  "valueDateTime": "2016-08-10"}],
                "category": [
                  {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
                    "code": "problem-list-item"}]},
                  {"coding": [{"system": "http://hl7.org/fhir/us/core/CodeSystem/us-core-tags", "code": "sdoh"},
                    {"system": "http://hl7.org/fhir/us/core/CodeSystem/us-core-category", "code": "sdoh"}],
                  "text": "Social Determinants Of Health"}],
                "code": {"text": "Food insecurity"}, "subject": {"reference": "Patient/p1"}}},
              {"resource": {"resourceType": "Condition", "id": "concern",
                "category": [{"coding": [{"system": "http://hl7.org/fhir/us/core/CodeSystem/condition-category",
                  "code": "health-concern"}]}],
                "code": {"text": "Worried about falls"}, "subject": {"reference": "Patient/p1"}}},
              {"resource": {"resourceType": "Condition", "id": "no-category",
                "category": [{"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason",
                  "valueCode": "unknown"}]}],
                "code": {"text": "Sore throat"}, "subject": {"reference": "Patient/p1"}}},
              {"resource": {"resourceType": "Procedure", "id": "moment", "status": "completed",
                "code": {"text": "Flu swab"}, "subject": {"reference": "Patient/p1"},
                "performedDateTime": "2020-03-01T10:00:00-05:00"}},
              {"resource": {"resourceType": "Procedure", "id": "period", "status": "in-progress",
                "code": {"text": "Physical therapy"}, "subject": {"reference": "Patient/p1"},
                "performedPeriod": {"start": "2020-03-05T09:00:00-05:00"}}},
              {"resource": {"resourceType": "Immunization", "id": "time-as-text", "status": "completed",
                "vaccineCode": {"text": "Influenza"}, "patient": {"reference": "Patient/p1"},
                "occurrenceString": "2021-10-01T09:30:00-04:00"}},
              {"resource": {"resourceType": "Immunization", "id": "words", "status": "completed",
                "vaccineCode": {"text": "Tetanus"}, "patient": {"reference": "Patient/p1"},
                "occurrenceString": "autumn 2019", "primarySource": false}},
              {"resource": {"resourceType": "CareTeam", "id": "team", "status": "active",
                "subject": {"reference": "Patient/p1"},
                "participant": [
                  {"role": [{"coding": [{"system": "http://snomed.info/sct", "code": "116154003"}]}],
                    "member": {"reference": "Patient/p1"}},
                  {"role": [{"coding": [{"system": "http://snomed.info/sct", "code": "133932002"}]}],
                    "member": {"reference": "RelatedPerson/mother-of-p1"}},
                  {"role": [{"text": "Device"}], "member": {"reference": "Device/pump-1"}}]}}
            ]}
            """;
}
