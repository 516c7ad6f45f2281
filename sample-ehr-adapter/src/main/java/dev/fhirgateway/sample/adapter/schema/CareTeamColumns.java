package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code care_team}: a patient's care teams. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class CareTeamColumns {

    public static final String TABLE = "care_team";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    public static final String TEAM_NAME = "team_name";
    /** Coded column group. */
    public static final String REASON = "reason";
    /** Clinical time column group. */
    public static final String PERIOD_START = "period_start";
    /** Clinical time column group. */
    public static final String PERIOD_END = "period_end";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String MANAGING_ORGANIZATION_ID = "managing_organization_id";

    private CareTeamColumns() {
    }
}
