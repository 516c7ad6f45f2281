package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/** Vaccinations ({@code immunization}) as US Core Immunization. */
final class ImmunizationTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-immunization";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", Immunization.ImmunizationStatus.COMPLETED.getSystem(), "r.status")
            .date("date", "r.occurred");

    ImmunizationTable() {
        super("Immunization",
                List.of(PROFILE),
                "immunization r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN location l ON l.id = r.location_id"
                        + " LEFT JOIN practitioner pf ON pf.id = r.performer_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " l.public_id AS location_public_id, pf.public_id AS performer_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Immunization immunization = new Immunization();
        immunization.setId(row.string("public_id"));
        immunization.getMeta().addProfile(PROFILE);
        immunization.setStatus(Immunization.ImmunizationStatus.fromCode(row.string("status")));
        immunization.setStatusReason(FhirValues.concept(row, "status_reason"));
        immunization.setVaccineCode(FhirValues.concept(row, "vaccine"));
        immunization.setPatient(FhirValues.reference("Patient", row.string("patient_public_id")));
        immunization.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        // A time kept only in words (no range) goes back as the words.
        immunization.setOccurrence(row.has("occurred_utc_start") ? FhirValues.dateTime(row, "occurred")
                : new StringType(row.string("occurred_text")));
        if (row.has("primary_source")) {
            immunization.setPrimarySource(row.bool("primary_source"));
        }
        immunization.setLotNumber(row.string("lot_number"));
        immunization.setLocation(FhirValues.reference("Location", row.string("location_public_id")));
        if (row.has("performer_public_id")) {
            immunization.addPerformer().setActor(FhirValues.reference("Practitioner",
                    row.string("performer_public_id")));
        }
        return immunization;
    }
}
