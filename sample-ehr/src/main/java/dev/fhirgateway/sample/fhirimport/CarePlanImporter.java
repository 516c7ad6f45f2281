package dev.fhirgateway.sample.fhirimport;

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
        return "care_plan";
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
        row.put("patient_id", RequiredPatient.internalId(context, p.getSubject(), "subject", p));
        row.put("status", p.getStatus().toCode());
        row.put("intent", p.getIntent().toCode());
        if (p.hasText() && p.getText().hasDiv()) {
            row.put("narrative_status", p.getText().hasStatus() ? p.getText().getStatus().toCode() : "additional");
            row.put("narrative_xhtml", p.getText().getDivAsString());
        }
        ClinicalTime.put(row, "period_start", p.getPeriod().hasStart()
                ? p.getPeriod().getStartElement().getValueAsString() : null);
        ClinicalTime.put(row, "period_end", p.getPeriod().hasEnd()
                ? p.getPeriod().getEndElement().getValueAsString() : null);
        row.put("encounter_id", context.internalId(p.getEncounter(), "encounter", "Encounter"));
        row.put("care_team_id", p.hasCareTeam()
                ? context.internalId(p.getCareTeamFirstRep(), "careTeam", "CareTeam") : null);
        if (p.getCareTeam().size() > 1) {
            context.notMapped("careTeam", "only the first care team is kept");
        }
        long planId = context.insert("care_plan", row);
        for (CodeableConcept category : p.getCategory()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("care_plan_id", planId);
            Codes.put(c, "category", category, context, "category");
            context.insert("care_plan_category", c);
        }
        for (Reference problem : p.getAddresses()) {
            Long diagnosisId = context.internalId(problem, "addresses", "Condition");
            if (diagnosisId != null) {
                context.insert("care_plan_problem", new LinkedHashMap<>(Map.of("care_plan_id", planId,
                        "diagnosis_id", diagnosisId)));
            }
        }
        for (CarePlan.CarePlanActivityComponent activity : p.getActivity()) {
            if (!activity.hasDetail()) {
                context.notMapped("activity", "only activities described in detail are kept");
                continue;
            }
            CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("care_plan_id", planId);
            Codes.put(a, "code", detail.getCode(), context, "activity.detail.code");
            a.put("status", detail.getStatus().toCode());
            a.put("location_id", context.internalId(detail.getLocation(), "activity.detail.location", "Location"));
            context.insert("care_plan_activity", a);
        }
    }
}
