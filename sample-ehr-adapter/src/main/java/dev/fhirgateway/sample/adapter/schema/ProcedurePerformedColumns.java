package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code procedure_performed}: procedures performed on patients. Column groups are named by their prefix (see
 * {@link ColumnGroups}).
 */
public final class ProcedurePerformedColumns {

    public static final String TABLE = "procedure_performed";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String CODE = "code";
    public static final String PERFORMED_OVER_PERIOD = "performed_over_period";
    /** Clinical time column group. */
    public static final String PERFORMED_START = "performed_start";
    /** Clinical time column group. */
    public static final String PERFORMED_END = "performed_end";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String LOCATION_ID = "location_id";
    public static final String PERFORMER_ID = "performer_id";
    public static final String REASON_DIAGNOSIS_ID = "reason_diagnosis_id";
    public static final String BASED_ON_CARE_PLAN_ID = "based_on_care_plan_id";
    public static final String BASED_ON_REF_TYPE = "based_on_ref_type";
    public static final String BASED_ON_REF_ID = "based_on_ref_id";

    private ProcedurePerformedColumns() {
    }
}
