package dev.fhirgateway.sample.adapter.schema;

/** Table {@code goal}: a patient's goals. Column groups are named by their prefix (see {@link ColumnGroups}). */
public final class GoalColumns {

    public static final String TABLE = "goal";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String LIFECYCLE_STATUS = "lifecycle_status";
    /** Coded column group. */
    public static final String DESCRIPTION = "description";
    /** Clinical time column group. */
    public static final String START = "start";
    /** Clinical time column group. */
    public static final String TARGET_DUE = "target_due";
    public static final String EXPRESSED_BY_ID = "expressed_by_id";

    private GoalColumns() {
    }
}
