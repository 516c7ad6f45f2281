package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.AllergyColumns;
import dev.fhirgateway.sample.adapter.schema.AllergyReactionColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Resource;

/** The allergy list ({@code allergy}, {@code allergy_reaction}) as US Core AllergyIntolerance. */
final class AllergyIntoleranceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance";
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("clinical-status", CLINICAL_STATUS, "r." + AllergyColumns.CLINICAL_STATUS);

    AllergyIntoleranceTable() {
        super("AllergyIntolerance",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(AllergyColumns.TABLE, AllergyColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "rb", AllergyColumns.RECORDED_BY_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", AllergyColumns.ENCOUNTER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", rb." + PractitionerColumns.PUBLIC_ID
                        + " AS recorder_public_id,"
                        + " e." + EncounterColumns.PUBLIC_ID + " AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("reactions", AllergyReactionColumns.TABLE,
                AllergyReactionColumns.ALLERGY_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId(row.string(AllergyColumns.PUBLIC_ID));
        allergy.getMeta().addProfile(PROFILE);
        allergy.setClinicalStatus(FhirValues.statusConcept(row, CLINICAL_STATUS, AllergyColumns.CLINICAL_STATUS));
        allergy.setVerificationStatus(
                FhirValues.statusConcept(row, VERIFICATION_STATUS, AllergyColumns.VERIFICATION_STATUS));
        if (row.has(AllergyColumns.CATEGORY)) {
            allergy.addCategory(
                    AllergyIntolerance.AllergyIntoleranceCategory.fromCode(row.string(AllergyColumns.CATEGORY)));
        }
        if (row.has(AllergyColumns.CRITICALITY)) {
            allergy.setCriticality(
                    AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(row.string(AllergyColumns.CRITICALITY)));
        }
        allergy.setCode(FhirValues.concept(row, AllergyColumns.ALLERGEN));
        allergy.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        allergy.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        allergy.setOnset(FhirValues.dateTime(row, AllergyColumns.ONSET));
        if (row.has(AllergyColumns.RECORDED_AT_TEXT)) {
            allergy.setRecordedDateElement(
                    new org.hl7.fhir.r4.model.DateTimeType(row.string(AllergyColumns.RECORDED_AT_TEXT)));
        }
        allergy.setRecorder(FhirValues.reference("Practitioner", row.string("recorder_public_id")));
        for (TableRow reaction : row.children("reactions")) {
            AllergyIntolerance.AllergyIntoleranceReactionComponent r = allergy.addReaction();
            r.addManifestation(FhirValues.concept(reaction, AllergyReactionColumns.MANIFESTATION));
            if (reaction.has(AllergyReactionColumns.SEVERITY)) {
                r.setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.fromCode(
                        reaction.string(AllergyReactionColumns.SEVERITY)));
            }
        }
        return allergy;
    }
}
