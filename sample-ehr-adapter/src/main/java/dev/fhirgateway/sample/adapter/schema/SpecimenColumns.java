package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code specimen}: specimens taken from patients. Column groups are named by their prefix (see {@link
 * ColumnGroups}).
 */
public final class SpecimenColumns {

    public static final String TABLE = "specimen";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    /** Identifier column group. */
    public static final String SPECIMEN_NUMBER = "specimen_number";
    /** Identifier column group. */
    public static final String ACCESSION = "accession";
    /** Coded column group. */
    public static final String SPECIMEN_TYPE = "specimen_type";
    /** Clinical time column group. */
    public static final String COLLECTED = "collected";
    /** Coded column group. */
    public static final String BODY_SITE = "body_site";
    /** Coded column group. */
    public static final String CONTAINER = "container";
    /** Coded column group. */
    public static final String CONDITION = "condition";

    private SpecimenColumns() {
    }
}
