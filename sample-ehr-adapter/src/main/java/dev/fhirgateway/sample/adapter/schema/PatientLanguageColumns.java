package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_language}: the languages a patient speaks besides the one in {@code patient}. */
public final class PatientLanguageColumns {

    public static final String TABLE = "patient_language";

    public static final String ID = "id";
    public static final String PATIENT_ID = "patient_id";
    public static final String LANGUAGE_CODE = "language_code";
    public static final String LANGUAGE_DISPLAY = "language_display";
    public static final String LANGUAGE_TEXT = "language_text";
    public static final String PREFERRED = "preferred";

    private PatientLanguageColumns() {
    }
}
