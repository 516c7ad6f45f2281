package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ImmunizationColumns;
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
        return ImmunizationColumns.TABLE;
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
        row.put(ImmunizationColumns.PATIENT_ID, RequiredPatient.internalId(context, i.getPatient(), "patient", i));
        row.put(ImmunizationColumns.STATUS, i.getStatus().toCode());
        Codes.put(row, ImmunizationColumns.STATUS_REASON, i.getStatusReason(), context, "statusReason");
        Codes.put(row, ImmunizationColumns.VACCINE, i.getVaccineCode(), context, "vaccineCode");
        putOccurrence(row, i);
        row.put(ImmunizationColumns.PRIMARY_SOURCE, i.hasPrimarySource() ? i.getPrimarySource() : null);
        row.put(ImmunizationColumns.LOT_NUMBER, i.getLotNumber());
        row.put(ImmunizationColumns.ENCOUNTER_ID, context.internalId(i.getEncounter(), "encounter", "Encounter"));
        row.put(ImmunizationColumns.LOCATION_ID, context.internalId(i.getLocation(), "location", "Location"));
        row.put(ImmunizationColumns.PERFORMER_ID, i.hasPerformer()
                ? context.internalId(i.getPerformerFirstRep().getActor(), "performer.actor", "Practitioner") : null);
        if (i.getPerformer().size() > 1) {
            context.notMapped("performer", "only the first performer is kept");
        }
        context.insert(ImmunizationColumns.TABLE, row);
    }

    static void putOccurrence(Map<String, Object> row, Immunization i) {
        String text = i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType().getValueAsString()
                : i.hasOccurrenceStringType() ? i.getOccurrenceStringType().getValue() : null;
        try {
            ClinicalTime.put(row, ImmunizationColumns.OCCURRED, text);
        } catch (IllegalArgumentException e) {
            // Words such as "spring 2019": kept as written, without a range to search on.
            ClinicalTime.put(row, ImmunizationColumns.OCCURRED, null);
            row.put(ImmunizationColumns.OCCURRED + ColumnGroups.TEXT, text);
        }
    }
}
