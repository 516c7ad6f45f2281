package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code organization}: the directory of organizations (the practice itself, payers, labs, other providers). Its
 * columns shared with other tables are named in {@link DirectoryContactColumns}. Column groups are named by their
 * prefix (see {@link ColumnGroups}).
 */
public final class OrganizationColumns {

    public static final String TABLE = "organization";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String NAME = "name";
    public static final String ACTIVE = "active";
    /** Coded column group. */
    public static final String TYPE = "type";

    private OrganizationColumns() {
    }
}
