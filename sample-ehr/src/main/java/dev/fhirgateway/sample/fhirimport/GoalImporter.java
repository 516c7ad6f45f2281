package dev.fhirgateway.sample.fhirimport;

import dev.fhirgateway.sample.adapter.schema.GoalColumns;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Resource;

/** A Goal into {@code goal}: its start date and one target date. */
final class GoalImporter implements ResourceImporter {

    @Override
    public String resourceType() {
        return "Goal";
    }

    @Override
    public String table() {
        return GoalColumns.TABLE;
    }

    @Override
    public Set<String> mappedElements() {
        return Set.of("lifecycleStatus", "description", "subject", "start", "target", "expressedBy");
    }

    @Override
    public void importResource(ImportContext context, Resource resource) {
        Goal g = (Goal) resource;
        Map<String, Object> row = context.row(g);
        row.put(GoalColumns.PATIENT_ID, RequiredPatient.internalId(context, g.getSubject(), "subject", g));
        row.put(GoalColumns.LIFECYCLE_STATUS, g.getLifecycleStatus().toCode());
        Codes.put(row, GoalColumns.DESCRIPTION, g.getDescription(), context, "description");
        if (g.hasStart() && !g.hasStartDateType()) {
            context.notMapped("start", "only a start date is kept");
        }
        ClinicalTime.put(row, GoalColumns.START, g.hasStartDateType() ? g.getStartDateType().getValueAsString() : null);
        String due = null;
        for (Goal.GoalTargetComponent target : g.getTarget()) {
            if (due == null && target.hasDueDateType()) {
                due = target.getDueDateType().getValueAsString();
            } else {
                context.notMapped("target", "one target date per goal is kept");
            }
            if (target.hasMeasure() || target.hasDetail()) {
                context.notMapped("target", "target measures are not kept");
            }
        }
        ClinicalTime.put(row, GoalColumns.TARGET_DUE, due);
        row.put(GoalColumns.EXPRESSED_BY_ID, context.internalId(g.getExpressedBy(), "expressedBy", "Practitioner"));
        context.insert(GoalColumns.TABLE, row);
    }
}
