package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code vital_sign_category}: each category a vital sign was recorded with. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class VitalSignCategoryColumns {

    public static final String TABLE = "vital_sign_category";

    public static final String ID = "id";
    public static final String VITAL_SIGN_ID = "vital_sign_id";
    /** Coded column group. */
    public static final String CATEGORY = "category";

    private VitalSignCategoryColumns() {
    }
}
