package dev.fhirgateway.sample.adapter.schema;

/** Table {@code care_plan_problem}: the problems (diagnoses) a care plan addresses. */
public final class CarePlanProblemColumns {

    public static final String TABLE = "care_plan_problem";

    public static final String ID = "id";
    public static final String CARE_PLAN_ID = "care_plan_id";
    public static final String DIAGNOSIS_ID = "diagnosis_id";

    private CarePlanProblemColumns() {
    }
}
