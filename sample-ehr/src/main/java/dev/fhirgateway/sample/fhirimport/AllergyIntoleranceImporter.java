package dev.fhirgateway.sample.fhirimport;

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
        return "allergy";
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
        row.put("patient_id", required(context.internalId(a.getPatient(), "patient", "Patient"), a));
        Codes.putStatus(row, "clinical_status", a.getClinicalStatus());
        Codes.putStatus(row, "verification_status", a.getVerificationStatus());
        row.put("category", a.hasCategory() ? a.getCategory().get(0).getValueAsString() : null);
        row.put("criticality", a.hasCriticality() ? a.getCriticality().toCode() : null);
        Codes.put(row, "allergen", a.getCode(), context, "code");
        ClinicalTime.put(row, "onset", a.hasOnsetDateTimeType() ? a.getOnsetDateTimeType().getValueAsString() : null);
        row.put("recorded_at_text", a.hasRecordedDate() ? a.getRecordedDateElement().getValueAsString() : null);
        row.put("recorded_by_id", context.internalId(a.getRecorder(), "recorder", "Practitioner"));
        row.put("encounter_id", context.internalId(a.getEncounter(), "encounter", "Encounter"));
        long allergyId = context.insert("allergy", row);
        for (AllergyIntolerance.AllergyIntoleranceReactionComponent reaction : a.getReaction()) {
            for (CodeableConcept manifestation : reaction.getManifestation()) {
                Map<String, Object> r = new java.util.LinkedHashMap<>();
                r.put("allergy_id", allergyId);
                Codes.put(r, "manifestation", manifestation, context, "reaction.manifestation");
                r.put("severity", reaction.hasSeverity() ? reaction.getSeverity().toCode() : null);
                context.insert("allergy_reaction", r);
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
