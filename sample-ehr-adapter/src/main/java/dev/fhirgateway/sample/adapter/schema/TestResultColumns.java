package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code test_result}: lab, imaging and other test results. Its columns shared with other tables are named in
 * {@link ObservationTableColumns}.
 */
public final class TestResultColumns {

    public static final String TABLE = "test_result";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String RESULT_CATEGORY = "result_category";
    public static final String INTERPRETATION_CODE = "interpretation_code";
    public static final String INTERPRETATION_DISPLAY = "interpretation_display";
    public static final String RANGE_LOW = "range_low";
    public static final String RANGE_LOW_DECIMALS = "range_low_decimals";
    public static final String RANGE_HIGH = "range_high";
    public static final String RANGE_HIGH_DECIMALS = "range_high_decimals";
    public static final String RANGE_UNIT = "range_unit";
    public static final String RANGE_UNIT_SYSTEM = "range_unit_system";
    public static final String RANGE_UNIT_CODE = "range_unit_code";
    public static final String RANGE_TEXT = "range_text";
    public static final String SPECIMEN_REF_TYPE = "specimen_ref_type";
    public static final String SPECIMEN_REF_ID = "specimen_ref_id";

    private TestResultColumns() {
    }
}
