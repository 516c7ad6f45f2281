package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationDispenseColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationDispensePerformerColumns;
import dev.fhirgateway.sample.adapter.schema.MedicationOrderColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerRoleColumns;
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
            .tokenOfSystem("status", STATUS, "r." + MedicationDispenseColumns.STATUS)
            .token("type", "r." + MedicationDispenseColumns.TYPE + ColumnGroups.SYSTEM, "r."
                    + MedicationDispenseColumns.TYPE + ColumnGroups.CODE)
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID);

    /** The performers with the public ids of whoever performed: a derived table, loaded once per page like a child table. */
    private static final String PERFORMERS = "(SELECT f.*, fp." + PractitionerColumns.PUBLIC_ID
            + " AS practitioner_public_id,"
            + " fr." + PractitionerRoleColumns.PUBLIC_ID + " AS practitioner_role_public_id, fo."
            + OrganizationColumns.PUBLIC_ID + " AS organization_public_id"
            + " FROM " + MedicationDispensePerformerColumns.TABLE + " f"
            + " LEFT JOIN " + PractitionerColumns.TABLE + " fp ON fp." + PractitionerColumns.ID + " = f."
            + MedicationDispensePerformerColumns.PRACTITIONER_ID
            + " LEFT JOIN " + PractitionerRoleColumns.TABLE + " fr ON fr." + PractitionerRoleColumns.ID + " = f."
            + MedicationDispensePerformerColumns.PRACTITIONER_ROLE_ID
            + " LEFT JOIN " + OrganizationColumns.TABLE + " fo ON fo." + OrganizationColumns.ID + " = f."
            + MedicationDispensePerformerColumns.ORGANIZATION_ID + ") performer";

    MedicationDispenseTable() {
        super("MedicationDispense",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(MedicationDispenseColumns.TABLE, MedicationDispenseColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", MedicationDispenseColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(MedicationColumns.TABLE, "m", MedicationDispenseColumns.MEDICATION_ID)
                        + ReferenceJoins.leftJoin(MedicationOrderColumns.TABLE, "mo",
                                MedicationDispenseColumns.MEDICATION_ORDER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " m." + MedicationColumns.PUBLIC_ID + " AS medication_public_id, mo."
                        + MedicationOrderColumns.PUBLIC_ID + " AS medication_order_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("performers", PERFORMERS,
                MedicationDispensePerformerColumns.MEDICATION_DISPENSE_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        MedicationDispense dispense = new MedicationDispense();
        dispense.setId(row.string(MedicationDispenseColumns.PUBLIC_ID));
        dispense.getMeta().addProfile(PROFILE);
        if (row.has(MedicationDispenseColumns.IDENTIFIER + ColumnGroups.VALUE)) {
            dispense.addIdentifier().setSystem(row.string(MedicationDispenseColumns.IDENTIFIER + ColumnGroups.SYSTEM))
                    .setValue(row.string(MedicationDispenseColumns.IDENTIFIER + ColumnGroups.VALUE));
        }
        dispense.setStatus(
                MedicationDispense.MedicationDispenseStatus.fromCode(row.string(MedicationDispenseColumns.STATUS)));
        if (row.has("medication_public_id")) {
            dispense.setMedication(FhirValues.reference("Medication", row.string("medication_public_id")));
        } else {
            dispense.setMedication(FhirValues.concept(row, MedicationDispenseColumns.DRUG));
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
        CodeableConcept type = FhirValues.concept(row.string(MedicationDispenseColumns.TYPE + ColumnGroups.SYSTEM),
                row.string(MedicationDispenseColumns.TYPE + ColumnGroups.CODE),
                row.string(MedicationDispenseColumns.TYPE + ColumnGroups.DISPLAY), null);
        dispense.setType(type);
        dispense.setQuantity(DosageValues.quantity(row, MedicationDispenseColumns.QUANTITY));
        if (row.has(MedicationDispenseColumns.HANDED_OVER + ColumnGroups.TEXT)) {
            dispense.setWhenHandedOverElement(new DateTimeType(row.string(MedicationDispenseColumns.HANDED_OVER
                    + ColumnGroups.TEXT)));
        }
        Dosage dosage = DosageValues.dosage(row);
        if (dosage != null) {
            dispense.addDosageInstruction(dosage);
        }
        return dispense;
    }
}
