package dev.fhirgateway.sample.adapter.schema;

/**
 * The columns of the directory tables' further contact points ({@code organization_telecom}, {@code
 * practitioner_telecom}, {@code location_telecom}, {@code practitioner_role_telecom}).
 */
public final class TelecomColumns {

    public static final String TELECOM_SYSTEM = "telecom_system";
    public static final String TELECOM_VALUE = "telecom_value";
    public static final String TELECOM_USE = "telecom_use";

    private TelecomColumns() {
    }
}
