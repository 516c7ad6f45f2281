package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient}: one row per patient of a practice, its current name, address and demographics. */
public final class PatientColumns {

    public static final String TABLE = "patient";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String MRN = "mrn";
    public static final String FAMILY_NAME = "family_name";
    public static final String GIVEN_NAME = "given_name";
    public static final String MIDDLE_NAME = "middle_name";
    public static final String NAME_PREFIX = "name_prefix";
    public static final String NAME_SUFFIX = "name_suffix";
    public static final String GENDER = "gender";
    public static final String BIRTH_DATE = "birth_date";
    public static final String DECEASED_DATE = "deceased_date";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String ADDRESS_LINE = "address_line";
    public static final String CITY = "city";
    public static final String STATE = "state";
    public static final String POSTAL_CODE = "postal_code";
    public static final String LANGUAGE_CODE = "language_code";
    public static final String LANGUAGE_PREFERRED = "language_preferred";
    public static final String RACE_CODE = "race_code";
    public static final String ETHNICITY_CODE = "ethnicity_code";
    public static final String BIRTH_SEX = "birth_sex";
    public static final String SEX_CODE = "sex_code";
    public static final String GENDER_IDENTITY_CODE = "gender_identity_code";
    public static final String TRIBAL_AFFILIATION_CODE = "tribal_affiliation_code";
    public static final String NAME_SINCE = "name_since";
    public static final String ADDRESS_SINCE = "address_since";
    public static final String RACE_TEXT = "race_text";
    public static final String ETHNICITY_TEXT = "ethnicity_text";
    public static final String TRIBAL_AFFILIATION_ENROLLED = "tribal_affiliation_enrolled";
    public static final String LANGUAGE_DISPLAY = "language_display";
    public static final String LANGUAGE_TEXT = "language_text";
    public static final String GENDER_IDENTITY_DISPLAY = "gender_identity_display";
    public static final String GENDER_IDENTITY_TEXT = "gender_identity_text";
    public static final String TRIBAL_AFFILIATION_DISPLAY = "tribal_affiliation_display";
    public static final String TRIBAL_AFFILIATION_TEXT = "tribal_affiliation_text";
    public static final String DECEASED = "deceased";
    public static final String DECEASED_TEXT = "deceased_text";
    public static final String UPDATED_AT = "updated_at";

    private PatientColumns() {
    }
}
