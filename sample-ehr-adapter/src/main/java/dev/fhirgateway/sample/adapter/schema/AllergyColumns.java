package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code allergy}: the allergy list. A coded column group ({@link #ALLERGEN}) is the prefix of its
 * {@code _system}, {@code _code}, {@code _display} and {@code _text} columns; a status ({@link #CLINICAL_STATUS})
 * is its code column and the prefix of {@code _display} and {@code _text}; a clinical time ({@link #ONSET}) is the
 * prefix of {@code _text}, {@code _local_start}, {@code _local_end}, {@code _utc_start} and {@code _utc_end}.
 */
public final class AllergyColumns {

    public static final String TABLE = "allergy";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String CLINICAL_STATUS = "clinical_status";
    public static final String VERIFICATION_STATUS = "verification_status";
    public static final String CATEGORY = "category";
    public static final String CRITICALITY = "criticality";
    /** Coded column group. */
    public static final String ALLERGEN = "allergen";
    /** Clinical time column group. */
    public static final String ONSET = "onset";
    public static final String RECORDED_AT_TEXT = "recorded_at_text";
    public static final String RECORDED_BY_ID = "recorded_by_id";
    public static final String ENCOUNTER_ID = "encounter_id";

    private AllergyColumns() {
    }
}
