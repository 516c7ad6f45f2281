package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
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
            .tokenInChild("category", "care_plan_category c WHERE c.care_plan_id = r.id", "c.category_system",
                    "c.category_code")
            .period("date", "r.period_start", "r.period_end")
            .reference("patient", "Patient", "p.public_id")
            .tokenOfSystem("status", CarePlan.CarePlanStatus.ACTIVE.getSystem(), "r.status");

    private static final String PROBLEMS = "(SELECT cpp.*, d.public_id AS condition_public_id"
            + " FROM care_plan_problem cpp JOIN diagnosis d ON d.id = cpp.diagnosis_id) problems";
    private static final String ACTIVITIES = "(SELECT a.*, l.public_id AS location_public_id"
            + " FROM care_plan_activity a LEFT JOIN location l ON l.id = a.location_id) activities";

    CarePlanTable() {
        super("CarePlan",
                List.of(PROFILE),
                "care_plan r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN encounter e ON e.id = r.encounter_id"
                        + " LEFT JOIN care_team ct ON ct.id = r.care_team_id",
                "r.*, p.public_id AS patient_public_id, e.public_id AS encounter_public_id,"
                        + " ct.public_id AS care_team_public_id",
                SEARCH);
    }

    @Override
    public List<ChildTable> children() {
        return List.of(new ChildTable("categories", "care_plan_category", "care_plan_id"),
                new ChildTable("problems", PROBLEMS, "care_plan_id"),
                new ChildTable("activities", ACTIVITIES, "care_plan_id"));
    }

    @Override
    public Resource toFhir(TableRow row) {
        CarePlan plan = new CarePlan();
        plan.setId(row.string("public_id"));
        plan.getMeta().addProfile(PROFILE);
        if (row.has("narrative_xhtml")) {
            plan.getText().setStatus(Narrative.NarrativeStatus.fromCode(row.string("narrative_status")));
            plan.getText().setDivAsString(row.string("narrative_xhtml"));
        }
        plan.setStatus(CarePlan.CarePlanStatus.fromCode(row.string("status")));
        plan.setIntent(CarePlan.CarePlanIntent.fromCode(row.string("intent")));
        for (TableRow category : row.children("categories")) {
            plan.addCategory(FhirValues.concept(category, "category"));
        }
        plan.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        plan.setEncounter(FhirValues.reference("Encounter", row.string("encounter_public_id")));
        plan.setPeriod(FhirValues.period(row, "period_start", "period_end"));
        if (row.has("care_team_public_id")) {
            plan.addCareTeam(FhirValues.reference("CareTeam", row.string("care_team_public_id")));
        }
        for (TableRow problem : row.children("problems")) {
            plan.addAddresses(FhirValues.reference("Condition", problem.string("condition_public_id")));
        }
        for (TableRow activity : row.children("activities")) {
            CarePlan.CarePlanActivityDetailComponent detail = plan.addActivity().getDetail();
            detail.setCode(FhirValues.concept(activity, "code"));
            detail.setStatus(CarePlan.CarePlanActivityStatus.fromCode(activity.string("status")));
            detail.setLocation(FhirValues.reference("Location", activity.string("location_public_id")));
        }
        return plan;
    }
}
