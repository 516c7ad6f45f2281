package dev.fhirgateway.sample.adapter.resources;

import dev.fhirgateway.sample.adapter.ResourceTable;
import java.util.List;

/**
 * Every table of the sample EHR the adapter serves, besides patients. Tables of one resource type are searched
 * in the order listed here.
 */
public final class ServedTables {

    private ServedTables() {
    }

    public static List<ResourceTable> all() {
        return List.of(
                new AllergyIntoleranceTable(),
                new VitalSignTable(),
                new TestResultTable(),
                new SocialHistoryTable(),
                new AssessmentAnswerTable());
    }
}
