package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_other_name}: a patient's names besides the current one (maiden, former). */
public final class PatientOtherNameColumns {

    public static final String TABLE = "patient_other_name";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String NAME_USE = "name_use";
    public static final String FAMILY_NAME = "family_name";
    public static final String GIVEN_NAME = "given_name";
    public static final String MIDDLE_NAME = "middle_name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String NAME_SUFFIX = "name_suffix";
    public static final String PERIOD_START_TEXT = "period_start_text";
    public static final String PERIOD_END_TEXT = "period_end_text";

    private PatientOtherNameColumns() {
    }
}
