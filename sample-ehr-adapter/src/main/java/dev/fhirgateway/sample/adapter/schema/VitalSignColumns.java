package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code vital_sign}: the vitals flowsheet; its row type ({@link #VITAL_TYPE}) selects the US Core profile. Its
 * columns shared with other tables are named in {@link ObservationTableColumns}. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class VitalSignColumns {

    public static final String TABLE = "vital_sign";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String VITAL_TYPE = "vital_type";
    /** Coded column group. */
    public static final String ALT_CODE = "alt_code";

    private VitalSignColumns() {
    }
}
