package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code care_plan_category}: each category of a care plan, as recorded. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class CarePlanCategoryColumns {

    public static final String TABLE = "care_plan_category";

    public static final String ID = "id";
    public static final String CARE_PLAN_ID = "care_plan_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private CarePlanCategoryColumns() {
    }
}
