package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code medication_dispense}: medications handed over to patients. Its columns shared with other tables are
 * named in {@link MedicationDosageColumns}. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class MedicationDispenseColumns {

    public static final String TABLE = "medication_dispense";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String ENCOUNTER_ID = "encounter_id";
    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String TYPE = "type";
    public static final String MEDICATION_ID = "medication_id";
    /** Coded column group. */
    public static final String DRUG = "drug";
    public static final String MEDICATION_ORDER_ID = "medication_order_id";
    /** Quantity column group. */
    public static final String QUANTITY = "quantity";
    /** Clinical time column group. */
    public static final String HANDED_OVER = "handed_over";

    private MedicationDispenseColumns() {
    }
}
