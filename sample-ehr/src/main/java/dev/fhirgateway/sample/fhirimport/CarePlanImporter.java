package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.CarePlanActivityColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanCategoryColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanColumns;
import dev.fhirgateway.sample.adapter.schema.CarePlanProblemColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A CarePlan into {@code care_plan} with its categories, addressed problems and activities; its narrative is
 * the plan as written for the patient and is kept.
 */
final class CarePlanImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "CarePlan";
    }

    @Override
    public String table() {
        return CarePlanColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("status", "intent", "category", "subject", "encounter", "period", "careTeam", "addresses",
                "activity");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        CarePlan p = (CarePlan) resource;
        Map<String, Object> row = context.row(p);
        row.put(CarePlanColumns.PATIENT_ID, RequiredPatient.internalId(context, p.getSubject(), "subject", p));
        row.put(CarePlanColumns.STATUS, p.getStatus().toCode());
        row.put(CarePlanColumns.INTENT, p.getIntent().toCode());
        if (p.hasText() && p.getText().hasDiv()) {
            row.put(CarePlanColumns.NARRATIVE_STATUS, p.getText().hasStatus() ? p.getText().getStatus().toCode()
                    : "additional");
            row.put(CarePlanColumns.NARRATIVE_XHTML, p.getText().getDivAsString());
        }
        ClinicalTime.put(row, CarePlanColumns.PERIOD_START, p.getPeriod().hasStart()
                ? p.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, CarePlanColumns.PERIOD_END, p.getPeriod().hasEnd()
                ? p.getPeriod().getEndElement().getValueAsString() : null);
        row.put(CarePlanColumns.ENCOUNTER_ID, context.internalId(p.getEncounter(), "encounter", "Encounter"));
        row.put(CarePlanColumns.CARE_TEAM_ID, p.hasCareTeam()
                ? context.internalId(p.getCareTeamFirstRep(), "careTeam", "CareTeam") : null);
        if (p.getCareTeam().size() > 1) {
            context.notMapped("careTeam", "only the first care team is kept");
        }
        long planId = context.insert(CarePlanColumns.TABLE, row);
        for (CodeableConcept category : p.getCategory()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put(CarePlanCategoryColumns.CARE_PLAN_ID, planId);
            Codes.put(c, CarePlanCategoryColumns.CATEGORY, category, context, "category");
            context.insert(CarePlanCategoryColumns.TABLE, c);
        }
        for (Reference problem : p.getAddresses()) {
            Long diagnosisId = context.internalId(problem, "addresses", "Condition");
            if (diagnosisId != null) {
                context.insert(CarePlanProblemColumns.TABLE,
                        new LinkedHashMap<>(Map.of(CarePlanProblemColumns.CARE_PLAN_ID, planId,
                        CarePlanProblemColumns.DIAGNOSIS_ID, diagnosisId)));
            }
        }
        for (CarePlan.CarePlanActivityComponent activity : p.getActivity()) {
            if (!activity.hasDetail()) {
                context.notMapped("activity", "only activities described in detail are kept");
                continue;
            }
            CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put(CarePlanActivityColumns.CARE_PLAN_ID, planId);
            Codes.put(a, CarePlanActivityColumns.CODE, detail.getCode(), context, "activity.detail.code");
            a.put(CarePlanActivityColumns.STATUS, detail.getStatus().toCode());
            a.put(CarePlanActivityColumns.LOCATION_ID,
                    context.internalId(detail.getLocation(), "activity.detail.location", "Location"));
            context.insert(CarePlanActivityColumns.TABLE, a);
        }
    }
}
