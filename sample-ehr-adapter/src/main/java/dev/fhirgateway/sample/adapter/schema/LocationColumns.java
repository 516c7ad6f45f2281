package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code location}: the sites of the practice and of other organizations. Its columns shared with other tables
 * are named in {@link DirectoryContactColumns}. Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class LocationColumns {

    public static final String TABLE = "location";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String NAME = "name";
    public static final String ORGANIZATION_ID = "organization_id";
    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String TYPE = "type";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String PHONE_USE = "phone_use";

    private LocationColumns() {
    }
}
