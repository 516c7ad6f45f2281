package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code practitioner_role_telecom}: a role's contact points besides the phone and e-mail columns. Its columns
 * shared with other tables are named in {@link TelecomColumns}.
 */
public final class PractitionerRoleTelecomColumns {

    public static final String TABLE = "practitioner_role_telecom";

    public static final String ID = "id";
    public static final String PRACTITIONER_ROLE_ID = "practitioner_role_id";

    private PractitionerRoleTelecomColumns() {
    }
}
