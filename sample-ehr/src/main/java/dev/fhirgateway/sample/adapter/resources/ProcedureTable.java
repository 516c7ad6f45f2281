package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/** Procedures performed ({@code procedure_performed}) as US Core Procedure. */
final class ProcedureTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("status", Procedure.ProcedureStatus.COMPLETED.getSystem(), "r.status")
            .reference("patient", "Patient", "p.public_id")
            .period("date", "r.performed_start", "r.performed_end")
            .token("code", "r.code_system", "r.code_code");

    ProcedureTable() {
        super("Procedure",
                List.of(PROFILE),
                "procedure_performed r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN location l ON l.id = r.location_id"
                        + " LEFT JOIN practitioner pf ON pf.id = r.performer_id"
                        + " LEFT JOIN diagnosis d ON d.id = r.reason_diagnosis_id"
                        + " LEFT JOIN care_plan cp ON cp.id = r.based_on_care_plan_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " l.public_id AS location_public_id, pf.public_id AS performer_public_id,"
                        + " d.public_id AS reason_public_id, cp.public_id AS care_plan_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Procedure procedure = new Procedure();
        procedure.setId(row.string("public_id"));
        procedure.getMeta().addProfile(PROFILE);
        if (row.has("care_plan_public_id")) {
            procedure.addBasedOn(FhirValues.reference("CarePlan", row.string("care_plan_public_id")));
        }
        if (row.has("based_on_ref_type")) {
            procedure.addBasedOn(FhirValues.reference(row.string("based_on_ref_type"), row.string("based_on_ref_id")));
        }
        procedure.setStatus(Procedure.ProcedureStatus.fromCode(row.string("status")));
        procedure.setCode(FhirValues.concept(row, "code"));
        procedure.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        procedure.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool("performed_over_period"))) {
            procedure.setPerformed(FhirValues.period(row, "performed_start", "performed_end"));
        } else {
            procedure.setPerformed(FhirValues.dateTime(row, "performed_start"));
        }
        if (row.has("performer_public_id")) {
            procedure.addPerformer().setActor(FhirValues.reference("Practitioner", row.string("performer_public_id")));
        }
        procedure.setLocation(FhirValues.reference("Location", row.string("location_public_id")));
        if (row.has("reason_public_id")) {
            procedure.addReasonReference(FhirValues.reference("Condition", row.string("reason_public_id")));
        }
        return procedure;
    }
}
