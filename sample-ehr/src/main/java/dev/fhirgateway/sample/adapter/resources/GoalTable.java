package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import java.util.List;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Resource;

/** Treatment goals ({@code goal}) as US Core Goal. */
final class GoalTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("lifecycle-status", Goal.GoalLifecycleStatus.ACTIVE.getSystem(), "r.lifecycle_status")
            .reference("patient", "Patient", "p.public_id")
            .date("target-date", "r.target_due")
            .token("description", "r.description_system", "r.description_code");

    GoalTable() {
        super("Goal",
                List.of(PROFILE),
                "goal r JOIN patient p ON p.id = r.patient_id"
                        + " LEFT JOIN practitioner eb ON eb.id = r.expressed_by_id",
                "r.*, p.public_id AS patient_public_id, eb.public_id AS expressed_by_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Goal goal = new Goal();
        goal.setId(row.string("public_id"));
        goal.getMeta().addProfile(PROFILE);
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.fromCode(row.string("lifecycle_status")));
        goal.setDescription(FhirValues.concept(row, "description"));
        goal.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has("start_text")) {
            goal.setStart(new DateType(row.string("start_text")));
        }
        if (row.has("target_due_text")) {
            goal.addTarget().setDue(new DateType(row.string("target_due_text")));
        }
        goal.setExpressedBy(FhirValues.reference("Practitioner", row.string("expressed_by_public_id")));
        return goal;
    }
}
