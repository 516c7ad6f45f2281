package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.ProcedurePerformedColumns;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Procedure into {@code procedure_performed}. When it was performed is a moment or a period; a moment also
 * fills the end's range columns with its own range, so one period search finds both (see V20).
 */
final class ProcedureImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Procedure";
    }

    @Override
    public String table() {
        return ProcedurePerformedColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("basedOn", "status", "code", "subject", "encounter", "performed", "performer", "location",
                "reasonReference");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Procedure p = (Procedure) resource;
        Map<String, Object> row = context.row(p);
        row.put(ProcedurePerformedColumns.PATIENT_ID,
                RequiredPatient.internalId(context, p.getSubject(), "subject", p));
        row.put(ProcedurePerformedColumns.STATUS, p.getStatus().toCode());
        Codes.put(row, ProcedurePerformedColumns.CODE, p.getCode(), context, "code");
        putPerformed(context, row, p);
        row.put(ProcedurePerformedColumns.ENCOUNTER_ID, context.internalId(p.getEncounter(), "encounter", "Encounter"));
        row.put(ProcedurePerformedColumns.LOCATION_ID, context.internalId(p.getLocation(), "location", "Location"));
        row.put(ProcedurePerformedColumns.PERFORMER_ID, p.hasPerformer()
                ? context.internalId(p.getPerformerFirstRep().getActor(), "performer.actor", "Practitioner") : null);
        if (p.getPerformer().size() > 1) {
            context.notMapped("performer", "only the first performer is kept");
        }
        row.put(ProcedurePerformedColumns.REASON_DIAGNOSIS_ID, p.hasReasonReference()
                ? context.internalId(p.getReasonReferenceFirstRep(), "reasonReference", "Condition") : null);
        if (p.getReasonReference().size() > 1) {
            context.notMapped("reasonReference", "only the first reason is kept");
        }
        putBasedOn(context, row, p);
        context.insert(ProcedurePerformedColumns.TABLE, row);
    }

    static void putPerformed(ImportContext context, Map<String, Object> row, Procedure p) {
        if (p.hasPerformedPeriod()) {
            Period period = p.getPerformedPeriod();
            row.put(ProcedurePerformedColumns.PERFORMED_OVER_PERIOD, true);
            ClinicalTime.put(row, ProcedurePerformedColumns.PERFORMED_START, period.hasStart()
                    ? period.getStartElement().getValueAsString()
                    : null);
            ClinicalTime.put(row, ProcedurePerformedColumns.PERFORMED_END, period.hasEnd()
                    ? period.getEndElement().getValueAsString() : null);
            return;
        }
        String moment = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValueAsString() : null;
        if (p.hasPerformed() && moment == null) {
            context.notMapped("performed", "only a date and time or a period is kept");
        }
        row.put(ProcedurePerformedColumns.PERFORMED_OVER_PERIOD, moment == null ? null : false);
        ClinicalTime.put(row, ProcedurePerformedColumns.PERFORMED_START, moment);
        ClinicalTime.put(row, ProcedurePerformedColumns.PERFORMED_END, moment);
        row.put(ProcedurePerformedColumns.PERFORMED_END + ColumnGroups.TEXT, null);
    }

    private static void putBasedOn(ImportContext context, Map<String, Object> row, Procedure p) {
        for (Reference basedOn : p.getBasedOn()) {
            String target = context.target(basedOn);
            if (target == null || row.get(ProcedurePerformedColumns.BASED_ON_CARE_PLAN_ID) != null
                    || row.get(ProcedurePerformedColumns.BASED_ON_REF_TYPE) != null) {
                context.notMapped("basedOn", "one order per procedure is kept");
            } else if (target.startsWith("CarePlan/")) {
                row.put(ProcedurePerformedColumns.BASED_ON_CARE_PLAN_ID,
                        context.internalId(basedOn, "basedOn", "CarePlan"));
            } else if (target.startsWith("ServiceRequest/")) {
                row.put(ProcedurePerformedColumns.BASED_ON_REF_TYPE, "ServiceRequest");
                row.put(ProcedurePerformedColumns.BASED_ON_REF_ID, target.substring("ServiceRequest/".length()));
            } else {
                context.notMapped("basedOn", "refers to neither a care plan nor an order");
            }
        }
    }
}
