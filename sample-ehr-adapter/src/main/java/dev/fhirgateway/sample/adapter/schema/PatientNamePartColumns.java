package dev.fhirgateway.sample.adapter.schema;

/** Table {@code patient_name_part}: the searchable parts of a patient's names, one row per part and kind. */
public final class PatientNamePartColumns {

    public static final String TABLE = "patient_name_part";

    public static final String PATIENT_ID = "patient_id";
    public static final String PART_KIND = "part_kind";
    public static final String PART_TEXT = "part_text";
    public static final String NORMALIZED_TEXT = "normalized_text";

    /** {@link #PART_KIND} values: family name, each given name, prefix, suffix, and "given [middle] family". */
    public static final String KIND_FAMILY = "family";
    public static final String KIND_GIVEN = "given";
    public static final String KIND_PREFIX = "prefix";
    public static final String KIND_SUFFIX = "suffix";
    public static final String KIND_FULL = "full";

    private PatientNamePartColumns() {
    }
}
