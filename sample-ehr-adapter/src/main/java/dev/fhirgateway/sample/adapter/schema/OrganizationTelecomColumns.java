package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code organization_telecom}: an organization's contact points besides its phone and e-mail columns. Its
 * columns shared with other tables are named in {@link TelecomColumns}.
 */
public final class OrganizationTelecomColumns {

    public static final String TABLE = "organization_telecom";

    public static final String ID = "id";
    public static final String ORGANIZATION_ID = "organization_id";

    private OrganizationTelecomColumns() {
    }
}
