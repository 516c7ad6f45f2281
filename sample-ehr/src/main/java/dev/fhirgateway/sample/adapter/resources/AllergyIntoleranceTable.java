package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Resource;

/** The allergy list ({@code allergy}, {@code allergy_reaction}) as US Core AllergyIntolerance. */
final class AllergyIntoleranceTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-allergyintolerance";
    static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
    static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("clinical-status", CLINICAL_STATUS, "r.clinical_status");

    AllergyIntoleranceTable() {
        super("AllergyIntolerance",
                List.of(PROFILE),
                "allergy r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN practitioner rb ON rb.id = r.recorded_by_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id",
                "r.*, p.public_id AS patient_public_id, rb.public_id AS recorder_public_id,"
                        + " e.public_id AS encounter_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("reactions", "allergy_reaction", "allergy_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        AllergyIntolerance allergy = new AllergyIntolerance();
        allergy.setId(row.string("public_id"));
        allergy.getMeta().addProfile(PROFILE);
        allergy.setClinicalStatus(FhirValues.statusConcept(row, CLINICAL_STATUS, "clinical_status"));
        allergy.setVerificationStatus(FhirValues.statusConcept(row, VERIFICATION_STATUS, "verification_status"));
        if (row.has("category")) {
            allergy.addCategory(AllergyIntolerance.AllergyIntoleranceCategory.fromCode(row.string("category")));
        }
        if (row.has("criticality")) {
            allergy.setCriticality(AllergyIntolerance.AllergyIntoleranceCriticality.fromCode(row.string("criticality")));
        }
        allergy.setCode(FhirValues.concept(row, "allergen"));
        allergy.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        allergy.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        allergy.setOnset(FhirValues.dateTime(row, "onset"));
        if (row.has("recorded_at_text")) {
            allergy.setRecordedDateElement(new org.hl7.fhir.r4.model.DateTimeType(row.string("recorded_at_text")));
        }
        allergy.setRecorder(FhirValues.reference("Practitioner", row.string("recorder_public_id")));
        for (TableRow reaction : row.children("reactions")) {
            AllergyIntolerance.AllergyIntoleranceReactionComponent r = allergy.addReaction();
            r.addManifestation(FhirValues.concept(reaction, "manifestation"));
            if (reaction.has("severity")) {
                r.setSeverity(AllergyIntolerance.AllergyIntoleranceSeverity.fromCode(reaction.string("severity")));
            }
        }
        return allergy;
    }
}
