package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.AllergyColumns;
import dev.fhirgateway.sample.adapter.schema.AllergyReactionColumns;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;

/** An AllergyIntolerance into the allergy list ({@code allergy}, {@code allergy_reaction}). */
final class AllergyIntoleranceImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "AllergyIntolerance";
    }

    @Override
    public String table() {
        return AllergyColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("clinicalStatus", "verificationStatus", "category", "criticality", "code", "patient",
                "encounter", "onset", "recordedDate", "recorder", "reaction");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        AllergyIntolerance a = (AllergyIntolerance) resource;
        Map<String, Object> row = context.row(a);
        row.put(AllergyColumns.PATIENT_ID, required(context.internalId(a.getPatient(), "patient", "Patient"), a));
        Codes.putStatus(row, AllergyColumns.CLINICAL_STATUS, a.getClinicalStatus());
        Codes.putStatus(row, AllergyColumns.VERIFICATION_STATUS, a.getVerificationStatus());
        row.put(AllergyColumns.CATEGORY, a.hasCategory() ? a.getCategory().get(0).getValueAsString() : null);
        row.put(AllergyColumns.CRITICALITY, a.hasCriticality() ? a.getCriticality().toCode() : null);
        Codes.put(row, AllergyColumns.ALLERGEN, a.getCode(), context, "code");
        ClinicalTime.put(row, AllergyColumns.ONSET,
                a.hasOnsetDateTimeType() ? a.getOnsetDateTimeType().getValueAsString() : null);
        row.put(AllergyColumns.RECORDED_AT_TEXT,
                a.hasRecordedDate() ? a.getRecordedDateElement().getValueAsString() : null);
        row.put(AllergyColumns.RECORDED_BY_ID, context.internalId(a.getRecorder(), "recorder", "Practitioner"));
        row.put(AllergyColumns.ENCOUNTER_ID, context.internalId(a.getEncounter(), "encounter", "Encounter"));
        long allergyId = context.insert(AllergyColumns.TABLE, row);
        for (AllergyIntolerance.AllergyIntoleranceReactionComponent reaction : a.getReaction()) {
            for (CodeableConcept manifestation : reaction.getManifestation()) {
                Map<String, Object> r = new java.util.LinkedHashMap<>();
                r.put(AllergyReactionColumns.ALLERGY_ID, allergyId);
                Codes.put(r, AllergyReactionColumns.MANIFESTATION, manifestation, context, "reaction.manifestation");
                r.put(AllergyReactionColumns.SEVERITY, reaction.hasSeverity() ? reaction.getSeverity().toCode() : null);
                context.insert(AllergyReactionColumns.TABLE, r);
            }
        }
    }

    private static long required(Long id, Resource r) {
        if (id == null) {
            throw new ImportException(r.fhirType() + "/" + r.getIdElement().getIdPart()
                    + " refers to a patient the EHR does not hold");
        }
        return id;
    }
}
