package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code immunization}: vaccines given (or not given) to patients. Column groups are named by their prefix (see
 * {@link ColumnGroups}).
 */
public final class ImmunizationColumns {

    public static final String TABLE = "immunization";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PATIENT_ID = "patient_id";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String STATUS_REASON = "status_reason";
    /** Coded column group. */
    public static final String VACCINE = "vaccine";
    /** Clinical time column group. */
    public static final String OCCURRED = "occurred";
    public static final String PRIMARY_SOURCE = "primary_source";
    public static final String LOT_NUMBER = "lot_number";
    public static final String ENCOUNTER_ID = "encounter_id";
    public static final String LOCATION_ID = "location_id";
    public static final String PERFORMER_ID = "performer_id";

    private ImmunizationColumns() {
    }
}
