package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code care_plan}: a patient's care plans (their narrative and period). Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class CarePlanColumns {

    public static final String TABLE = "care_plan";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    public static final String INTENT = "intent";
    public static final String NARRATIVE_STATUS = "narrative_status";
    public static final String NARRATIVE_XHTML = "narrative_xhtml";
    /** Clinical time column group. */
    public static final String PERIOD_START = "period_start";
    /** Clinical time column group. */
    public static final String PERIOD_END = "period_end";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String CARE_TEAM_ID = "care_team_id";

    private CarePlanColumns() {
    }
}
