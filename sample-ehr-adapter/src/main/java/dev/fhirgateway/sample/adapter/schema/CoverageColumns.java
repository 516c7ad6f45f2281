package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code coverage}: a patient's insurance coverages. Column groups are named by their prefix (see {@link
 * ColumnGroups}).
 */
public final class CoverageColumns {

    public static final String TABLE = "coverage";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    public static final String MEMBER_ID_SYSTEM = "member_id_system";
    public static final String MEMBER_ID = "member_id";
    /** Coded column group. */
    public static final String TYPE = "type";
    public static final String SUBSCRIBER_ID = "subscriber_id";
    public static final String RELATIONSHIP_CODE = "relationship_code";
    public static final String RELATIONSHIP_TEXT = "relationship_text";
    /** Clinical time column group. */
    public static final String PERIOD_START = "period_start";
    /** Clinical time column group. */
    public static final String PERIOD_END = "period_end";
    public static final String PAYOR_ORGANIZATION_ID = "payor_organization_id";

    private CoverageColumns() {
    }
}
