package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Orders ({@code service_order}) as US Core ServiceRequest. */
final class ServiceRequestTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", ServiceRequest.ServiceRequestStatus.ACTIVE.getSystem(), "r.status")
            .token("category", "r.category_system", "r.category_code")
            .token("code", "r.service_system", "r.service_code")
            .date("authored", "r.ordered");

    ServiceRequestTable() {
        super("ServiceRequest",
                List.of(PROFILE),
                "service_order r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN practitioner ob ON ob.id = r.ordered_by_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " ob.public_id AS ordered_by_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        ServiceRequest order = new ServiceRequest();
        order.setId(row.string("public_id"));
        order.getMeta().addProfile(PROFILE);
        if (row.has("order_number_value")) {
            order.addIdentifier(FhirValues.identifier(row, "order_number"));
        }
        order.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(row.string("status")));
        order.setIntent(ServiceRequest.ServiceRequestIntent.fromCode(row.string("intent")));
        CodeableConcept category = FhirValues.concept(row, "category");
        if (category != null) {
            order.addCategory(category);
        }
        order.setCode(FhirValues.concept(row, "service"));
        order.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        order.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool("occurrence_is_period"))) {
            order.setOccurrence(FhirValues.period(row, "occurrence_start", "occurrence_end"));
        } else {
            order.setOccurrence(FhirValues.dateTime(row, "occurrence_start"));
        }
        order.setAuthoredOnElement(FhirValues.dateTime(row, "ordered"));
        order.setRequester(FhirValues.reference("Practitioner", row.string("ordered_by_public_id")));
        CodeableConcept reason = FhirValues.concept(row, "reason");
        if (reason != null) {
            order.addReasonCode(reason);
        }
        if (row.has("reason_ref_id")) {
            order.addReasonReference(FhirValues.reference(row.string("reason_ref_type"), row.string("reason_ref_id")));
        }
        return order;
    }
}
