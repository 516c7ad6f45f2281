package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code practitioner_role}: a clinician's role at an organization and location. Its columns shared with other
 * tables are named in {@link DirectoryContactColumns}. Column groups are named by their prefix (see {@link
 * ColumnGroups}).
 */
public final class PractitionerRoleColumns {

    public static final String TABLE = "practitioner_role";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    public static final String PRACTITIONER_ID = "practitioner_id";
    public static final String ORGANIZATION_ID = "organization_id";
    public static final String LOCATION_ID = "location_id";
    public static final String ENDPOINT_ID = "endpoint_id";
    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";
    /** Coded column group. */
    public static final String ROLE = "role";
    /** Coded column group. */
    public static final String SPECIALTY = "specialty";

    private PractitionerRoleColumns() {
    }
}
