package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code form_response}: answers to a form (questionnaire) as filled in. Column groups are named by their prefix
 * (see {@link ColumnGroups}).
 */
public final class FormResponseColumns {

    public static final String TABLE = "form_response";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    /** Identifier column group. */
    public static final String RESPONSE_NUMBER = "response_number";
    public static final String FORM_URL = "form_url";
    public static final String FORM_TITLE = "form_title";
    public static final String FORM_LOCATION_URL = "form_location_url";
    public static final String STATUS = "status";
    /** Clinical time column group. */
    public static final String ANSWERED = "answered";
    public static final String AUTHOR_ID = "author_id";
    public static final String ENCOUNTER_ID = "encounter_id";

    private FormResponseColumns() {
    }
}
