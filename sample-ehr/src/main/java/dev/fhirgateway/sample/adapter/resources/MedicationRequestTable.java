package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Medication orders ({@code medication_order}, {@code medication_order_reason}) as US Core MedicationRequest. */
final class MedicationRequestTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest";
    static final String STATUS = "http://hl7.org/fhir/CodeSystem/medicationrequest-status";
    static final String INTENT = "http://hl7.org/fhir/CodeSystem/medicationrequest-intent";
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/medicationrequest-category";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("status", STATUS, "r.status")
            .tokenOfSystem("intent", INTENT, "r.intent")
            .reference("patient", "Patient", "p.public_id")
            .reference("encounter", "Encounter", "e.public_id")
            .date("authoredon", "r.authored_on");

    MedicationRequestTable() {
        super("MedicationRequest",
                List.of(PROFILE),
                "medication_order r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN medication m ON m.id = r.medication_id"
                        + " LEFT JOIN practitioner rq ON rq.id = r.requester_practitioner_id"
                        + " LEFT JOIN patient rqp ON rqp.id = r.requester_patient_id"
                        + " LEFT JOIN practitioner rb ON rb.id = r.reported_by_practitioner_id"
                        + " LEFT JOIN patient rbp ON rbp.id = r.reported_by_patient_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " m.public_id AS medication_public_id, rq.public_id AS requester_practitioner_public_id,"
                        + " rqp.public_id AS requester_patient_public_id, rb.public_id AS reported_by_practitioner_public_id,"
                        + " rbp.public_id AS reported_by_patient_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("reasons", "medication_order_reason", "medication_order_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        MedicationRequest request = new MedicationRequest();
        request.setId(row.string("public_id"));
        request.getMeta().addProfile(PROFILE);
        if (row.has("identifier_value")) {
            request.addIdentifier().setSystem(row.string("identifier_system"))
                    .setValue(row.string("identifier_value"));
        }
        request.setStatus(MedicationRequest.MedicationRequestStatus.fromCode(row.string("status")));
        request.setIntent(MedicationRequest.MedicationRequestIntent.fromCode(row.string("intent")));
        if (row.has("category_code")) {
            CodeableConcept category = new CodeableConcept(new Coding(CATEGORY, row.string("category_code"),
                    categoryDisplay(row.string("category_code"))));
            request.addCategory(category.setText(row.string("category_text")));
        }
        if (row.has("reported_by_practitioner_public_id")) {
            request.setReported(FhirValues.reference("Practitioner", row.string("reported_by_practitioner_public_id")));
        } else if (row.has("reported_by_patient_public_id")) {
            request.setReported(FhirValues.reference("Patient", row.string("reported_by_patient_public_id")));
        } else if (row.has("reported")) {
            request.setReported(new BooleanType(row.bool("reported")));
        }
        if (row.has("medication_public_id")) {
            request.setMedication(FhirValues.reference("Medication", row.string("medication_public_id")));
        } else {
            request.setMedication(FhirValues.concept(row, "drug"));
        }
        request.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        request.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (row.has("authored_on_text")) {
            request.setAuthoredOnElement(new DateTimeType(row.string("authored_on_text")));
        }
        if (row.has("requester_practitioner_public_id")) {
            request.setRequester(FhirValues.reference("Practitioner", row.string("requester_practitioner_public_id")));
        } else {
            request.setRequester(FhirValues.reference("Patient", row.string("requester_patient_public_id")));
        }
        for (TableRow reason : row.children("reasons")) {
            if (reason.has("finding_ref_id")) {
                request.addReasonReference(new Reference(reason.string("finding_ref_type") + "/"
                        + reason.string("finding_ref_id")));
            } else {
                request.addReasonCode(FhirValues.concept(reason, "reason"));
            }
        }
        Dosage dosage = DosageValues.dosage(row);
        if (dosage != null) {
            request.addDosageInstruction(dosage);
        }
        if (row.has("refills_allowed") || row.has("dispense_quantity_value")) {
            MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
            if (row.has("refills_allowed")) {
                dispense.setNumberOfRepeatsAllowed(row.intValue("refills_allowed"));
            }
            if (row.has("dispense_quantity_value")) {
                dispense.setQuantity(DosageValues.quantity(row, "dispense_quantity"));
            }
        }
        return request;
    }

    private static String categoryDisplay(String code) {
        return switch (code) {
            case "inpatient" -> "Inpatient";
            case "outpatient" -> "Outpatient";
            case "community" -> "Community";
            case "discharge" -> "Discharge";
            default -> null;
        };
    }
}
