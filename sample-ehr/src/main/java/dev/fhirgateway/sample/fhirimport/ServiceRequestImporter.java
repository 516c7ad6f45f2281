package dev.fhirgateway.sample.fhirimport;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * A ServiceRequest into the orders table ({@code service_order}): one category, one reason code and one reason
 * record (a condition, observation, report or document, kept as {@code Type/id}).
 */
final class ServiceRequestImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "ServiceRequest";
    }

    @Override
    public String table() {
        return "service_order";
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("identifier", "status", "intent", "category", "code", "subject", "encounter", "occurrence",
                "authoredOn", "requester", "reasonCode", "reasonReference");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        ServiceRequest s = (ServiceRequest) resource;
        Map<String, Object> row = context.row(s);
        row.put("patient_id", RequiredPatient.internalId(context, s.getSubject(), "subject", s));
        Identifiers.put(row, "order_number", s.getIdentifier(), context, "identifier");
        row.put("status", s.getStatus().toCode());
        row.put("intent", s.getIntent().toCode());
        Codes.put(row, "category", s.hasCategory() ? s.getCategoryFirstRep() : null, context, "category");
        if (s.getCategory().size() > 1) {
            context.notMapped("category", "only the first category is kept");
        }
        Codes.put(row, "service", s.getCode(), context, "code");
        row.put("encounter_id", context.internalId(s.getEncounter(), "encounter", "Encounter"));
        EffectiveTime.put(row, "occurrence", s.getOccurrence());
        if (s.hasOccurrence() && !s.hasOccurrenceDateTimeType() && !s.hasOccurrencePeriod()) {
            context.notMapped("occurrence", "only a dateTime or a Period is kept");
        }
        ClinicalTime.put(row, "ordered", s.hasAuthoredOn() ? s.getAuthoredOnElement().getValueAsString() : null);
        row.put("ordered_by_id", context.internalId(s.getRequester(), "requester", "Practitioner"));
        Codes.put(row, "reason", s.hasReasonCode() ? s.getReasonCodeFirstRep() : null, context, "reasonCode");
        if (s.getReasonCode().size() > 1) {
            context.notMapped("reasonCode", "only the first reason is kept");
        }
        String reason = s.hasReasonReference() ? context.target(s.getReasonReferenceFirstRep()) : null;
        row.put("reason_ref_type", reason == null ? null : reason.substring(0, Math.max(0, reason.indexOf('/'))));
        row.put("reason_ref_id", reason == null ? null : reason.substring(reason.indexOf('/') + 1));
        if (s.getReasonReference().size() > 1) {
            context.notMapped("reasonReference", "only the first reason record is kept");
        }
        context.insert("service_order", row);
    }
}
