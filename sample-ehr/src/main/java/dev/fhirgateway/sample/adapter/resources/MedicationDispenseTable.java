package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.Resource;

/**
 * Pharmacy dispenses ({@code medication_dispense}, {@code medication_dispense_performer}) as US Core
 * MedicationDispense.
 */
final class MedicationDispenseTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationdispense";
    static final String STATUS = "http://terminology.hl7.org/CodeSystem/medicationdispense-status";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("status", STATUS, "r.status")
            .token("type", "r.type_system", "r.type_code")
            .reference("patient", "Patient", "p.public_id");

    /** The performers with the public ids of whoever performed: a derived table, loaded once per page like a child table. */
    private static final String PERFORMERS = "(SELECT f.*, fp.public_id AS practitioner_public_id,"
            + " fr.public_id AS practitioner_role_public_id, fo.public_id AS organization_public_id"
            + " FROM medication_dispense_performer f"
            + " LEFT JOIN practitioner fp ON fp.id = f.practitioner_id"
            + " LEFT JOIN practitioner_role fr ON fr.id = f.practitioner_role_id"
            + " LEFT JOIN organization fo ON fo.id = f.organization_id) performer";

    MedicationDispenseTable() {
        super("MedicationDispense",
                List.of(PROFILE),
                "medication_dispense r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN medication m ON m.id = r.medication_id"
                        + " LEFT JOIN medication_order mo ON mo.id = r.medication_order_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " m.public_id AS medication_public_id, mo.public_id AS medication_order_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("performers", PERFORMERS, "medication_dispense_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        MedicationDispense dispense = new MedicationDispense();
        dispense.setId(row.string("public_id"));
        dispense.getMeta().addProfile(PROFILE);
        if (row.has("identifier_value")) {
            dispense.addIdentifier().setSystem(row.string("identifier_system"))
                    .setValue(row.string("identifier_value"));
        }
        dispense.setStatus(MedicationDispense.MedicationDispenseStatus.fromCode(row.string("status")));
        if (row.has("medication_public_id")) {
            dispense.setMedication(FhirValues.reference("Medication", row.string("medication_public_id")));
        } else {
            dispense.setMedication(FhirValues.concept(row, "drug"));
        }
        dispense.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        dispense.setContext(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        for (TableRow performer : row.children("performers")) {
            if (performer.has("practitioner_public_id")) {
                dispense.addPerformer().setActor(FhirValues.reference("Practitioner",
                        performer.string("practitioner_public_id")));
            } else if (performer.has("practitioner_role_public_id")) {
                dispense.addPerformer().setActor(FhirValues.reference("PractitionerRole",
                        performer.string("practitioner_role_public_id")));
            } else if (performer.has("organization_public_id")) {
                dispense.addPerformer().setActor(FhirValues.reference("Organization",
                        performer.string("organization_public_id")));
            }
        }
        if (row.has("medication_order_public_id")) {
            dispense.addAuthorizingPrescription(FhirValues.reference("MedicationRequest",
                    row.string("medication_order_public_id")));
        }
        CodeableConcept type = FhirValues.concept(row.string("type_system"), row.string("type_code"),
                row.string("type_display"), null);
        dispense.setType(type);
        dispense.setQuantity(DosageValues.quantity(row, "quantity"));
        if (row.has("handed_over_text")) {
            dispense.setWhenHandedOverElement(new DateTimeType(row.string("handed_over_text")));
        }
        Dosage dosage = DosageValues.dosage(row);
        if (dosage != null) {
            dispense.addDosageInstruction(dosage);
        }
        return dispense;
    }
}
