package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * The problem list and the encounter diagnoses ({@code diagnosis}, {@code diagnosis_category}) as US Core
 * Condition: entries of the problem list claim the Problems and Health Concerns profile, diagnoses made at an
 * encounter the Encounter Diagnosis profile.
 */
final class ConditionTable extends ResourceTable {

    static final String PROBLEMS_PROFILE =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-problems-health-concerns";
    static final String ENCOUNTER_DIAGNOSIS_PROFILE =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-condition-encounter-diagnosis";
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    static final String ASSERTED_DATE = "http://hl7.org/fhir/StructureDefinition/condition-assertedDate";
    /** {@code diagnosis.list_kind} of problem-list entries; the other kind is {@code encounter}. */
    static final String PROBLEM_LIST = "problem-list";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenInChild("category", "diagnosis_category c WHERE c.diagnosis_id = r.id", "c.category_system",
                    "c.category_code")
            .tokenOfSystem("clinical-status", CLINICAL_STATUS, "r.clinical_status")
            .date("onset-date", "r.onset")
            .date("asserted-date", "r.asserted")
            .date("recorded-date", "r.recorded")
            .date("abatement-date", "r.abatement")
            .token("code", "r.code_system", "r.code_code")
            .reference("encounter", "Encounter", "e.public_id");

    ConditionTable() {
        super("Condition",
                List.of(PROBLEMS_PROFILE, ENCOUNTER_DIAGNOSIS_PROFILE),
                "diagnosis r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN practitioner rb ON rb.id = r.recorded_by_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, rb.public_id AS recorder_public_id,"
                        + " e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", "diagnosis_category", "diagnosis_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Condition condition = new Condition();
        condition.setId(row.string("public_id"));
        condition.getMeta().addProfile(PROBLEM_LIST.equals(row.string("list_kind")) ? PROBLEMS_PROFILE
                : ENCOUNTER_DIAGNOSIS_PROFILE);
        if (row.has("asserted_text")) {
            condition.addExtension(ASSERTED_DATE, FhirValues.dateTime(row, "asserted"));
        }
        condition.setClinicalStatus(FhirValues.statusConcept(row, CLINICAL_STATUS, "clinical_status"));
        condition.setVerificationStatus(FhirValues.statusConcept(row, VERIFICATION_STATUS, "verification_status"));
        for (TableRow category : row.children("categories")) {
            // Every coding and the text of the category, as recorded.
            condition.addCategory(FhirValues.concept(category, "category"));
        }
        condition.setCode(FhirValues.concept(row, "code"));
        condition.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        condition.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        condition.setOnset(FhirValues.dateTime(row, "onset"));
        condition.setAbatement(FhirValues.dateTime(row, "abatement"));
        if (row.has("recorded_text")) {
            condition.setRecordedDateElement(FhirValues.dateTime(row, "recorded"));
        }
        condition.setRecorder(FhirValues.reference("Practitioner", row.string("recorder_public_id")));
        return condition;
    }
}
