package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code medication}: the drug catalogue entries orders and dispenses may point to. Column groups are named by
 * their prefix (see {@link ColumnGroups}).
 */
public final class MedicationColumns {

    public static final String TABLE = "medication";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    /** Coded column group. */
    public static final String DRUG = "drug";
    public static final String STATUS = "status";

    private MedicationColumns() {
    }
}
