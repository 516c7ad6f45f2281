package dev.fhirgateway.sample.fhirimport;

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
        return "procedure_performed";
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
        row.put("patient_id", RequiredPatient.internalId(context, p.getSubject(), "subject", p));
        row.put("status", p.getStatus().toCode());
        Codes.put(row, "code", p.getCode(), context, "code");
        putPerformed(context, row, p);
        row.put("encounter_id", context.internalId(p.getEncounter(), "encounter", "Encounter"));
        row.put("location_id", context.internalId(p.getLocation(), "location", "Location"));
        row.put("performer_id", p.hasPerformer()
                ? context.internalId(p.getPerformerFirstRep().getActor(), "performer.actor", "Practitioner") : null);
        if (p.getPerformer().size() > 1) {
            context.notMapped("performer", "only the first performer is kept");
        }
        row.put("reason_diagnosis_id", p.hasReasonReference()
                ? context.internalId(p.getReasonReferenceFirstRep(), "reasonReference", "Condition") : null);
        if (p.getReasonReference().size() > 1) {
            context.notMapped("reasonReference", "only the first reason is kept");
        }
        putBasedOn(context, row, p);
        context.insert("procedure_performed", row);
    }

    static void putPerformed(ImportContext context, Map<String, Object> row, Procedure p) {
        if (p.hasPerformedPeriod()) {
            Period period = p.getPerformedPeriod();
            row.put("performed_over_period", true);
            ClinicalTime.put(row, "performed_start", period.hasStart() ? period.getStartElement().getValueAsString()
                    : null);
            ClinicalTime.put(row, "performed_end", period.hasEnd() ? period.getEndElement().getValueAsString() : null);
            return;
        }
        String moment = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValueAsString() : null;
        if (p.hasPerformed() && moment == null) {
            context.notMapped("performed", "only a date and time or a period is kept");
        }
        row.put("performed_over_period", moment == null ? null : false);
        ClinicalTime.put(row, "performed_start", moment);
        ClinicalTime.put(row, "performed_end", moment);
        row.put("performed_end_text", null);
    }

    private static void putBasedOn(ImportContext context, Map<String, Object> row, Procedure p) {
        for (Reference basedOn : p.getBasedOn()) {
            String target = context.target(basedOn);
            if (target == null || row.get("based_on_care_plan_id") != null || row.get("based_on_ref_type") != null) {
                context.notMapped("basedOn", "one order per procedure is kept");
            } else if (target.startsWith("CarePlan/")) {
                row.put("based_on_care_plan_id", context.internalId(basedOn, "basedOn", "CarePlan"));
            } else if (target.startsWith("ServiceRequest/")) {
                row.put("based_on_ref_type", "ServiceRequest");
                row.put("based_on_ref_id", target.substring("ServiceRequest/".length()));
            } else {
                context.notMapped("basedOn", "refers to neither a care plan nor an order");
            }
        }
    }
}
