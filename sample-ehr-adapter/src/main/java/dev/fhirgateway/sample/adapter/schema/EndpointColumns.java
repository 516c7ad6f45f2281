package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code endpoint}: the technical endpoints (e.g. Direct addresses, FHIR servers) of organizations and roles.
 * Column groups are named by their prefix (see {@link ColumnGroups}).
 */
public final class EndpointColumns {

    public static final String TABLE = "endpoint";

    public static final String ID = "id";
    public static final String PRACTICE_ID = "practice_id";
    public static final String PUBLIC_ID = "public_id";
    /** Identifier column group. */
    public static final String IDENTIFIER = "identifier";
    public static final String STATUS = "status";
    /** Coded column group. */
    public static final String CONNECTION_TYPE = "connection_type";
    /** Coded column group. */
    public static final String PAYLOAD_TYPE = "payload_type";
    public static final String NAME = "name";
    public static final String ADDRESS = "address";

    private EndpointColumns() {
    }
}
