package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.ServiceOrderColumns;
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
        return ServiceOrderColumns.TABLE;
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
        row.put(ServiceOrderColumns.PATIENT_ID, RequiredPatient.internalId(context, s.getSubject(), "subject", s));
        Identifiers.put(row, ServiceOrderColumns.ORDER_NUMBER, s.getIdentifier(), context, "identifier");
        row.put(ServiceOrderColumns.STATUS, s.getStatus().toCode());
        row.put(ServiceOrderColumns.INTENT, s.getIntent().toCode());
        Codes.put(row, ServiceOrderColumns.CATEGORY, s.hasCategory() ? s.getCategoryFirstRep() : null, context,
                "category");
        if (s.getCategory().size() > 1) {
            context.notMapped("category", "only the first category is kept");
        }
        Codes.put(row, ServiceOrderColumns.SERVICE, s.getCode(), context, "code");
        row.put(ServiceOrderColumns.ENCOUNTER_ID, context.internalId(s.getEncounter(), "encounter", "Encounter"));
        EffectiveTime.put(row, ServiceOrderColumns.OCCURRENCE, s.getOccurrence());
        if (s.hasOccurrence() && !s.hasOccurrenceDateTimeType() && !s.hasOccurrencePeriod()) {
            context.notMapped("occurrence", "only a dateTime or a Period is kept");
        }
        ClinicalTime.put(row, ServiceOrderColumns.ORDERED, s.hasAuthoredOn()
                ? s.getAuthoredOnElement().getValueAsString() : null);
        row.put(ServiceOrderColumns.ORDERED_BY_ID, context.internalId(s.getRequester(), "requester", "Practitioner"));
        Codes.put(row, ServiceOrderColumns.REASON, s.hasReasonCode() ? s.getReasonCodeFirstRep() : null, context,
                "reasonCode");
        if (s.getReasonCode().size() > 1) {
            context.notMapped("reasonCode", "only the first reason is kept");
        }
        String reason = s.hasReasonReference() ? context.target(s.getReasonReferenceFirstRep()) : null;
        row.put(ServiceOrderColumns.REASON_REF_TYPE, reason == null ? null
                : reason.substring(0, Math.max(0, reason.indexOf('/'))));
        row.put(ServiceOrderColumns.REASON_REF_ID, reason == null ? null : reason.substring(reason.indexOf('/') + 1));
        if (s.getReasonReference().size() > 1) {
            context.notMapped("reasonReference", "only the first reason record is kept");
        }
        context.insert(ServiceOrderColumns.TABLE, row);
    }
}
