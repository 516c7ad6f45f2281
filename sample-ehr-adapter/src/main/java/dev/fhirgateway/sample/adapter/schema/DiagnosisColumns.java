package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code diagnosis}: the problem list and the encounter diagnoses. Column groups (coded, status, clinical
 * time) are prefixes, as in {@link AllergyColumns}.
 */
public final class DiagnosisColumns {

    public static final String TABLE = "diagnosis";

    public static final String ID = "id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    /** {@link #LIST_KIND_PROBLEM_LIST} or {@link #LIST_KIND_ENCOUNTER}. */
    public static final String LIST_KIND = "list_kind";
    public static final String CLINICAL_STATUS = "clinical_status";
    public static final String VERIFICATION_STATUS = "verification_status";
    /** Coded column group. */
    public static final String CODE = "code";
    /** Clinical time column groups. */
    public static final String ONSET = "onset";
    public static final String ABATEMENT = "abatement";
    public static final String ASSERTED = "asserted";
    public static final String RECORDED = "recorded";
    public static final String RECORDED_BY_ID = "recorded_by_id";
    public static final String ENCOUNTER_ID = "encounter_id";

    public static final String LIST_KIND_PROBLEM_LIST = "problem-list";
    public static final String LIST_KIND_ENCOUNTER = "encounter";

    private DiagnosisColumns() {
    }
}
