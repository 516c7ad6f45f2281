package dev.fhirgateway.sample.adapter.schema;

/**
 * Table {@code practitioner_telecom}: a clinician's contact points besides the phone and e-mail columns. Its columns
 * shared with other tables are named in {@link TelecomColumns}.
 */
public final class PractitionerTelecomColumns {

    public static final String TABLE = "practitioner_telecom";

    public static final String ID = "id";
    public static final String PRACTITIONER_ID = "practitioner_id";

    private PractitionerTelecomColumns() {
    }
}
