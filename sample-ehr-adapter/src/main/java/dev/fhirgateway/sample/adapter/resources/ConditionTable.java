package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DiagnosisCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.DiagnosisColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
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
    static final String PROBLEM_LIST = DiagnosisColumns.LIST_KIND_PROBLEM_LIST;

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenInChild("category", DiagnosisCategoryColumns.TABLE + " c WHERE c."
                    + DiagnosisCategoryColumns.DIAGNOSIS_ID + " = r." + DiagnosisColumns.ID,
                    "c." + DiagnosisCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + DiagnosisCategoryColumns.CATEGORY + ColumnGroups.CODE)
            .tokenOfSystem("clinical-status", CLINICAL_STATUS, "r." + DiagnosisColumns.CLINICAL_STATUS)
            .date("onset-date", "r." + DiagnosisColumns.ONSET)
            .date("asserted-date", "r." + DiagnosisColumns.ASSERTED)
            .date("recorded-date", "r." + DiagnosisColumns.RECORDED)
            .date("abatement-date", "r." + DiagnosisColumns.ABATEMENT)
            .token("code", "r." + DiagnosisColumns.CODE + ColumnGroups.SYSTEM, "r." + DiagnosisColumns.CODE
                    + ColumnGroups.CODE)
            .reference("encounter", "Encounter", "e." + EncounterColumns.PUBLIC_ID);

    ConditionTable() {
        super("Condition",
                List.of(PROBLEMS_PROFILE, ENCOUNTER_DIAGNOSIS_PROFILE),
                ReferenceJoins.rowsWithPatient(DiagnosisColumns.TABLE, DiagnosisColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "rb", DiagnosisColumns.RECORDED_BY_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", DiagnosisColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", rb." + PractitionerColumns.PUBLIC_ID
                        + " AS recorder_public_id,"
                        + " e." + EncounterColumns.PUBLIC_ID + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", DiagnosisCategoryColumns.TABLE,
                DiagnosisCategoryColumns.DIAGNOSIS_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Condition condition = new Condition();
        condition.setId(row.string(DiagnosisColumns.PUBLIC_ID));
        condition.getMeta().addProfile(PROBLEM_LIST.equals(row.string(DiagnosisColumns.LIST_KIND)) ? PROBLEMS_PROFILE
                : ENCOUNTER_DIAGNOSIS_PROFILE);
        if (row.has(DiagnosisColumns.ASSERTED + "_text")) {
            condition.addExtension(ASSERTED_DATE, FhirValues.dateTime(row, DiagnosisColumns.ASSERTED));
        }
        condition.setClinicalStatus(FhirValues.statusConcept(row, CLINICAL_STATUS, DiagnosisColumns.CLINICAL_STATUS));
        condition.setVerificationStatus(
                FhirValues.statusConcept(row, VERIFICATION_STATUS, DiagnosisColumns.VERIFICATION_STATUS));
        for (TableRow category : row.children("categories")) {
            // Every coding and the text of the category, as recorded.
            condition.addCategory(FhirValues.concept(category, DiagnosisCategoryColumns.CATEGORY));
        }
        condition.setCode(FhirValues.concept(row, DiagnosisColumns.CODE));
        condition.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        condition.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        condition.setOnset(FhirValues.dateTime(row, DiagnosisColumns.ONSET));
        condition.setAbatement(FhirValues.dateTime(row, DiagnosisColumns.ABATEMENT));
        if (row.has(DiagnosisColumns.RECORDED + "_text")) {
            condition.setRecordedDateElement(FhirValues.dateTime(row, DiagnosisColumns.RECORDED));
        }
        condition.setRecorder(FhirValues.reference("Practitioner", row.string("recorder_public_id")));
        return condition;
    }
}
