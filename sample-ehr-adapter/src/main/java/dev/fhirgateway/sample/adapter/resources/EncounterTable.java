package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterIdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterReasonColumns;
import dev.fhirgateway.sample.adapter.schema.IdentifierColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.OrganizationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Visits ({@code encounter}, {@code encounter_identifier}, {@code encounter_reason}) as US Core Encounter. */
final class EncounterTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-encounter";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String STATUS = "http://hl7.org/fhir/encounter-status";
    static final String INTERPRETER_NEEDED =
            "http://hl7.org/fhir/us/core/StructureDefinition/us-core-interpreter-needed";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("class", ACT_CODE, "r." + EncounterColumns.CLASS_CODE)
            .period("date", "r." + EncounterColumns.PERIOD_START, "r." + EncounterColumns.PERIOD_END)
            .tokenInChild("identifier", EncounterIdentifierColumns.TABLE + " i WHERE i."
                    + EncounterIdentifierColumns.ENCOUNTER_ID + " = r." + EncounterColumns.ID, "i."
                    + IdentifierColumns.IDENTIFIER + ColumnGroups.SYSTEM, "i." + IdentifierColumns.IDENTIFIER
                    + ColumnGroups.VALUE)
            .reference("location", "Location", "l." + LocationColumns.PUBLIC_ID)
            .tokenOfSystem("status", STATUS, "r." + EncounterColumns.STATUS)
            .token("type", "r." + EncounterColumns.TYPE + ColumnGroups.SYSTEM, "r." + EncounterColumns.TYPE
                    + ColumnGroups.CODE)
            .token("discharge-disposition", "r." + EncounterColumns.DISCHARGE_DISPOSITION + ColumnGroups.SYSTEM, "r."
                    + EncounterColumns.DISCHARGE_DISPOSITION + ColumnGroups.CODE);

    EncounterTable() {
        super("Encounter",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(EncounterColumns.TABLE, EncounterColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(LocationColumns.TABLE, "l", EncounterColumns.LOCATION_ID)
                        + ReferenceJoins.leftJoin(OrganizationColumns.TABLE, "o", EncounterColumns.SERVICE_PROVIDER_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "a", EncounterColumns.ATTENDER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", l." + LocationColumns.PUBLIC_ID
                        + " AS location_public_id, l." + LocationColumns.NAME + " AS location_name,"
                        + " o." + OrganizationColumns.PUBLIC_ID + " AS organization_public_id, o."
                        + OrganizationColumns.NAME + " AS organization_name,"
                        + " a." + PractitionerColumns.PUBLIC_ID + " AS attender_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", EncounterIdentifierColumns.TABLE,
                EncounterIdentifierColumns.ENCOUNTER_ID),
                new ChildTable("reasons", EncounterReasonColumns.TABLE, EncounterReasonColumns.ENCOUNTER_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Encounter encounter = new Encounter();
        encounter.setId(row.string(EncounterColumns.PUBLIC_ID));
        encounter.getMeta().addProfile(PROFILE);
        if (row.has(EncounterColumns.INTERPRETER_NEEDED_CODE)) {
            encounter.addExtension(INTERPRETER_NEEDED,
                    new Coding(row.string(EncounterColumns.INTERPRETER_NEEDED_SYSTEM),
                    row.string(EncounterColumns.INTERPRETER_NEEDED_CODE), null));
        }
        for (TableRow identifier : row.children("identifiers")) {
            Identifier id = encounter.addIdentifier().setSystem(identifier.string(IdentifierColumns.IDENTIFIER
                    + ColumnGroups.SYSTEM))
                    .setValue(identifier.string(IdentifierColumns.IDENTIFIER + ColumnGroups.VALUE));
            if (identifier.has(EncounterIdentifierColumns.USE_CODE)) {
                id.setUse(Identifier.IdentifierUse.fromCode(identifier.string(EncounterIdentifierColumns.USE_CODE)));
            }
        }
        encounter.setStatus(Encounter.EncounterStatus.fromCode(row.string(EncounterColumns.STATUS)));
        encounter.setClass_(new Coding(ACT_CODE, row.string(EncounterColumns.CLASS_CODE),
                row.string(EncounterColumns.CLASS_DISPLAY)));
        encounter.addType(FhirValues.concept(row, EncounterColumns.TYPE));
        encounter.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("attender_public_id")) {
            Encounter.EncounterParticipantComponent participant = encounter.addParticipant();
            if (row.has(EncounterColumns.ATTENDER_TYPE + ColumnGroups.CODE) || row.has(EncounterColumns.ATTENDER_TYPE
                    + ColumnGroups.TEXT)) {
                participant.addType(FhirValues.concept(row, EncounterColumns.ATTENDER_TYPE));
            }
            participant.setPeriod(period(row.string(EncounterColumns.ATTENDER_START_TEXT),
                    row.string(EncounterColumns.ATTENDER_END_TEXT)));
            participant.setIndividual(FhirValues.reference("Practitioner", row.string("attender_public_id")));
        }
        encounter.setPeriod(period(row.string(EncounterColumns.PERIOD_START + ColumnGroups.TEXT),
                row.string(EncounterColumns.PERIOD_END + ColumnGroups.TEXT)));
        for (TableRow reason : row.children("reasons")) {
            if (reason.has(EncounterReasonColumns.CONDITION_REF_ID)) {
                encounter.addReasonReference(new Reference(reason.string(EncounterReasonColumns.CONDITION_REF_TYPE)
                        + "/"
                        + reason.string(EncounterReasonColumns.CONDITION_REF_ID)));
            } else {
                encounter.addReasonCode(FhirValues.concept(reason, EncounterReasonColumns.REASON));
            }
        }
        if (row.has(EncounterColumns.DISCHARGE_DISPOSITION
                + ColumnGroups.CODE) || row.has(EncounterColumns.DISCHARGE_DISPOSITION + ColumnGroups.TEXT)) {
            encounter.getHospitalization().setDischargeDisposition(FhirValues.concept(row,
                    EncounterColumns.DISCHARGE_DISPOSITION));
        }
        if (row.has("location_public_id")) {
            encounter.addLocation().setLocation(FhirValues.reference("Location", row.string("location_public_id"))
                    .setDisplay(row.string("location_name")));
        }
        if (row.has("organization_public_id")) {
            encounter.setServiceProvider(FhirValues.reference("Organization", row.string("organization_public_id"))
                    .setDisplay(row.string("organization_name")));
        }
        return encounter;
    }

    private static Period period(String start, String end) {
        if (start == null && end == null) {
            return null;
        }
        Period period = new Period();
        if (start != null) {
            period.setStartElement(new DateTimeType(start));
        }
        if (end != null) {
            period.setEndElement(new DateTimeType(end));
        }
        return period;
    }
}
