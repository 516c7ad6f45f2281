package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.ServiceOrderColumns;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Orders ({@code service_order}) as US Core ServiceRequest. */
final class ServiceRequestTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", ServiceRequest.ServiceRequestStatus.ACTIVE.getSystem(), "r."
                    + ServiceOrderColumns.STATUS)
            .token("category", "r." + ServiceOrderColumns.CATEGORY + ColumnGroups.SYSTEM, "r."
                    + ServiceOrderColumns.CATEGORY + ColumnGroups.CODE)
            .token("code", "r." + ServiceOrderColumns.SERVICE + ColumnGroups.SYSTEM, "r." + ServiceOrderColumns.SERVICE
                    + ColumnGroups.CODE)
            .date("authored", "r." + ServiceOrderColumns.ORDERED);

    ServiceRequestTable() {
        super("ServiceRequest",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ServiceOrderColumns.TABLE, ServiceOrderColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ServiceOrderColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "ob", ServiceOrderColumns.ORDERED_BY_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " ob." + PractitionerColumns.PUBLIC_ID + " AS ordered_by_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        ServiceRequest order = new ServiceRequest();
        order.setId(row.string(ServiceOrderColumns.PUBLIC_ID));
        order.getMeta().addProfile(PROFILE);
        if (row.has(ServiceOrderColumns.ORDER_NUMBER + ColumnGroups.VALUE)) {
            order.addIdentifier(FhirValues.identifier(row, ServiceOrderColumns.ORDER_NUMBER));
        }
        order.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(row.string(ServiceOrderColumns.STATUS)));
        order.setIntent(ServiceRequest.ServiceRequestIntent.fromCode(row.string(ServiceOrderColumns.INTENT)));
        CodeableConcept category = FhirValues.concept(row, ServiceOrderColumns.CATEGORY);
        if (category != null) {
            order.addCategory(category);
        }
        order.setCode(FhirValues.concept(row, ServiceOrderColumns.SERVICE));
        order.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        order.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool(ServiceOrderColumns.OCCURRENCE + ColumnGroups.IS_PERIOD))) {
            order.setOccurrence(FhirValues.period(row, ServiceOrderColumns.OCCURRENCE_START,
                    ServiceOrderColumns.OCCURRENCE_END));
        } else {
            order.setOccurrence(FhirValues.dateTime(row, ServiceOrderColumns.OCCURRENCE_START));
        }
        order.setAuthoredOnElement(FhirValues.dateTime(row, ServiceOrderColumns.ORDERED));
        order.setRequester(FhirValues.reference("Practitioner", row.string("ordered_by_public_id")));
        CodeableConcept reason = FhirValues.concept(row, ServiceOrderColumns.REASON);
        if (reason != null) {
            order.addReasonCode(reason);
        }
        if (row.has(ServiceOrderColumns.REASON_REF_ID)) {
            order.addReasonReference(FhirValues.reference(row.string(ServiceOrderColumns.REASON_REF_TYPE),
                    row.string(ServiceOrderColumns.REASON_REF_ID)));
        }
        return order;
    }
}
