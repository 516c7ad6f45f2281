package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.ImmunizationColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** Vaccinations ({@code immunization}) as US Core Immunization. */
final class ImmunizationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", Immunization.ImmunizationStatus.COMPLETED.getSystem(), "r."
                    + ImmunizationColumns.STATUS)
            .date("date", "r." + ImmunizationColumns.OCCURRED);

    ImmunizationTable() {
        super("Immunization",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ImmunizationColumns.TABLE, ImmunizationColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ImmunizationColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(LocationColumns.TABLE, "l", ImmunizationColumns.LOCATION_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "pf", ImmunizationColumns.PERFORMER_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " l." + LocationColumns.PUBLIC_ID + " AS location_public_id, pf."
                        + PractitionerColumns.PUBLIC_ID + " AS performer_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Immunization immunization = new Immunization();
        immunization.setId(row.string(ImmunizationColumns.PUBLIC_ID));
        immunization.getMeta().addProfile(PROFILE);
        immunization.setStatus(Immunization.ImmunizationStatus.fromCode(row.string(ImmunizationColumns.STATUS)));
        immunization.setStatusReason(FhirValues.concept(row, ImmunizationColumns.STATUS_REASON));
        immunization.setVaccineCode(FhirValues.concept(row, ImmunizationColumns.VACCINE));
        immunization.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        immunization.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        // A time kept only in words (no range) goes back as the words.
        immunization.setOccurrence(row.has(ImmunizationColumns.OCCURRED + ColumnGroups.UTC_START)
                ? FhirValues.dateTime(row, ImmunizationColumns.OCCURRED)
                        : new StringType(row.string(ImmunizationColumns.OCCURRED + ColumnGroups.TEXT)));
        if (row.has(ImmunizationColumns.PRIMARY_SOURCE)) {
            immunization.setPrimarySource(row.bool(ImmunizationColumns.PRIMARY_SOURCE));
        }
        immunization.setLotNumber(row.string(ImmunizationColumns.LOT_NUMBER));
        immunization.setLocation(FhirValues.reference("Location", row.string("location_public_id")));
        if (row.has("performer_public_id")) {
            immunization.addPerformer().setActor(FhirValues.reference("Practitioner",
                    row.string("performer_public_id")));
        }
        return immunization;
    }
}
