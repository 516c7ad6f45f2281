package dev.fhirgateway.sample.adapter.schema;

/**
 * The columns the four observation tables ({@code vital_sign}, {@code test_result}, {@code social_history_entry},
 * {@code assessment_answer}) share, with the same names in each (see {@code V10__observations.sql}): code, effective
 * time, value, data absent reason, performer, note. A vital sign's component ({@code vital_sign_component}) has the
 * code, value and data absent reason columns.
 */
public final class ObservationTableColumns {

    public static final String PATIENT_ID = "patient_id";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String CODE = "code";
    /** Clinical time column group. */
    public static final String EFFECTIVE = "effective";
    public static final String EFFECTIVE_END_TEXT = "effective_end_text";
    public static final String EFFECTIVE_IS_PERIOD = "effective_is_period";
    public static final String ISSUED_TEXT = "issued_text";
    public static final String VALUE_QUANTITY = "value_quantity";
    public static final String VALUE_DECIMALS = "value_decimals";
    public static final String VALUE_UNIT = "value_unit";
    public static final String VALUE_UNIT_SYSTEM = "value_unit_system";
    public static final String VALUE_UNIT_CODE = "value_unit_code";
    /** Coded column group. */
    public static final String VALUE_CONCEPT = "value_concept";
    public static final String VALUE_STRING = "value_string";
    public static final String VALUE_BOOLEAN = "value_boolean";
    /** Status: the code, and the prefix of its display and text columns. */
    public static final String DATA_ABSENT_REASON = "data_absent_reason";
    public static final String PERFORMER_PRACTITIONER_ID = "performer_practitioner_id";
    public static final String PERFORMER_ORGANIZATION_ID = "performer_organization_id";
    public static final String PERFORMER_PATIENT_ID = "performer_patient_id";
    public static final String PERFORMER_REF_TYPE = "performer_ref_type";
    public static final String PERFORMER_REF_ID = "performer_ref_id";
    public static final String NOTE = "note";
    /**
     * Coded column group of each table's category rows ({@link VitalSignCategoryColumns},
     * {@link TestResultCategoryColumns}, {@link SocialHistoryCategoryColumns},
     * {@link AssessmentAnswerCategoryColumns}).
     */
    public static final String CATEGORY = "category";

    private ObservationTableColumns() {
    }
}
