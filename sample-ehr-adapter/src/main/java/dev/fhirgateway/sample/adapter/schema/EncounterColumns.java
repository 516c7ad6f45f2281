package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code encounter}: the visits of patients. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class EncounterColumns {

    public static final String TABLE = "encounter";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    public static final String CLASS_CODE = "class_code";
    /** Coded column group. */
    public static final String TYPE = "type";
    /** Clinical time column group. */
    public static final String PERIOD_START = "period_start";
    /** Clinical time column group. */
    public static final String PERIOD_END = "period_end";
    public static final String LOCATION_ID = "location_id";
    public static final String SERVICE_PROVIDER_ID = "service_provider_id";
    public static final String ATTENDER_ID = "attender_id";
    public static final String INTERPRETER_NEEDED_SYSTEM = "interpreter_needed_system";
    public static final String INTERPRETER_NEEDED_CODE = "interpreter_needed_code";
    /** Coded column group. */
    public static final String ATTENDER_TYPE = "attender_type";
    public static final String ATTENDER_START_TEXT = "attender_start_text";
    public static final String ATTENDER_END_TEXT = "attender_end_text";
    /** Coded column group. */
    public static final String DISCHARGE_DISPOSITION = "discharge_disposition";
    public static final String CLASS_DISPLAY = "class_display";

    private EncounterColumns() {
    }
}
