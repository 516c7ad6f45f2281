package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.CarePlanColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DiagnosisColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import dev.fhirgateway.sample.adapter.schema.ProcedurePerformedColumns;
import java.util.List;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/** Procedures performed ({@code procedure_performed}) as US Core Procedure. */
final class ProcedureTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-procedure";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("status", Procedure.ProcedureStatus.COMPLETED.getSystem(), "r."
                    + ProcedurePerformedColumns.STATUS)
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .period("date", "r." + ProcedurePerformedColumns.PERFORMED_START, "r."
                    + ProcedurePerformedColumns.PERFORMED_END)
            .token("code", "r." + ProcedurePerformedColumns.CODE + ColumnGroups.SYSTEM, "r."
                    + ProcedurePerformedColumns.CODE + ColumnGroups.CODE);

    ProcedureTable() {
        super("Procedure",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(ProcedurePerformedColumns.TABLE, ProcedurePerformedColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", ProcedurePerformedColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(LocationColumns.TABLE, "l", ProcedurePerformedColumns.LOCATION_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "pf",
                                ProcedurePerformedColumns.PERFORMER_ID)
                        + ReferenceJoins.leftJoin(DiagnosisColumns.TABLE, "d",
                                ProcedurePerformedColumns.REASON_DIAGNOSIS_ID)
                        + ReferenceJoins.leftJoin(CarePlanColumns.TABLE, "cp",
                                ProcedurePerformedColumns.BASED_ON_CARE_PLAN_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " l." + LocationColumns.PUBLIC_ID + " AS location_public_id, pf."
                        + PractitionerColumns.PUBLIC_ID + " AS performer_public_id,"
                        + " d." + DiagnosisColumns.PUBLIC_ID + " AS reason_public_id, cp." + CarePlanColumns.PUBLIC_ID
                        + " AS care_plan_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Procedure procedure = new Procedure();
        procedure.setId(row.string(ProcedurePerformedColumns.PUBLIC_ID));
        procedure.getMeta().addProfile(PROFILE);
        if (row.has("care_plan_public_id")) {
            procedure.addBasedOn(FhirValues.reference("CarePlan", row.string("care_plan_public_id")));
        }
        if (row.has(ProcedurePerformedColumns.BASED_ON_REF_TYPE)) {
            procedure.addBasedOn(FhirValues.reference(row.string(ProcedurePerformedColumns.BASED_ON_REF_TYPE),
                    row.string(ProcedurePerformedColumns.BASED_ON_REF_ID)));
        }
        procedure.setStatus(Procedure.ProcedureStatus.fromCode(row.string(ProcedurePerformedColumns.STATUS)));
        procedure.setCode(FhirValues.concept(row, ProcedurePerformedColumns.CODE));
        procedure.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        procedure.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        if (Boolean.TRUE.equals(row.bool(ProcedurePerformedColumns.PERFORMED_OVER_PERIOD))) {
            procedure.setPerformed(FhirValues.period(row, ProcedurePerformedColumns.PERFORMED_START,
                    ProcedurePerformedColumns.PERFORMED_END));
        } else {
            procedure.setPerformed(FhirValues.dateTime(row, ProcedurePerformedColumns.PERFORMED_START));
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
