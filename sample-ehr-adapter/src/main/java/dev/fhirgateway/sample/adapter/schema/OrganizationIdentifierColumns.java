package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code organization_identifier}: the identifiers of an organization besides its NPI. Its columns shared with
 * other tables are named in {@link IdentifierColumns}.
 */
public final class OrganizationIdentifierColumns {

    public static final String TABLE = "organization_identifier";

    public static final String ID = "id";
    public static final String ORGANIZATION_ID = "organization_id";

    private OrganizationIdentifierColumns() {
    }
}
