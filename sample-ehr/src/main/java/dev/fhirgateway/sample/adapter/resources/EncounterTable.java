package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("class", ACT_CODE, "r.class_code")
            .period("date", "r.period_start", "r.period_end")
            .tokenInChild("identifier", "encounter_identifier i WHERE i.encounter_id = r.id", "i.identifier_system", "i.identifier_value")
            .reference("location", "Location", "l.public_id")
            .tokenOfSystem("status", STATUS, "r.status")
            .token("type", "r.type_system", "r.type_code")
            .token("discharge-disposition", "r.discharge_disposition_system", "r.discharge_disposition_code");

    EncounterTable() {
        super("Encounter",
                List.of(PROFILE),
                "encounter r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN location l ON l.id = r.location_id"
                        + " LEFT JOIN organization o ON o.id = r.service_provider_id"
                        + " LEFT JOIN practitioner a ON a.id = r.attender_id",
                "r.*, p.public_id AS patient_public_id, l.public_id AS location_public_id, l.name AS location_name,"
                        + " o.public_id AS organization_public_id, o.name AS organization_name,"
                        + " a.public_id AS attender_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("identifiers", "encounter_identifier", "encounter_id"),
                new ChildTable("reasons", "encounter_reason", "encounter_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        Encounter encounter = new Encounter();
        encounter.setId(row.string("public_id"));
        encounter.getMeta().addProfile(PROFILE);
        if (row.has("interpreter_needed_code")) {
            encounter.addExtension(INTERPRETER_NEEDED, new Coding(row.string("interpreter_needed_system"),
                    row.string("interpreter_needed_code"), null));
        }
        for (TableRow identifier : row.children("identifiers")) {
            Identifier id = encounter.addIdentifier().setSystem(identifier.string("identifier_system"))
                    .setValue(identifier.string("identifier_value"));
            if (identifier.has("use_code")) {
                id.setUse(Identifier.IdentifierUse.fromCode(identifier.string("use_code")));
            }
        }
        encounter.setStatus(Encounter.EncounterStatus.fromCode(row.string("status")));
        encounter.setClass_(new Coding(ACT_CODE, row.string("class_code"), row.string("class_display")));
        encounter.addType(FhirValues.concept(row, "type"));
        encounter.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("attender_public_id")) {
            Encounter.EncounterParticipantComponent participant = encounter.addParticipant();
            if (row.has("attender_type_code") || row.has("attender_type_text")) {
                participant.addType(FhirValues.concept(row, "attender_type"));
            }
            participant.setPeriod(period(row.string("attender_start_text"), row.string("attender_end_text")));
            participant.setIndividual(FhirValues.reference("Practitioner", row.string("attender_public_id")));
        }
        encounter.setPeriod(period(row.string("period_start_text"), row.string("period_end_text")));
        for (TableRow reason : row.children("reasons")) {
            if (reason.has("condition_ref_id")) {
                encounter.addReasonReference(new Reference(reason.string("condition_ref_type") + "/"
                        + reason.string("condition_ref_id")));
            } else {
                encounter.addReasonCode(FhirValues.concept(reason, "reason"));
            }
        }
        if (row.has("discharge_disposition_code") || row.has("discharge_disposition_text")) {
            encounter.getHospitalization().setDischargeDisposition(FhirValues.concept(row, "discharge_disposition"));
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
