package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationOrderColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationOrderReasonColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
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
            .tokenOfSystem("status", STATUS, "r." + MedicationOrderColumns.STATUS)
            .tokenOfSystem("intent", INTENT, "r." + MedicationOrderColumns.INTENT)
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .reference("encounter", "Encounter", "e." + EncounterColumns.PUBLIC_ID)
            .date("authoredon", "r." + MedicationOrderColumns.AUTHORED_ON);

    MedicationRequestTable() {
        super("MedicationRequest",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(MedicationOrderColumns.TABLE, MedicationOrderColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", MedicationOrderColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(MedicationColumns.TABLE, "m", MedicationOrderColumns.MEDICATION_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "rq",
                                MedicationOrderColumns.REQUESTER_PRACTITIONER_ID)
                        + ReferenceJoins.leftJoin(PatientColumns.TABLE, "rqp",
                                MedicationOrderColumns.REQUESTER_PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "rb",
                                MedicationOrderColumns.REPORTED_BY_PRACTITIONER_ID)
                        + ReferenceJoins.leftJoin(PatientColumns.TABLE, "rbp",
                                MedicationOrderColumns.REPORTED_BY_PATIENT_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " m." + MedicationColumns.PUBLIC_ID + " AS medication_public_id, rq."
                        + PractitionerColumns.PUBLIC_ID + " AS requester_practitioner_public_id,"
                        + " rqp." + PatientColumns.PUBLIC_ID + " AS requester_patient_public_id, rb."
                        + PractitionerColumns.PUBLIC_ID + " AS reported_by_practitioner_public_id,"
                        + " rbp." + PatientColumns.PUBLIC_ID + " AS reported_by_patient_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("reasons", MedicationOrderReasonColumns.TABLE,
                MedicationOrderReasonColumns.MEDICATION_ORDER_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        MedicationRequest request = new MedicationRequest();
        request.setId(row.string(MedicationOrderColumns.PUBLIC_ID));
        request.getMeta().addProfile(PROFILE);
        if (row.has(MedicationOrderColumns.IDENTIFIER + ColumnGroups.VALUE)) {
            request.addIdentifier().setSystem(row.string(MedicationOrderColumns.IDENTIFIER + ColumnGroups.SYSTEM))
                    .setValue(row.string(MedicationOrderColumns.IDENTIFIER + ColumnGroups.VALUE));
        }
        request.setStatus(
                MedicationRequest.MedicationRequestStatus.fromCode(row.string(MedicationOrderColumns.STATUS)));
        request.setIntent(
                MedicationRequest.MedicationRequestIntent.fromCode(row.string(MedicationOrderColumns.INTENT)));
        if (row.has(MedicationOrderColumns.CATEGORY_CODE)) {
            CodeableConcept category = new CodeableConcept(new Coding(CATEGORY,
                    row.string(MedicationOrderColumns.CATEGORY_CODE),
                    categoryDisplay(row.string(MedicationOrderColumns.CATEGORY_CODE))));
            request.addCategory(category.setText(row.string(MedicationOrderColumns.CATEGORY_TEXT)));
        }
        if (row.has("reported_by_practitioner_public_id")) {
            request.setReported(FhirValues.reference("Practitioner", row.string("reported_by_practitioner_public_id")));
        } else if (row.has("reported_by_patient_public_id")) {
            request.setReported(FhirValues.reference("Patient", row.string("reported_by_patient_public_id")));
        } else if (row.has(MedicationOrderColumns.REPORTED)) {
            request.setReported(new BooleanType(row.bool(MedicationOrderColumns.REPORTED)));
        }
        if (row.has("medication_public_id")) {
            request.setMedication(FhirValues.reference("Medication", row.string("medication_public_id")));
        } else {
            request.setMedication(FhirValues.concept(row, MedicationOrderColumns.DRUG));
        }
        request.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        request.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (row.has(MedicationOrderColumns.AUTHORED_ON + ColumnGroups.TEXT)) {
            request.setAuthoredOnElement(new DateTimeType(row.string(MedicationOrderColumns.AUTHORED_ON
                    + ColumnGroups.TEXT)));
        }
        if (row.has("requester_practitioner_public_id")) {
            request.setRequester(FhirValues.reference("Practitioner", row.string("requester_practitioner_public_id")));
        } else {
            request.setRequester(FhirValues.reference("Patient", row.string("requester_patient_public_id")));
        }
        for (TableRow reason : row.children("reasons")) {
            if (reason.has(MedicationOrderReasonColumns.FINDING_REF_ID)) {
                request.addReasonReference(new Reference(reason.string(MedicationOrderReasonColumns.FINDING_REF_TYPE)
                        + "/"
                        + reason.string(MedicationOrderReasonColumns.FINDING_REF_ID)));
            } else {
                request.addReasonCode(FhirValues.concept(reason, MedicationOrderReasonColumns.REASON));
            }
        }
        Dosage dosage = DosageValues.dosage(row);
        if (dosage != null) {
            request.addDosageInstruction(dosage);
        }
        if (row.has(MedicationOrderColumns.REFILLS_ALLOWED) || row.has(MedicationOrderColumns.DISPENSE_QUANTITY
                + ColumnGroups.VALUE)) {
            MedicationRequest.MedicationRequestDispenseRequestComponent dispense = request.getDispenseRequest();
            if (row.has(MedicationOrderColumns.REFILLS_ALLOWED)) {
                dispense.setNumberOfRepeatsAllowed(row.intValue(MedicationOrderColumns.REFILLS_ALLOWED));
            }
            if (row.has(MedicationOrderColumns.DISPENSE_QUANTITY + ColumnGroups.VALUE)) {
                dispense.setQuantity(DosageValues.quantity(row, MedicationOrderColumns.DISPENSE_QUANTITY));
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
