package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code medication_order}: medication orders and reported medications. Its columns shared with other tables are
 * named in {@link MedicationDosageColumns}. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class MedicationOrderColumns {

    public static final String TABLE = "medication_order";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";
    public static final String STATUS = "status";
    public static final String INTENT = "intent";
    public static final String CATEGORY_CODE = "category_code";
    public static final String CATEGORY_TEXT = "category_text";
    public static final String MEDICATION_ID = "medication_id";
    /** Coded column group. */
    public static final String DRUG = "drug";
    public static final String REPORTED = "reported";
    public static final String REPORTED_BY_PRACTITIONER_ID = "reported_by_practitioner_id";
    public static final String REPORTED_BY_PATIENT_ID = "reported_by_patient_id";
    /** Clinical time column group. */
    public static final String AUTHORED_ON = "authored_on";
    public static final String REQUESTER_PRACTITIONER_ID = "requester_practitioner_id";
    public static final String REQUESTER_PATIENT_ID = "requester_patient_id";
    public static final String REFILLS_ALLOWED = "refills_allowed";
    /** Quantity column group. */
    public static final String DISPENSE_QUANTITY = "dispense_quantity";

    private MedicationOrderColumns() {
    }
}
