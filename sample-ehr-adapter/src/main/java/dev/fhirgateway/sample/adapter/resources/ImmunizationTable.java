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
                ImmunizationColumns.TABLE + " r JOIN " + PatientColumns.TABLE + " p ON p." + PatientColumns.ID
                        + " = r." + ImmunizationColumns.PATIENT_ID
                        + " LEFT JOIN " + EncounterColumns.TABLE + " e ON e." + EncounterColumns.ID + " = r."
                        + ImmunizationColumns.ENCOUNTER_ID
                        + " LEFT JOIN " + LocationColumns.TABLE + " l ON l." + LocationColumns.ID + " = r."
                        + ImmunizationColumns.LOCATION_ID
                        + " LEFT JOIN " + PractitionerColumns.TABLE + " pf ON pf." + PractitionerColumns.ID + " = r."
                        + ImmunizationColumns.PERFORMER_ID,
                "r.*, p." + PatientColumns.PUBLIC_ID + " AS patient_public_id, e." + EncounterColumns.PUBLIC_ID
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
