package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import dev.fhirgateway.sample.adapter.SearchColumns;
import dev.fhirgateway.sample.adapter.TableRow;
import dev.fhirgateway.sample.adapter.schema.ColumnGroups;
import dev.fhirgateway.sample.adapter.schema.GoalColumns;
import dev.fhirgateway.sample.adapter.schema.PatientColumns;
import dev.fhirgateway.sample.adapter.schema.PractitionerColumns;
import java.util.List;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Resource;

/** Treatment goals ({@code goal}) as US Core Goal. */
final class GoalTable extends ResourceTable {

    static final String PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal";

    private static final SearchColumns SEARCH = SearchColumns.withId()
            .tokenOfSystem("lifecycle-status", Goal.GoalLifecycleStatus.ACTIVE.getSystem(), "r."
                    + GoalColumns.LIFECYCLE_STATUS)
            .reference("patient", "Patient", "p." + PatientColumns.PUBLIC_ID)
            .date("target-date", "r." + GoalColumns.TARGET_DUE)
            .token("description", "r." + GoalColumns.DESCRIPTION + ColumnGroups.SYSTEM, "r." + GoalColumns.DESCRIPTION
                    + ColumnGroups.CODE);

    GoalTable() {
        super("Goal",
                List.of(PROFILE),
                ReferenceJoins.rowsWithPatient(GoalColumns.TABLE, GoalColumns.PATIENT_ID)
                        + ReferenceJoins.leftJoin(PractitionerColumns.TABLE, "eb", GoalColumns.EXPRESSED_BY_ID),
                "r.*, " + ReferenceJoins.PATIENT_PUBLIC_ID + ", eb." + PractitionerColumns.PUBLIC_ID
                        + " AS expressed_by_public_id",
                SEARCH);
    }

    @Override
    public Resource toFhir(TableRow row) {
        Goal goal = new Goal();
        goal.setId(row.string(GoalColumns.PUBLIC_ID));
        goal.getMeta().addProfile(PROFILE);
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.fromCode(row.string(GoalColumns.LIFECYCLE_STATUS)));
        goal.setDescription(FhirValues.concept(row, GoalColumns.DESCRIPTION));
        goal.setSubject(FhirValues.reference("Patient", row.string("patient_public_id")));
        if (row.has(GoalColumns.START + ColumnGroups.TEXT)) {
            goal.setStart(new DateType(row.string(GoalColumns.START + ColumnGroups.TEXT)));
        }
        if (row.has(GoalColumns.TARGET_DUE + ColumnGroups.TEXT)) {
            goal.addTarget().setDue(new DateType(row.string(GoalColumns.TARGET_DUE + ColumnGroups.TEXT)));
        }
        goal.setExpressedBy(FhirValues.reference("Practitioner", row.string("expressed_by_public_id")));
        return goal;
    }
}
