package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code care_plan_activity}: the planned activities of a care plan. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class CarePlanActivityColumns {

    public static final String TABLE = "care_plan_activity";

    public static final String ID = "id";
    public static final String CARE_PLAN_ID = "care_plan_id";
    /** Coded column group. */
    public static final String CODE = "code";
    public static final String STATUS = "status";
    public static final String LOCATION_ID = "location_id";

    private CarePlanActivityColumns() {
    }
}
