package dev.fhirgateway.sample.fhirimport;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Resource;

/**
 * An Immunization into {@code immunization}. The time it was given is kept as a date and time; a time given only
 * as text is kept as a date and time when it reads as one, else as the text alone.
 */
final class ImmunizationImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Immunization";
    }

    @Override
    public String table() {
        return "immunization";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("status", "statusReason", "vaccineCode", "patient", "encounter", "occurrence",
                "primarySource", "lotNumber", "location", "performer");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Immunization i = (Immunization) resource;
        Map<String, Object> row = context.row(i);
        row.put("patient_id", RequiredPatient.internalId(context, i.getPatient(), "patient", i));
        row.put("status", i.getStatus().toCode());
        Codes.put(row, "status_reason", i.getStatusReason(), context, "statusReason");
        Codes.put(row, "vaccine", i.getVaccineCode(), context, "vaccineCode");
        putOccurrence(row, i);
        row.put("primary_source", i.hasPrimarySource() ? i.getPrimarySource() : null);
        row.put("lot_number", i.getLotNumber());
        row.put("encounter_id", context.internalId(i.getEncounter(), "encounter", "Encounter"));
        row.put("location_id", context.internalId(i.getLocation(), "location", "Location"));
        row.put("performer_id", i.hasPerformer()
                ? context.internalId(i.getPerformerFirstRep().getActor(), "performer.actor", "Practitioner") : null);
        if (i.getPerformer().size() > 1) {
            context.notMapped("performer", "only the first performer is kept");
        }
        context.insert("immunization", row);
    }

    static void putOccurrence(Map<String, Object> row, Immunization i) {
        String text = i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType().getValueAsString()
                : i.hasOccurrenceStringType() ? i.getOccurrenceStringType().getValue() : null;
        try {
            ClinicalTime.put(row, "occurred", text);
        } catch (IllegalArgumentException e) {
            // Words such as "spring 2019": kept as written, without a range to search on.
            ClinicalTime.put(row, "occurred", null);
            row.put("occurred_text", text);
        }
    }
}
