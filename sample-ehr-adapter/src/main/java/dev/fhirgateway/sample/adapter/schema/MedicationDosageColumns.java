package dev.fhirgateway.sample.adapter.schema;

/**
 * The one dosage instruction of a medication order or dispense: the {@code dosage_*} columns {@code medication_order}
 * and {@code medication_dispense} share.
 */
public final class MedicationDosageColumns {

    public static final String DOSAGE_SEQUENCE = "dosage_sequence";
    public static final String DOSAGE_TEXT = "dosage_text";
    /** Coded column group. */
    public static final String DOSAGE_INSTRUCTION = "dosage_instruction";
    public static final String DOSAGE_BOUNDS_START_TEXT = "dosage_bounds_start_text";
    public static final String DOSAGE_FREQUENCY = "dosage_frequency";
    public static final String DOSAGE_PERIOD = "dosage_period";
    public static final String DOSAGE_PERIOD_UNIT = "dosage_period_unit";
    public static final String DOSAGE_AS_NEEDED = "dosage_as_needed";
    /** Coded column group. */
    public static final String DOSAGE_ROUTE = "dosage_route";
    public static final String DOSAGE_DOSE_TYPE = "dosage_dose_type";
    /** Quantity column group. */
    public static final String DOSAGE_DOSE = "dosage_dose";
    public static final String DOSAGE_PERIOD_DECIMALS = "dosage_period_decimals";

    private MedicationDosageColumns() {
    }
}
