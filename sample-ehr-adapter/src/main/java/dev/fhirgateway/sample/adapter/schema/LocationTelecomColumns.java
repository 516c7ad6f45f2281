package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code location_telecom}: a site's contact points besides the phone column. Its columns shared with other
 * tables are named in {@link TelecomColumns}.
 */
public final class LocationTelecomColumns {

    public static final String TABLE = "location_telecom";

    public static final String ID = "id";
    public static final String LOCATION_ID = "location_id";

    private LocationTelecomColumns() {
    }
}
