package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.CarePlanActivityColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanProblemColumns;
import dev.fhirgateway.sample.adapter.schema.CareTeamColumns;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.DiagnosisColumns;
import dev.fhirgateway.sample.adapter.schema.EncounterColumns;
import dev.fhirgateway.sample.adapter.schema.LocationColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import java.util.List;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Resource;

/**
 * Care plans ({@code care_plan} with its categories, addressed problems and activities) as US Core CarePlan; the
 * plan as written for the patient is the narrative.
 */
final class CarePlanTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenInChild("category", CarePlanCategoryColumns.TABLE + " c WHERE c."
                    + CarePlanCategoryColumns.CARE_PLAN_ID + " = r." + CarePlanColumns.ID, "c."
                    + CarePlanCategoryColumns.CATEGORY + ColumnGroups.SYSTEM,
                    "c." + CarePlanCategoryColumns.CATEGORY + ColumnGroups.CODE)
            .period("date", "r." + CarePlanColumns.PERIOD_START, "r." + CarePlanColumns.PERIOD_END)
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .tokenOfSystem("status", CarePlan.CarePlanStatus.ACTIVE.getSystem(), "r." + CarePlanColumns.STATUS);

    private static final String PROBLEMS = "(SELECT cpp.*, d." + DiagnosisColumns.PUBLIC_ID + " AS condition_public_id"
            + " FROM " + CarePlanProblemColumns.TABLE + " cpp JOIN " + DiagnosisColumns.TABLE + " d ON d."
            + DiagnosisColumns.ID + " = cpp." + CarePlanProblemColumns.DIAGNOSIS_ID + ") problems";
    private static final String ACTIVITIES = "(SELECT a.*, l." + LocationColumns.PUBLIC_ID + " AS location_public_id"
            + " FROM " + CarePlanActivityColumns.TABLE + " a LEFT JOIN " + LocationColumns.TABLE + " l ON l."
            + LocationColumns.ID + " = a." + CarePlanActivityColumns.LOCATION_ID + ") activities";

    CarePlanTable() {
        super("CarePlan",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(CarePlanColumns.TABLE, CarePlanColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(EncounterColumns.TABLE, "e", CarePlanColumns.ENCOUNTER_ID)
                        + ReferenceJoins.leftJoin(CareTeamColumns.TABLE, "ct", CarePlanColumns.CARE_TEAM_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", e." + EncounterColumns.PUBLIC_ID
                        + " AS encounter_public_id,"
                        + " ct." + CareTeamColumns.PUBLIC_ID + " AS care_team_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", CarePlanCategoryColumns.TABLE,
                CarePlanCategoryColumns.CARE_PLAN_ID),
                new ChildTable("problems", PROBLEMS, CarePlanProblemColumns.CARE_PLAN_ID),
                new ChildTable("activities", ACTIVITIES, CarePlanActivityColumns.CARE_PLAN_ID));
    }

    @Override
    public Resource toFhir(TableRow row) {
        CarePlan plan = new CarePlan();
        plan.setId(row.string(CarePlanColumns.PUBLIC_ID));
        plan.getMeta().addProfile(PROFILE);
        if (row.has(CarePlanColumns.NARRATIVE_XHTML)) {
            plan.getText().setStatus(Narrative.NarrativeStatus.fromCode(row.string(CarePlanColumns.NARRATIVE_STATUS)));
            plan.getText().setDivAsString(row.string(CarePlanColumns.NARRATIVE_XHTML));
        }
        plan.setStatus(CarePlan.CarePlanStatus.fromCode(row.string(CarePlanColumns.STATUS)));
        plan.setIntent(CarePlan.CarePlanIntent.fromCode(row.string(CarePlanColumns.INTENT)));
        for (TableRow category : row.children("categories")) {
            plan.addCategory(FhirValues.concept(category, CarePlanCategoryColumns.CATEGORY));
        }
        plan.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        plan.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        plan.setPeriod(FhirValues.period(row, CarePlanColumns.PERIOD_START, CarePlanColumns.PERIOD_END));
        if (row.has("care_team_public_id")) {
            plan.addCareTeam(FhirValues.reference("CareTeam", row.string("care_team_public_id")));
        }
        for (TableRow problem : row.children("problems")) {
            plan.addAddresses(FhirValues.reference("Condition", problem.string("condition_public_id")));
        }
        for (TableRow activity : row.children("activities")) {
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.setCode(FhirValues.concept(activity, CarePlanActivityColumns.CODE));
            detail.setStatus(CarePlan.CarePlanActivityStatus.fromCode(activity.string(CarePlanActivityColumns.STATUS)));
            detail.setLocation(FhirValues.reference("Location", activity.string("location_public_id")));
        }
        return plan;
    }
}
